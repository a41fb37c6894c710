/**
 * Optimal transport between discrete measures, Spark-free: one class per algorithm.
 *
 * <ul>
 *   <li>{@link dev.geodesic.ot.OptimalTransport#solve} — the one entry point (POT's {@code ot.solve}):
 *       an {@link dev.geodesic.ot.OtProblem} (exact, entropic or sliced, each with its
 *       {@link dev.geodesic.ot.GroundCost}) in, a {@link dev.geodesic.ot.TransportResult} out, saying
 *       which {@link dev.geodesic.ot.TransportQuantity} its distance is.</li>
 *   <li>{@link dev.geodesic.ot.NetworkSimplex} — exact OT (the transportation problem) by the network
 *       simplex method with block-search pivoting, over a {@link dev.geodesic.ot.CostMatrix} that is
 *       either dense ({@link dev.geodesic.ot.DenseCostMatrix}) or computed on the fly
 *       ({@link dev.geodesic.ot.PointCloudCost}).</li>
 *   <li>{@link dev.geodesic.ot.CandidateArcTransport} — exact OT at scale: the network simplex on
 *       candidate arcs, all n·m arcs priced by BLAS in parallel row blocks until the duals certify the
 *       plan; {@link dev.geodesic.ot.OptimalTransport#exact} chooses between the two exact methods.</li>
 *   <li>{@link dev.geodesic.ot.SinkhornSolver} — entropic OT, log-domain stabilized with ε-scaling;
 *       {@link dev.geodesic.ot.EntropicPolicy} holds its default ε, dense-plan limit and plan
 *       sparsification.</li>
 *   <li>{@link dev.geodesic.ot.SlicedWasserstein} and {@link dev.geodesic.ot.OneDimensionalWasserstein}
 *       — sliced W_p and the 1-D closed form (quantile coupling).</li>
 *   <li>{@link dev.geodesic.ot.McCannInterpolation} and {@link dev.geodesic.ot.BarycentricProjection}
 *       — displacement interpolation along a plan (exact and support-limited).</li>
 *   <li>{@link dev.geodesic.ot.FederatedWasserstein} — FedWaD (Rakotomamonjy et al., ICLR 2024): a
 *       certified bracket on W_p(μ, ν) computed by a server that only sees interpolants, with the
 *       clients behind {@link dev.geodesic.ot.WassersteinClient} so a Spark job can supply its own;
 *       {@link dev.geodesic.ot.Requantization} bounds its server measure's support and
 *       {@link dev.geodesic.ot.SummaryLowerBounds} adds certified lower bounds (Gelbrich, 1-D projections)
 *       from the clients' {@link dev.geodesic.ot.ClientSummary summaries}.</li>
 *   <li>{@link dev.geodesic.ot.GaussianWasserstein} — the closed-form W_2 between Gaussians (Bures).</li>
 * </ul>
 *
 * <p>Measures travel as {@link dev.geodesic.ot.DiscreteMeasure}: a d×n column-major block of atoms
 * ("samples are columns") with non-negative weights, checked — like every solver's weights — by
 * {@link dev.geodesic.ot.Marginals}.
 */
package dev.geodesic.ot;
