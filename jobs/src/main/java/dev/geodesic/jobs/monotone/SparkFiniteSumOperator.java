package dev.geodesic.jobs.monotone;

import dev.geodesic.monotone.ComponentBlock;
import dev.geodesic.monotone.FiniteSumOperator;
import org.apache.spark.api.java.JavaRDD;

/**
 * A finite-sum operator whose components live in the executors' cached {@link ComponentBlock}s (one
 * block per partition). Every evaluation is one Spark job: the current point travels in the task
 * closure (2n doubles for a game), each partition adds its blocks' part into a dense vector, and a
 * {@code treeAggregate} sums the vectors. A full evaluation touches every block; a mini-batch
 * correction Σ_{i∈S}[F_i(u) − F_i(v)] is computed by the partitions owning S's members and the
 * others contribute zeros, so the estimator is exactly the single-machine one.
 */
final class SparkFiniteSumOperator implements FiniteSumOperator {
  private final JavaRDD<ComponentBlock> blocks;
  private final int dimension;
  private final int components;
  private final double lipschitz;
  private final double meanSquareLipschitz;
  private final double cocoercivity;
  private final int depth;

  SparkFiniteSumOperator(JavaRDD<ComponentBlock> blocks, int dimension, int components, double lipschitz,
      double meanSquareLipschitz, double cocoercivity) {
    this.blocks = blocks;
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
    double[] sum = blocks.treeAggregate(new double[d], (acc, b) -> {
      b.addAll(u, scale, acc);
      return acc;
    }, SparkFiniteSumOperator::add, depth);
    System.arraycopy(sum, 0, out, 0, d);
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    final int d = dimension;
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
