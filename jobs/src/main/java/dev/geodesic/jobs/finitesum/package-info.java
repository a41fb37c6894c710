/**
 * The {@code finite-sum} command's Spark work: the rows cached as one dense or CSR shard per partition
 * ({@link dev.geodesic.jobs.finitesum.SparkFiniteSumShards}) and the job that runs
 * {@code lib}'s distributed variance-reduced rounds on them through the iterative-job driver
 * ({@link dev.geodesic.jobs.finitesum.FiniteSumJob}).
 */
package dev.geodesic.jobs.finitesum;
