/**
 * Optimal transport on Spark: clients' samples as cached measures, one per partition
 * ({@link dev.geodesic.jobs.ot.ClientMeasures}); centralized OT of two clients gathered on the driver
 * ({@link dev.geodesic.jobs.ot.CentralizedOtJob}, solver chosen by {@link dev.geodesic.jobs.ot.OtSolver});
 * and the FedWaD server loop on the driver ({@link dev.geodesic.jobs.ot.FederatedWassersteinJob}), one
 * Spark job per round for all pairs.
 */
package dev.geodesic.jobs.ot;
