/**
 * The iteration core every iterative solver runs on, so that all of them stop, report, count,
 * checkpoint and resume the same way (modelled on Hipparchus' {@code BaseOptimizer} with its
 * {@code ConvergenceChecker}, and on Pymanopt's optimizer result).
 *
 * <ul>
 *   <li>An algorithm is an {@link dev.geodesic.iteration.IterativeMethod}: one {@code step} per
 *       iteration returning that iteration's metrics, and a serializable state that can be saved and
 *       restored exactly.
 *   <li>{@link dev.geodesic.iteration.IterationLoop} runs a method: counts iterations and oracle
 *       calls ({@link dev.geodesic.iteration.OracleCounter}), keeps the clock, checks the composable
 *       {@link dev.geodesic.iteration.StoppingRule}s, feeds the progress listener and the trace,
 *       times remote work apart from local work, and hands a
 *       {@link dev.geodesic.iteration.Checkpoint} to its hooks every few iterations.
 *   <li>Every run ends with an {@link dev.geodesic.iteration.IterationOutcome} that says why it
 *       stopped ({@link dev.geodesic.iteration.StopReason}).
 * </ul>
 *
 * <p>Nothing here knows Spark: the Spark driver in {@code jobs/} implements
 * {@link dev.geodesic.iteration.IterationLoop.Hooks} (naming each Spark job after its iteration,
 * storing checkpoints, cutting lineage), and a single-machine run uses the default hooks.
 */
package dev.geodesic.iteration;
