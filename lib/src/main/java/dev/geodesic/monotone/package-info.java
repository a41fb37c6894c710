/**
 * Finite-sum monotone inclusions 0 ∈ F(u) + G(u), F = (1/n)·Σ_i F_i, and the methods of Cai, Alacaoglu
 * &amp; Diakonikolas, "Variance Reduced Halpern Iteration for Finite-Sum Monotone Inclusions" (ICLR 2024)
 * with their baselines, all on the iteration core and counting oracle calls in component evaluations.
 *
 * <ul>
 *   <li>Operators: {@link dev.geodesic.monotone.FiniteSumOperator} (full and one-component evaluations,
 *       Lipschitz constants); problems {@link dev.geodesic.monotone.MatrixGame} (with
 *       {@link dev.geodesic.monotone.PolicemanBurglar}), {@link dev.geodesic.monotone.RegularizedBilinear}
 *       (closed-form saddle point) and {@link dev.geodesic.monotone.DroLogisticRegression} (rows as
 *       components).
 *   <li>{@link dev.geodesic.monotone.ComponentBlock}s hold components [from, to) with their data
 *       ({@link dev.geodesic.monotone.MatrixGameBlock}, {@link dev.geodesic.monotone.DroLogisticBlock}) so
 *       they can be evaluated where that data lives; {@link dev.geodesic.monotone.BlockedOperator} sums them.
 *       {@link dev.geodesic.monotone.FiniteSumOperator#fetch} brings the components that the next stochastic
 *       steps drew to where the method runs ({@link dev.geodesic.monotone.FetchedComponents}, evaluated through
 *       {@link dev.geodesic.monotone.Components}), so a distributed operator needs one remote call for them all.
 *   <li>G through its resolvent {@link dev.geodesic.monotone.Resolvent}: simplex, box, ball, χ²-ball,
 *       products and G = 0. {@link dev.geodesic.monotone.MonotoneInclusion} pairs F with G and computes
 *       the residual, the exit criterion.
 *   <li>Methods ({@link dev.geodesic.monotone.MonotoneMethod}): {@link dev.geodesic.monotone.VrHalpern}
 *       (Algorithm 1, with the {@link dev.geodesic.monotone.PageEstimator}),
 *       {@link dev.geodesic.monotone.InexactVrHalpern} (Algorithm 2), {@link dev.geodesic.monotone.Extragradient},
 *       {@link dev.geodesic.monotone.AnchoredExtragradient}, {@link dev.geodesic.monotone.VrExtragradient}
 *       and {@link dev.geodesic.monotone.Halpern}.
 * </ul>
 */
package dev.geodesic.monotone;
