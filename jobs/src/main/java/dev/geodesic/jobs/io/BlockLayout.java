package dev.geodesic.jobs.io;

import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Lays validated rows out as cached dense blocks: one {@link DataBlock} per partition
 * ({@link #byPartition}), or one per client with each client on its own partition
 * ({@link #byClient}), so that a client's samples stay in the executor that holds that partition.
 * Rows are turned into column-major arrays once; every later pass reads the cached blocks.
 */
public final class BlockLayout {
  private BlockLayout() {}

  /** One block per partition; {@code partitions > 0} repartitions first (round-robin). */
  public static JavaRDD<DataBlock> byPartition(ValidatedInput input, int partitions) {
    JavaRDD<Row> rows = input.data().javaRDD();
    if (partitions > 0 && partitions != rows.getNumPartitions()) {
      rows = rows.repartition(partitions);
    }
    final int d = input.dimension();
    final boolean labels = input.hasLabel();
    JavaRDD<DataBlock> blocks = rows.mapPartitionsWithIndex(
        (p, it) -> single(toBlock(p, null, it, d, labels)), true);
    return materialize(blocks, "lay out " + input.name() + " as dense blocks");
  }

  /** The sorted distinct client names of an input split by client. */
  public static List<String> clients(ValidatedInput input) {
    List<String> out = new ArrayList<>();
    for (Row r : input.data().select(DatasetReader.CLIENT).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    out.sort(null);
    return out;
  }

  /** One block per client, client k (in {@code clients} order) on partition k. */
  public static JavaRDD<DataBlock> byClient(ValidatedInput input, List<String> clients) {
    return byClient(input, clients, clients.size());
  }

  /**
   * One block per client, client k on partition k mod {@code partitions}: each client's samples are
   * whole in one partition, and a partition may hold several clients (fewer, larger tasks). Within a
   * block the samples keep the input's row order (a shuffle may deliver them in any order, so each
   * row carries its position and the block is sorted by it), and the {@code weight} column, when the
   * input has one, becomes the block's {@link DataBlock#weights()}.
   */
  public static JavaRDD<DataBlock> byClient(ValidatedInput input, List<String> clients, int partitions) {
    Map<String, Integer> index = new TreeMap<>();
    for (int k = 0; k < clients.size(); k++) {
      index.put(clients.get(k), k);
    }
    final int d = input.dimension();
    Dataset<Row> data = input.data().withColumn(ORDINAL, functions.monotonically_increasing_id());
    List<String> columns = Arrays.asList(data.columns());
    final int clientCol = columns.indexOf(DatasetReader.CLIENT);
    final Packing packing = new Packing(d, columns.indexOf(DatasetReader.LABEL), columns.indexOf(DatasetReader.WEIGHT),
        columns.indexOf(ORDINAL));
    // Rows are packed into primitive arrays (see Packing) before the shuffle: shuffling
    // Spark Rows of boxed values costs far more than the arrays they hold.
    JavaPairRDD<Integer, double[]> keyed = data.javaRDD()
        .mapToPair(r -> new Tuple2<>(index.get(r.getString(clientCol)), packing.pack(r)))
        .partitionBy(new ModuloPartitioner(Math.max(1, Math.min(partitions, clients.size()))));
    final List<String> names = new ArrayList<>(clients);
    JavaRDD<DataBlock> blocks = keyed.mapPartitionsWithIndex(
        (p, it) -> fromPacked(p, names, it, packing), true);
    return materialize(blocks, "lay out " + input.name() + " by client");
  }

  /** The row-position column {@link #byClient} adds before its shuffle. */
  private static final String ORDINAL = "__geodesic_row";

  /**
   * How {@link #byClient} packs a row: {@code features}, then the label and the weight when present,
   * then the row's position in the input (exact as a double: Spark's ids stay below 2^53 for fewer
   * than 2^20 partitions).
   */
  record Packing(int d, int labelIdx, int weightIdx, int ordinalIdx) implements java.io.Serializable {
    boolean labels() {
      return labelIdx >= 0;
    }

    boolean weights() {
      return weightIdx >= 0;
    }

    int width() {
      return d + (labels() ? 1 : 0) + (weights() ? 1 : 0) + 1;
    }

    double[] pack(Row r) {
      double[] out = new double[width()];
      List<Object> f = r.getList(0);
      for (int k = 0; k < d; k++) {
        out[k] = (Double) f.get(k);
      }
      int at = d;
      if (labels()) {
        out[at++] = r.getDouble(labelIdx);
      }
      if (weights()) {
        out[at++] = r.getDouble(weightIdx);
      }
      out[at] = r.getLong(ordinalIdx);
      return out;
    }
  }

  private static JavaRDD<DataBlock> materialize(JavaRDD<DataBlock> blocks, String description) {
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    SparkJobs.described(blocks.context(), description, blocks::count);
    return blocks;
  }

  private static <T> Iterator<T> single(T t) {
    List<T> l = new ArrayList<>(1);
    l.add(t);
    return l.iterator();
  }

  /** Packed rows keyed by client index (see {@link Packing}) into one column-major block per client, in input order. */
  static Iterator<DataBlock> fromPacked(int partition, List<String> names, Iterator<Tuple2<Integer, double[]>> it,
      Packing packing) {
    Map<Integer, List<double[]>> byClient = new TreeMap<>();
    while (it.hasNext()) {
      Tuple2<Integer, double[]> t = it.next();
      byClient.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
    }
    List<DataBlock> out = new ArrayList<>(byClient.size());
    for (Map.Entry<Integer, List<double[]>> e : byClient.entrySet()) {
      out.add(block(partition, names.get(e.getKey()), e.getValue(), packing));
    }
    return out.iterator();
  }

  private static DataBlock block(int partition, String client, List<double[]> rows, Packing packing) {
    int last = packing.width() - 1;
    rows.sort((u, v) -> Double.compare(u[last], v[last]));
    int d = packing.d();
    int n = rows.size();
    double[] x = new double[n * d];
    double[] y = packing.labels() ? new double[n] : null;
    double[] w = packing.weights() ? new double[n] : null;
    for (int j = 0; j < n; j++) {
      double[] r = rows.get(j);
      System.arraycopy(r, 0, x, j * d, d);
      int at = d;
      if (y != null) {
        y[j] = r[at++];
      }
      if (w != null) {
        w[j] = r[at];
      }
    }
    return new DataBlock(partition, client, DenseMatrix.wrap(d, n, x), y, w);
  }

  /** Copies rows ({@code features}, then {@code label} when present) into one column-major block. */
  static DataBlock toBlock(int partition, String client, Iterator<Row> it, int d, boolean withLabels) {
    double[] x = new double[Math.max(d, 1) * 64];
    double[] y = withLabels ? new double[64] : null;
    int n = 0;
    while (it.hasNext()) {
      Row r = it.next();
      if ((long) (n + 1) * d > x.length) {
        x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8, 2L * x.length));
      }
      List<Object> f = r.getList(0);
      int base = n * d;
      for (int k = 0; k < d; k++) {
        x[base + k] = (Double) f.get(k);
      }
      if (withLabels) {
        if (n == y.length) {
          y = Arrays.copyOf(y, 2 * y.length);
        }
        y[n] = r.getDouble(1);
      }
      n++;
    }
    return new DataBlock(partition, client, DenseMatrix.wrap(d, n, Arrays.copyOf(x, n * d)),
        withLabels ? Arrays.copyOf(y, n) : null);
  }

  /** Sends key k to partition k mod n. */
  static final class ModuloPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int n;

    ModuloPartitioner(int n) {
      this.n = n;
    }

    @Override
    public int numPartitions() {
      return n;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key % n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ModuloPartitioner p && p.n == n;
    }

    @Override
    public int hashCode() {
      return n;
    }
  }
}
