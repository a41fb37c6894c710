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
import org.apache.spark.sql.Row;
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
   * whole in one partition, and a partition may hold several clients (fewer, larger tasks).
   */
  public static JavaRDD<DataBlock> byClient(ValidatedInput input, List<String> clients, int partitions) {
    Map<String, Integer> index = new TreeMap<>();
    for (int k = 0; k < clients.size(); k++) {
      index.put(clients.get(k), k);
    }
    final int d = input.dimension();
    final boolean labels = input.hasLabel();
    final int clientCol = Arrays.asList(input.data().columns()).indexOf(DatasetReader.CLIENT);
    // Rows are packed into primitive arrays (features, then the label) before the shuffle: shuffling
    // Spark Rows of boxed values costs far more than the arrays they hold.
    JavaPairRDD<Integer, double[]> keyed = input.data().javaRDD()
        .mapToPair(r -> new Tuple2<>(index.get(r.getString(clientCol)), pack(r, d, labels)))
        .partitionBy(new ModuloPartitioner(Math.max(1, Math.min(partitions, clients.size()))));
    final List<String> names = new ArrayList<>(clients);
    JavaRDD<DataBlock> blocks = keyed.mapPartitionsWithIndex(
        (p, it) -> fromPacked(p, names, it, d, labels), true);
    return materialize(blocks, "lay out " + input.name() + " by client");
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

  /** A row as {@code features} followed by {@code label} when present. */
  static double[] pack(Row r, int d, boolean withLabel) {
    double[] out = new double[withLabel ? d + 1 : d];
    List<Object> f = r.getList(0);
    for (int k = 0; k < d; k++) {
      out[k] = (Double) f.get(k);
    }
    if (withLabel) {
      out[d] = r.getDouble(1);
    }
    return out;
  }

  /** Packed rows keyed by client index (see {@link #pack}) into one column-major block per client. */
  static Iterator<DataBlock> fromPacked(int partition, List<String> names, Iterator<Tuple2<Integer, double[]>> it,
      int d, boolean withLabels) {
    Map<Integer, List<double[]>> byClient = new TreeMap<>();
    while (it.hasNext()) {
      Tuple2<Integer, double[]> t = it.next();
      byClient.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
    }
    List<DataBlock> out = new ArrayList<>(byClient.size());
    for (Map.Entry<Integer, List<double[]>> e : byClient.entrySet()) {
      out.add(block(partition, names.get(e.getKey()), e.getValue(), d, withLabels));
    }
    return out.iterator();
  }

  private static DataBlock block(int partition, String client, List<double[]> rows, int d, boolean withLabels) {
    int n = rows.size();
    double[] x = new double[n * d];
    double[] y = withLabels ? new double[n] : null;
    for (int j = 0; j < n; j++) {
      double[] r = rows.get(j);
      System.arraycopy(r, 0, x, j * d, d);
      if (withLabels) {
        y[j] = r[d];
      }
    }
    return new DataBlock(partition, client, DenseMatrix.wrap(d, n, x), y);
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
