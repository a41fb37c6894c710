package dev.geodesic.jobs.ot;

import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DataBlock;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.linalg.BlasBackend;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.LabelAugmentation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The clients of an OT command as cached measures, client k on partition k (or k mod P with
 * {@code --partitions P}): from two inputs
 * (client A = the first, B = the second) or from one input split by its client column. Optionally
 * each client augments its samples with its label classes' statistics (OTDD-style) in place.
 */
public final class ClientMeasures {
  private final JavaRDD<ClientMeasure> rdd;
  private final List<String> clients;
  private final int dimension;
  private final Set<String> executorBlas;
  private final Map<String, Integer> sizes;
  private final boolean weighted;

  private ClientMeasures(JavaRDD<ClientMeasure> rdd, List<String> clients, int dimension, Set<String> executorBlas,
      Map<String, Integer> sizes, boolean weighted) {
    this.rdd = rdd;
    this.clients = clients;
    this.dimension = dimension;
    this.executorBlas = executorBlas;
    this.sizes = sizes;
    this.weighted = weighted;
  }

  /** Two inputs, named by their paths' order: client A and client B. */
  public static ClientMeasures fromTwoInputs(ValidatedInput a, ValidatedInput b, boolean augmentLabels, int partitions) {
    if (a.dimension() != b.dimension()) {
      throw new InvalidInputException("dimension mismatch: input '" + a.name() + "' has " + a.dimension()
          + " features, input '" + b.name() + "' has " + b.dimension());
    }
    // unionByName needs the same columns on both sides: a side without weights weighs each row 1.
    boolean weighted = a.hasWeight() || b.hasWeight();
    Dataset<Row> da = tag(a, "A", augmentLabels, weighted);
    Dataset<Row> db = tag(b, "B", augmentLabels, weighted);
    ValidatedInput both = new ValidatedInput(a.name() + " + " + b.name(), da.unionByName(db), a.dimension(),
        a.rows() + b.rows());
    return build(both, List.of("A", "B"), augmentLabels, partitions, Map.of("A", a.name(), "B", b.name()));
  }

  private static Dataset<Row> tag(ValidatedInput in, String client, boolean withLabel, boolean withWeight) {
    if (withLabel && !in.hasLabel()) {
      throw new InvalidInputException("--label-augment: input '" + in.name() + "' has no label column");
    }
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(functions.col(DatasetReader.FEATURES));
    if (withLabel) {
      cols.add(functions.col(DatasetReader.LABEL));
    }
    if (withWeight) {
      cols.add(in.hasWeight() ? functions.col(DatasetReader.WEIGHT) : functions.lit(1.0).as(DatasetReader.WEIGHT));
    }
    Dataset<Row> d = in.data().select(cols.toArray(new org.apache.spark.sql.Column[0]));
    return d.withColumn(DatasetReader.CLIENT, functions.lit(client));
  }

  /** One input whose client column splits it; at least {@code minClients} clients. */
  public static ClientMeasures fromClientColumn(ValidatedInput in, String clientColumn, int minClients,
      boolean augmentLabels, int partitions) {
    if (!in.hasClient()) {
      throw new InvalidInputException("input '" + in.name() + "' has no client column '" + clientColumn + "'");
    }
    if (augmentLabels && !in.hasLabel()) {
      throw new InvalidInputException("--label-augment: input '" + in.name() + "' has no label column");
    }
    List<String> clients = BlockLayout.clients(in);
    if (clients.size() < minClients) {
      throw new InvalidInputException("input '" + in.name() + "' has " + clients.size() + " client(s) in '"
          + clientColumn + "', at least " + minClients + " are needed");
    }
    Dataset<Row> d = augmentLabels ? in.data()
        : in.hasWeight() ? in.data().select(DatasetReader.FEATURES, DatasetReader.CLIENT, DatasetReader.WEIGHT)
        : in.data().select(DatasetReader.FEATURES, DatasetReader.CLIENT);
    Map<String, String> inputs = new HashMap<>();
    for (String c : clients) {
      inputs.put(c, in.name());
    }
    return build(new ValidatedInput(in.name(), d, in.dimension(), in.rows()), clients, augmentLabels, partitions,
        inputs);
  }

  /**
   * {@code partitions}: how many partitions hold the K clients (0: one per client); {@code inputs}:
   * the input each client came from, for messages.
   */
  private static ClientMeasures build(ValidatedInput in, List<String> clients, boolean augment, int partitions,
      Map<String, String> inputs) {
    JavaRDD<DataBlock> blocks = BlockLayout.byClient(in, clients, partitions > 0 ? partitions : clients.size());
    JavaRDD<ClientMeasure> measures = blocks.map(b -> toMeasure(b, augment));
    measures.persist(StorageLevel.MEMORY_AND_DISK());
    List<PartitionInfo> info = SparkJobs.described(measures.context(), "cache client measures",
        () -> measures.mapPartitions(ClientMeasures::describe).collect());
    blocks.unpersist(false);
    int d = augment ? 3 * in.dimension() : in.dimension();
    Set<String> blas = new TreeSet<>();
    Map<String, Integer> sizes = new HashMap<>();
    for (PartitionInfo p : info) {
      blas.add(p.blas());
      if (p.client() != null) {
        sizes.put(p.client(), p.size());
        if (!(p.rawMass() > 0) || Double.isInfinite(p.rawMass())) {
          measures.unpersist(false);
          throw new InvalidInputException("input '" + inputs.get(p.client()) + "': client '" + p.client() + "': "
              + (p.rawMass() > 0 ? "the 'weight' column sums to " + p.rawMass() + " (rescale the weights)"
                  : "every 'weight' is 0 (a set needs a positive total weight)"));
        }
      }
    }
    return new ClientMeasures(measures, List.copyOf(clients), d, blas, sizes, in.hasWeight());
  }

  /**
   * The client's samples as a measure of mass 1: uniform 1/n, or its rows' weights over their sum
   * (zero-weight rows stay, so atom i is still input row i). An all-zero block keeps its raw zeros
   * here and is refused on the driver ({@link #build}) with the input's name.
   */
  private static ClientMeasure toMeasure(DataBlock b, boolean augment) {
    DenseMatrix x = augment ? LabelAugmentation.augment(b.features(), b.labels()) : b.features();
    if (b.weights() == null) {
      return new ClientMeasure(b.client(), DiscreteMeasure.uniform(x), 1.0);
    }
    double total = 0.0;
    for (double w : b.weights()) {
      total += w;
    }
    if (!(total > 0) || Double.isInfinite(total)) {
      return new ClientMeasure(b.client(), null, total);
    }
    double[] w = new double[b.weights().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = b.weights()[i] / total;
    }
    return new ClientMeasure(b.client(), new DiscreteMeasure(x, w), total);
  }

  /**
   * What the task caching a client's measure reports: the client, its sample count, its BLAS (e.g.
   * JNIBLAS/Prescott), and the sum of its raw weights (1 when unweighted).
   */
  record PartitionInfo(String client, int size, String blas, double rawMass) implements java.io.Serializable {}

  private static Iterator<PartitionInfo> describe(Iterator<ClientMeasure> it) {
    List<PartitionInfo> l = new ArrayList<>(1);
    String blas = BlasBackend.current().executorLabel();
    while (it.hasNext()) {
      ClientMeasure c = it.next();
      l.add(new PartitionInfo(c.client(), c.measure() == null ? 0 : c.measure().size(), blas, c.rawMass()));
    }
    if (l.isEmpty()) {
      l.add(new PartitionInfo(null, 0, blas, 1.0));
    }
    return l.iterator();
  }

  /** Number of samples of {@code client}. */
  public int size(String client) {
    return sizes.get(client);
  }

  public JavaRDD<ClientMeasure> rdd() {
    return rdd;
  }

  public List<String> clients() {
    return clients;
  }

  /** Feature dimension of the measures (3d with label augmentation). */
  public int dimension() {
    return dimension;
  }

  /** Whether the measures carry the input's weight column (else every sample weighs 1/n). */
  public boolean weighted() {
    return weighted;
  }

  public Set<String> executorBlas() {
    return executorBlas;
  }

  /** Every client's measure on the driver (for centralized verification). */
  public List<ClientMeasure> collect() {
    return rdd.collect();
  }

  public void unpersist() {
    rdd.unpersist(false);
  }
}
