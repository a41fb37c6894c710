package dev.geodesic.jobs.finitesum;

import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.data.FeatureBlock;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.distributed.FiniteSumShard;
import dev.geodesic.finitesum.distributed.GradientAggregator;
import dev.geodesic.finitesum.distributed.IterateAverager;
import dev.geodesic.finitesum.distributed.LocalPassPlan;
import dev.geodesic.finitesum.distributed.ShardedFiniteSum;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.jobs.spark.PartitionJobs;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The finite sum's rows on Spark: one cached {@link FiniteSumShard} per partition (a dense column-major
 * block or a CSR block, built once from the partition's rows). Each collective is one Spark job: every
 * task runs its shard's work on the round's x (and μ) and returns one mergeable {@link
 * GradientAggregator} / {@link IterateAverager}. While partitions × parameters is small the job is a
 * {@link PartitionJobs} job merged on the driver in partition order; above {@link #DRIVER_MERGE_DOUBLES}
 * it is a broadcast plus {@code treeAggregate}, which merges on the executors.
 */
public final class SparkFiniteSumShards implements ShardedFiniteSum {
  private final JavaSparkContext jsc;
  private final JavaRDD<FiniteSumShard> shards;
  private final long rows;
  private final int count;
  private final double maxRowSmoothness;
  private final double meanRowSmoothness;
  private final int parameters;

  private SparkFiniteSumShards(JavaSparkContext jsc, JavaRDD<FiniteSumShard> shards, long rows, int count,
      double maxRowSmoothness, double meanRowSmoothness, int parameters) {
    this.jsc = jsc;
    this.shards = shards;
    this.rows = rows;
    this.count = count;
    this.maxRowSmoothness = maxRowSmoothness;
    this.meanRowSmoothness = meanRowSmoothness;
    this.parameters = parameters;
  }

  /**
   * Lays the rows ({@code features} as {@code array<double>} or a Spark ML vector, {@code label}) out as
   * one shard per non-empty partition and caches them; {@code center} (the global mean row, dense layout
   * only) is applied to every shard; {@code scale} (null for none) multiplies column j by scale[j]
   * before anything else. Sparse vectors go to CSR blocks entry by entry, never through a dense row.
   */
  public static SparkFiniteSumShards build(JavaSparkContext jsc, JavaRDD<Row> input, int d, Layout layout,
      MarginLoss loss, Regularizer penalty, boolean intercept, double[] center, double[] scale) {
    JavaRDD<FiniteSumShard> shards = input.mapPartitionsWithIndex(
        (p, it) -> shard(p, it, d, layout, loss, penalty, intercept, center, scale), true);
    shards.persist(StorageLevel.MEMORY_AND_DISK());
    jsc.setJobDescription("finite-sum: lay out the rows as " + layout.label() + " blocks");
    List<double[]> stats;
    try {
      stats = shards.map(s -> new double[] {s.rows().rows(), s.rows().maxRowSmoothness(),
          s.rows().meanRowSmoothness()}).collect();
    } finally {
      jsc.setJobDescription(null);
    }
    long n = 0;
    double l = 0;
    double mean = 0;
    for (double[] s : stats) {
      n += (long) s[0];
      l = Math.max(l, s[1]);
      mean = Math.max(mean, s[2]);
    }
    int k = loss.outputs();
    return new SparkFiniteSumShards(jsc, shards, n, stats.size(), l, mean, d * k + (intercept ? k : 0));
  }

  /** One partition's rows as a shard (none for an empty partition). */
  private static Iterator<FiniteSumShard> shard(int partition, Iterator<Row> it, int d, Layout layout, MarginLoss loss,
      Regularizer penalty, boolean intercept, double[] center, double[] scale) {
    Labels labels = new Labels();
    FeatureBlock block;
    if (layout == Layout.DENSE) {
      // rows go to fixed-size chunks, copied once into the block: at most twice the block's bytes at any
      // time (a doubling array would reach three times at its last growth plus the final trim)
      int perChunk = Math.max(1, DENSE_CHUNK_DOUBLES / Math.max(d, 1));
      List<double[]> chunks = new ArrayList<>();
      double[] chunk = null;
      int n = 0;
      while (it.hasNext()) {
        Row r = it.next();
        int inChunk = n % perChunk;
        if (inChunk == 0) {
          chunk = new double[perChunk * d];
          chunks.add(chunk);
        }
        double[] col = chunk;
        int at = inChunk * d;
        FeatureRows.nonZeros(r, d, scale, (j, v) -> col[at + j] = v);
        labels.add(r.getDouble(1));
        n++;
      }
      if ((long) n * d > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("partition " + partition + " has " + n + " rows of " + d
            + " features, more doubles than one block holds: use more partitions");
      }
      double[] x = new double[n * d];
      for (int c = 0; c < chunks.size(); c++) {
        int from = c * perChunk * d;
        System.arraycopy(chunks.get(c), 0, x, from, Math.min(perChunk * d, n * d - from));
        chunks.set(c, null);
      }
      block = new DenseFeatureBlock(DenseMatrix.wrap(d, n, x));
    } else {
      // nonzeros only: a row never exists densely in the block
      CsrBuilder csr = new CsrBuilder(partition);
      while (it.hasNext()) {
        Row r = it.next();
        FeatureRows.nonZeros(r, d, scale, csr::add);
        labels.add(r.getDouble(1));
        csr.endRow();
      }
      block = csr.block(d);
    }
    List<FiniteSumShard> out = new ArrayList<>(1);
    if (block.rows() > 0) {
      FiniteSumProblem p = FiniteSumProblem.of(block, labels.toArray(), loss, penalty, intercept).withCenter(center);
      out.add(new FiniteSumShard(partition, p));
    }
    return out.iterator();
  }

  /** Doubles per chunk while a dense block is read (8 MB). */
  static final int DENSE_CHUNK_DOUBLES = 1 << 20;

  /** The labels as they are read: one growing array, no boxed value per row. */
  private static final class Labels {
    double[] y = new double[64];
    int n;

    void add(double v) {
      if (n == y.length) {
        y = Arrays.copyOf(y, 2 * n);
      }
      y[n++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(y, n);
    }
  }

  /** Grows a CSR block's arrays row by row. */
  private static final class CsrBuilder {
    int[] ptr = new int[65];
    int[] idx = new int[256];
    double[] val = new double[256];
    int rows;
    int nnz;
    final int partition;

    CsrBuilder(int partition) {
      this.partition = partition;
    }

    void add(int j, double v) {
      if (nnz == idx.length) {
        if (nnz >= Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("partition " + partition + " has more nonzeros than one CSR block holds ("
              + nnz + "): use more partitions");
        }
        int grown = (int) Math.min(2L * nnz, Integer.MAX_VALUE - 8);
        idx = Arrays.copyOf(idx, grown);
        val = Arrays.copyOf(val, grown);
      }
      idx[nnz] = j;
      val[nnz++] = v;
    }

    void endRow() {
      rows++;
      if (rows + 1 >= ptr.length) {
        ptr = Arrays.copyOf(ptr, 2 * ptr.length);
      }
      ptr[rows] = nnz;
    }

    CsrFeatureBlock block(int d) {
      return new CsrFeatureBlock(d, Arrays.copyOf(ptr, rows + 1), Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public int shards() {
    return count;
  }

  @Override
  public double maxRowSmoothness() {
    return maxRowSmoothness;
  }

  @Override
  public double meanRowSmoothness() {
    return meanRowSmoothness;
  }

  /**
   * Above this many doubles (partitions × parameters) the per-partition sums merge on the executors
   * ({@code treeAggregate}); below it each collective is one {@link PartitionJobs} job whose results the
   * driver merges in partition order (no closure cleaning, no new RDD, deterministic sums).
   */
  static final long DRIVER_MERGE_DOUBLES = 1L << 22;

  /** Above this many parameters the round's vectors travel as a {@code Broadcast} instead of in the task. */
  static final int TASK_PAYLOAD_DOUBLES = 1 << 16;

  private boolean mergeOnDriver() {
    return (long) count * parameters <= DRIVER_MERGE_DOUBLES;
  }

  @Override
  public GradientAggregator fullGradient(double[] x) {
    if (mergeOnDriver()) {
      Payload p = Payload.of(jsc, x, null, parameters);
      try {
        return PartitionJobs.reduce(shards, new GradientTask(p, parameters), GradientAggregator::merge);
      } finally {
        p.destroy();
      }
    }
    Broadcast<double[]> b = jsc.broadcast(x);
    try {
      return gradient(shards, b, parameters);
    } finally {
      b.destroy();
    }
  }

  @Override
  public IterateAverager localPasses(double[] w, double[] mu, LocalPassPlan plan) {
    if (mergeOnDriver()) {
      Payload p = Payload.of(jsc, w, mu, parameters);
      try {
        return PartitionJobs.reduce(shards, new LocalPassTask(p, plan, parameters), IterateAverager::merge);
      } finally {
        p.destroy();
      }
    }
    Broadcast<Snapshot> b = jsc.broadcast(new Snapshot(w, mu));
    try {
      return local(shards, b, plan, parameters);
    } finally {
      b.destroy();
    }
  }

  /** The round's vectors: in the task itself when small, else behind a broadcast the task holds. */
  record Payload(Snapshot inline, Broadcast<Snapshot> broadcast) implements Serializable {
    static Payload of(JavaSparkContext jsc, double[] w, double[] mu, int parameters) {
      Snapshot s = new Snapshot(w, mu);
      return parameters <= TASK_PAYLOAD_DOUBLES ? new Payload(s, null) : new Payload(null, jsc.broadcast(s));
    }

    Snapshot value() {
      return inline != null ? inline : broadcast.value();
    }

    void destroy() {
      if (broadcast != null) {
        broadcast.destroy();
      }
    }
  }

  /** A partition's part of the full gradient (a named class: see {@link PartitionJobs}). */
  static final class GradientTask implements PartitionJobs.Task<FiniteSumShard, GradientAggregator> {
    private static final long serialVersionUID = 1L;
    private final Payload payload;
    private final int parameters;

    GradientTask(Payload payload, int parameters) {
      this.payload = payload;
      this.parameters = parameters;
    }

    @Override
    public GradientAggregator run(int partition, Iterator<FiniteSumShard> shards) {
      GradientAggregator agg = new GradientAggregator(parameters);
      double[] x = payload.value().w();
      while (shards.hasNext()) {
        agg.merge(shards.next().gradient(x));
      }
      return agg;
    }
  }

  /** A partition's local passes of the round. */
  static final class LocalPassTask implements PartitionJobs.Task<FiniteSumShard, IterateAverager> {
    private static final long serialVersionUID = 1L;
    private final Payload payload;
    private final LocalPassPlan plan;
    private final int parameters;

    LocalPassTask(Payload payload, LocalPassPlan plan, int parameters) {
      this.payload = payload;
      this.plan = plan;
      this.parameters = parameters;
    }

    @Override
    public IterateAverager run(int partition, Iterator<FiniteSumShard> shards) {
      IterateAverager avg = new IterateAverager(parameters);
      Snapshot s = payload.value();
      while (shards.hasNext()) {
        avg.merge(shards.next().localPass(s.w(), s.mu(), plan));
      }
      return avg;
    }
  }

  /** Static, so the task closures capture only the broadcast and the plan. */
  private static GradientAggregator gradient(JavaRDD<FiniteSumShard> shards, Broadcast<double[]> x, int parameters) {
    return shards.treeAggregate(new GradientAggregator(parameters), (agg, s) -> agg.merge(s.gradient(x.value())),
        GradientAggregator::merge);
  }

  private static IterateAverager local(JavaRDD<FiniteSumShard> shards, Broadcast<Snapshot> snap, LocalPassPlan plan,
      int parameters) {
    return shards.treeAggregate(new IterateAverager(parameters),
        (avg, s) -> avg.merge(s.localPass(snap.value().w(), snap.value().mu(), plan)), IterateAverager::merge);
  }

  /** The round's snapshot and its full gradient, broadcast together. */
  record Snapshot(double[] w, double[] mu) implements Serializable {}

  public void unpersist() {
    shards.unpersist(false);
  }
}
