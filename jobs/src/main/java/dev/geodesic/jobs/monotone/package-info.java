/**
 * The {@code monotone} command's Spark side: the components of a finite-sum monotone operator as
 * cached blocks, one per partition ({@link dev.geodesic.jobs.monotone.GameBlocks},
 * {@link dev.geodesic.jobs.monotone.MonotoneProblem}), an operator whose every evaluation is one
 * {@code treeAggregate} over them ({@link dev.geodesic.jobs.monotone.SparkFiniteSumOperator}), and the
 * job that runs a {@code lib/} method on it through the iterative-job driver
 * ({@link dev.geodesic.jobs.monotone.MonotoneJob}).
 */
package dev.geodesic.jobs.monotone;
