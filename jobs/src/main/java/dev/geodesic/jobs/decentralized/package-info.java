/**
 * The {@code drcgd} command's Spark side: decentralized Riemannian methods on the Stiefel manifold
 * ({@code lib/…/decentralized}) with the agents' rows on the executors. Each agent is one cached
 * {@link dev.geodesic.jobs.decentralized.SparkAgents.Agent} (its local objective, with its d×d Gramian
 * formed once when d is small); the driver holds every agent's x_i (and η_i, y_i) and does the
 * mixing as the sparse neighbour sum (driver-mediated exchange); one Spark job per iteration
 * computes the local gradients where the data live.
 */
package dev.geodesic.jobs.decentralized;
