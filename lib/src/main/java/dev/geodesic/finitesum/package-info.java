/**
 * Variance-reduced solvers for finite sums of linear-model losses, min F(x) + h(W) with
 * F = (1/N)·Σ_i ℓ(Wᵀa_i + b, y_i): {@link dev.geodesic.finitesum.SagaSolver}, {@link
 * dev.geodesic.finitesum.SvrgSolver}, {@link dev.geodesic.finitesum.LooplessSvrgSolver}, all proximal,
 * and the full-gradient reference {@link dev.geodesic.finitesum.AcceleratedProximalGradient}, each an
 * {@code IterativeMethod} on the iteration core with one iteration per epoch or outer round. The
 * problem ({@link dev.geodesic.finitesum.FiniteSumProblem}) holds the rows, the loss ({@code .loss}),
 * the penalty ({@code .prox}) and the intercept; the step kernel ({@link
 * dev.geodesic.finitesum.ProximalIterate}) is dense BLAS-style for dense rows and "just-in-time" lazy
 * for sparse ones. The distributed decomposition lives in {@code .distributed}.
 */
package dev.geodesic.finitesum;
