/**
 * Dense linear algebra on column-major {@code double[]} arrays over {@code dev.ludovic.netlib}.
 *
 * <p>{@link dev.geodesic.linalg.DenseMatrix} is the only matrix type: a column-major array with its
 * dimensions, so that every block can go straight to BLAS/LAPACK without copying.
 * {@link dev.geodesic.linalg.Blas} and {@link dev.geodesic.linalg.Lapack} wrap one netlib backend each
 * (native {@code JNIBLAS} over the system OpenBLAS, or the pure-Java fallback) and say which one runs;
 * every solver in Geodesic does its inner loops through them.
 */
package dev.geodesic.linalg;
