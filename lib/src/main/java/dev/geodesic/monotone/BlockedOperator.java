package dev.geodesic.monotone;

import java.util.Arrays;
import java.util.List;

/**
 * A finite-sum operator held as consecutive {@link ComponentBlock}s covering [0, n): the single-machine
 * form of a partitioned operator (the Spark job keeps the same blocks in an RDD). Evaluations sum the
 * blocks, so they agree with the whole operator up to rounding.
 */
public final class BlockedOperator implements FiniteSumOperator {
  private final List<ComponentBlock> blocks;
  private final int[] starts;
  private final int dimension;
  private final int components;
  private final double lipschitz;
  private final double meanSquareLipschitz;
  private final double cocoercivity;

  /** @param blocks consecutive blocks from component 0; the constants are those of the whole operator */
  public BlockedOperator(List<ComponentBlock> blocks, int dimension, double lipschitz, double meanSquareLipschitz,
      double cocoercivity) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no blocks");
    }
    this.blocks = List.copyOf(blocks);
    this.starts = new int[blocks.size()];
    int at = 0;
    for (int b = 0; b < blocks.size(); b++) {
      if (blocks.get(b).from() != at) {
        throw new IllegalArgumentException("block " + b + " starts at " + blocks.get(b).from() + ", expected " + at);
      }
      starts[b] = at;
      at = blocks.get(b).to();
    }
    this.components = at;
    this.dimension = dimension;
    this.lipschitz = lipschitz;
    this.meanSquareLipschitz = meanSquareLipschitz;
    this.cocoercivity = cocoercivity;
  }

  /** [0, n) cut into {@code parts} nearly equal consecutive ranges: the bounds, parts + 1 of them. */
  public static int[] evenBounds(int n, int parts) {
    int[] b = new int[parts + 1];
    for (int p = 0; p <= parts; p++) {
      b[p] = (int) ((long) n * p / parts);
    }
    return b;
  }

  public List<ComponentBlock> blocks() {
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
    Arrays.fill(out, 0.0);
    for (ComponentBlock b : blocks) {
      b.addAll(u, 1.0 / components, out);
    }
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    int b = Arrays.binarySearch(starts, i);
    if (b < 0) {
      b = -b - 2;
    }
    blocks.get(b).addComponent(i, u, scale, out);
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
