/**
 * Penalties on the weights of a linear model and their proximal operators: none, L2 (ridge), L1
 * (lasso, soft-thresholding) and the elastic net with MLlib's (regParam, elasticNetParam) mapping. All
 * are separable and cases of the elastic net, which the solvers' lazy sparse updates use. The
 * intercept is never penalized.
 */
package dev.geodesic.finitesum.prox;
