/**
 * The iterative-job driver: runs any {@link dev.geodesic.iteration.IterativeMethod} on Spark for any
 * command. {@link dev.geodesic.jobs.driver.IterativeJobDriver} supplies the iteration core's hooks —
 * each Spark job is named after its iteration, remote (Spark) work is timed apart from the driver's,
 * progress goes to the log and the trace, the method's state is checkpointed every
 * {@code --checkpoint-every} iterations into one generic
 * {@link dev.geodesic.jobs.driver.CheckpointStore} (versioned, fingerprinted, complete-or-absent) and
 * resumed from it, and RDD lineage is cut periodically ({@link dev.geodesic.jobs.driver.Lineage}) so
 * that thousands of rounds neither slow down nor overflow the stack.
 */
package dev.geodesic.jobs.driver;
