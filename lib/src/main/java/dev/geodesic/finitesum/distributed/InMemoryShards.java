package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumProblem;
import java.util.ArrayList;
import java.util.List;

/** Shards held in this process: the collectives are loops over them. */
public final class InMemoryShards implements ShardedFiniteSum {
  private final List<FiniteSumShard> shards;
  private final long rows;
  private final double maxRowSmoothness;
  private final double meanRowSmoothness;

  public InMemoryShards(List<FiniteSumShard> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("no shards");
    }
    this.shards = List.copyOf(shards);
    long n = 0;
    double l = 0;
    double mean = 0;
    for (FiniteSumShard s : shards) {
      n += s.rows().rows();
      l = Math.max(l, s.rows().maxRowSmoothness());
      mean = Math.max(mean, s.rows().meanRowSmoothness());
    }
    this.rows = n;
    this.maxRowSmoothness = l;
    this.meanRowSmoothness = mean;
  }

  /**
   * The rows of {@code problem} cut into consecutive shards of the given sizes (summing to N), each
   * keeping the problem's (global) center.
   */
  public static InMemoryShards split(FiniteSumProblem problem, int... sizes) {
    List<FiniteSumShard> out = new ArrayList<>();
    int from = 0;
    for (int s = 0; s < sizes.length; s++) {
      if (sizes[s] < 1) {
        throw new IllegalArgumentException("shard " + s + " has " + sizes[s] + " rows");
      }
      out.add(new FiniteSumShard(s, problem.rows(from, from + sizes[s])));
      from += sizes[s];
    }
    if (from != problem.rows()) {
      throw new IllegalArgumentException("shard sizes sum to " + from + ", the problem has " + problem.rows() + " rows");
    }
    return new InMemoryShards(out);
  }

  public List<FiniteSumShard> list() {
    return shards;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int shards() {
    return shards.size();
  }

  @Override
  public double maxRowSmoothness() {
    return maxRowSmoothness;
  }

  @Override
  public double meanRowSmoothness() {
    return meanRowSmoothness;
  }

  @Override
  public GradientAggregator fullGradient(double[] x) {
    GradientAggregator agg = new GradientAggregator(x.length);
    for (FiniteSumShard s : shards) {
      agg.merge(s.gradient(x));
    }
    return agg;
  }

  @Override
  public IterateAverager localPasses(double[] w, double[] mu, LocalPassPlan plan) {
    IterateAverager avg = new IterateAverager(w.length);
    for (FiniteSumShard s : shards) {
      avg.merge(s.localPass(w, mu, plan));
    }
    return avg;
  }
}
