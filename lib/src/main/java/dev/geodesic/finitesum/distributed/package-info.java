/**
 * The finite-sum solvers' distributed form: data on shards ({@link
 * dev.geodesic.finitesum.distributed.ShardedFiniteSum}), mergeable aggregators for the full gradient and
 * the local iterates, and {@link dev.geodesic.finitesum.distributed.DistributedSvrg}, whose rounds are
 * one full-gradient collective plus local variance-reduced passes. The shard work ({@link
 * dev.geodesic.finitesum.distributed.FiniteSumShard}) is what a Spark partition runs.
 */
package dev.geodesic.finitesum.distributed;
