package dev.geodesic.finitesum.distributed;

/**
 * A finite sum whose rows sit on shards, as {@link DistributedSvrg} sees it: two collective operations
 * per round, each one job over all shards (under Spark: a broadcast and a {@code treeAggregate}).
 * {@link InMemoryShards} runs them on a list in this process; {@code jobs/} runs them on partitions.
 */
public interface ShardedFiniteSum {
  /** N, all rows. */
  long rows();

  /** The number of shards (messages per collective). */
  int shards();

  /** L_max over all rows (for the default step). */
  double maxRowSmoothness();

  /** max over the shards of their mean L_i (the step's constant when shards sample rows ∝ L_i). */
  double meanRowSmoothness();

  /** Σ over the shards of their {@link FiniteSumShard#gradient} at x. */
  GradientAggregator fullGradient(double[] x);

  /** Σ over the shards of their {@link FiniteSumShard#localPass} from w with correction μ. */
  IterateAverager localPasses(double[] w, double[] mu, LocalPassPlan plan);
}
