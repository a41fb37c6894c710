/**
 * Decentralized Riemannian optimization on the Stiefel manifold: n agents, each holding a local
 * objective f_i, minimize f(x) = (1/n)·Σ_i f_i(x) over x ∈ St(d, r) talking only to their
 * neighbours in a communication graph (mixing and gossip in {@code dev.geodesic.graph}, geometry
 * in {@code dev.geodesic.manifold}).
 *
 * <ul>
 *   <li>Problems: {@link dev.geodesic.decentralized.LocalObjective} (agent i's value and Euclidean
 *       gradient) — {@link dev.geodesic.decentralized.PcaObjective} (decentralized PCA),
 *       {@link dev.geodesic.decentralized.ProcrustesObjective} (orthogonal Procrustes);
 *       {@link dev.geodesic.decentralized.GroundTruth} from the summed Gramians.
 *   <li>Where the agents' work runs: {@link dev.geodesic.decentralized.Agents} — in memory
 *       ({@link dev.geodesic.decentralized.LocalAgents}) or, in {@code jobs/}, on the Spark
 *       executors that hold the data.
 *   <li>Methods, one class each on the iteration core, all agents in lock-step:
 *       {@link dev.geodesic.decentralized.Drcgd} (Chen et al. 2024),
 *       {@link dev.geodesic.decentralized.DrcgdGradientTracking} (its gradient-tracking variant),
 *       {@link dev.geodesic.decentralized.Dprgd} (Deng &amp; Hu 2023),
 *       {@link dev.geodesic.decentralized.Drdgd} and {@link dev.geodesic.decentralized.Drgta}
 *       (Chen et al. 2021).
 * </ul>
 */
package dev.geodesic.decentralized;
