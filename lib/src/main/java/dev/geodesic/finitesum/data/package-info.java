/**
 * Feature rows for the finite-sum solvers: one small interface ({@link
 * dev.geodesic.finitesum.data.FeatureBlock}) over a dense column-major block (BLAS products) and a CSR
 * sparse block (loops over nonzeros, never densified), and the density rule choosing between them
 * ({@link dev.geodesic.finitesum.data.Layout#recommended}).
 */
package dev.geodesic.finitesum.data;
