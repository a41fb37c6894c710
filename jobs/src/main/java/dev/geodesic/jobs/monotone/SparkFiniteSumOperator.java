package dev.geodesic.jobs.monotone;

import dev.geodesic.jobs.spark.PartitionJobs;
import dev.geodesic.monotone.ComponentBlock;
import dev.geodesic.monotone.Components;
import dev.geodesic.monotone.FetchedComponents;
import dev.geodesic.monotone.FiniteSumOperator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;

/**
 * A finite-sum operator whose components live in the executors' cached {@link ComponentBlock}s (one
 * block per partition). Every evaluation is one Spark job: the current point travels in the task
 * closure (2n doubles for a game), each partition adds its blocks' part into a dense vector, and a
 * {@code treeAggregate} sums the vectors. A full evaluation touches every block; a mini-batch
 * correction Σ_{i∈S}[F_i(u) − F_i(v)] is computed by the partitions owning S's members and the
 * others contribute zeros, so the estimator is exactly the single-machine one.
 *
 * <p>{@link #fetch} brings copies of drawn components to the driver in one job (a
 * {@link PartitionJobs} task carrying the sorted indices; each partition returns its members as
 * one-component blocks, in partition order), so that the stochastic steps up to the next full
 * evaluation run on the driver with no job each. {@link #fetchLimit} caps a fetch at
 * {@code fetchBytes} of component data.
 */
final class SparkFiniteSumOperator implements FiniteSumOperator {
  private final JavaRDD<ComponentBlock> blocks;
  private final int dimension;
  private final int components;
  private final double lipschitz;
  private final double meanSquareLipschitz;
  private final double cocoercivity;
  private final int depth;
  private final int componentDoubles;
  private final int fetchLimit;
  private final AtomicLong jobs;

  /**
   * @param componentDoubles the doubles one component's data holds (a game's row and column: m + n)
   * @param fetchBytes the most component data one fetch brings to the driver; 0: no fetching, one job per
   *     stochastic step
   */
  SparkFiniteSumOperator(JavaRDD<ComponentBlock> blocks, int dimension, int components, double lipschitz,
      double meanSquareLipschitz, double cocoercivity, int componentDoubles, long fetchBytes) {
    this(blocks, dimension, components, lipschitz, meanSquareLipschitz, cocoercivity, componentDoubles,
        (int) Math.min(components, fetchBytes / (8L * Math.max(1, componentDoubles))), new AtomicLong());
  }

  private SparkFiniteSumOperator(JavaRDD<ComponentBlock> blocks, int dimension, int components, double lipschitz,
      double meanSquareLipschitz, double cocoercivity, int componentDoubles, int fetchLimit, AtomicLong jobs) {
    this.blocks = blocks;
    this.componentDoubles = componentDoubles;
    this.fetchLimit = fetchLimit;
    this.jobs = jobs;
    this.dimension = dimension;
    this.components = components;
    this.lipschitz = lipschitz;
    this.meanSquareLipschitz = meanSquareLipschitz;
    this.cocoercivity = cocoercivity;
    this.depth = blocks.getNumPartitions() > 16 ? 3 : 2;
  }

  JavaRDD<ComponentBlock> blocks() {
    return blocks;
  }

  /** The same operator (same blocks and job count) fetching at most {@code fetchBytes} per job. */
  SparkFiniteSumOperator withFetchBytes(long fetchBytes) {
    return new SparkFiniteSumOperator(blocks, dimension, components, lipschitz, meanSquareLipschitz, cocoercivity,
        componentDoubles, (int) Math.min(components, fetchBytes / (8L * Math.max(1, componentDoubles))), jobs);
  }

  /** The Spark jobs this operator has run (evaluations and fetches), counted on the driver. */
  long jobs() {
    return jobs.get();
  }

  @Override
  public int fetchLimit() {
    return fetchLimit;
  }

  @Override
  public Components fetch(int[] indices, int count) {
    int[] sorted = Arrays.stream(indices, 0, count).sorted().distinct().toArray();
    if (sorted.length > fetchLimit) {
      throw new IllegalArgumentException(sorted.length + " components asked, the fetch limit is " + fetchLimit);
    }
    jobs.incrementAndGet();
    List<ComponentBlock> fetched = new ArrayList<>(sorted.length);
    for (List<ComponentBlock> part : PartitionJobs.collect(blocks, new Fetch(sorted))) {
      fetched.addAll(part);
    }
    return new FetchedComponents(fetched);
  }

  /** A partition's members of the sorted indices, each as a one-component copy of its block. */
  private static final class Fetch implements PartitionJobs.Task<ComponentBlock, List<ComponentBlock>> {
    private static final long serialVersionUID = 1L;
    private final int[] sorted;

    Fetch(int[] sorted) {
      this.sorted = sorted;
    }

    @Override
    public List<ComponentBlock> run(int partition, Iterator<ComponentBlock> elements) {
      List<ComponentBlock> out = new ArrayList<>();
      while (elements.hasNext()) {
        ComponentBlock b = elements.next();
        int at = Arrays.binarySearch(sorted, b.from());
        for (int k = at >= 0 ? at : -at - 1; k < sorted.length && sorted[k] < b.to(); k++) {
          out.add(b.component(sorted[k]));
        }
      }
      return out;
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int components() {
    return components;
  }

  @Override
  public void apply(double[] u, double[] out) {
    final double scale = 1.0 / components;
    final int d = dimension;
    jobs.incrementAndGet();
    double[] sum = blocks.treeAggregate(new double[d], (acc, b) -> {
      b.addAll(u, scale, acc);
      return acc;
    }, SparkFiniteSumOperator::add, depth);
    System.arraycopy(sum, 0, out, 0, d);
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    final int d = dimension;
    jobs.incrementAndGet();
    double[] sum = blocks.filter(b -> i >= b.from() && i < b.to()).treeAggregate(new double[d], (acc, b) -> {
      b.addComponent(i, u, scale, acc);
      return acc;
    }, SparkFiniteSumOperator::add, depth);
    add(out, sum);
  }

  @Override
  public void addDifferences(int[] indices, int count, double[] u, double[] v, double scale, double[] out) {
    final int[] batch = java.util.Arrays.copyOf(indices, count);
    final int d = dimension;
    jobs.incrementAndGet();
    double[] sum = blocks.treeAggregate(new double[d], (acc, b) -> {
      b.addDifferences(batch, batch.length, u, v, scale, acc);
      return acc;
    }, SparkFiniteSumOperator::add, depth);
    add(out, sum);
  }

  private static double[] add(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      a[k] += b[k];
    }
    return a;
  }

  @Override
  public double lipschitz() {
    return lipschitz;
  }

  @Override
  public double meanSquareLipschitz() {
    return meanSquareLipschitz;
  }

  @Override
  public double cocoercivity() {
    return cocoercivity;
  }
}
