package dev.geodesic.graph;

import dev.geodesic.linalg.DenseMatrix;
import java.util.List;

/** W^t as t successive neighbour sums: disagreement contracts by σ₂^t. */
public final class PlainGossip implements Gossip {
  private static final long serialVersionUID = 1L;

  private final MixingMatrix mixing;
  private final int rounds;

  public PlainGossip(MixingMatrix mixing, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("gossip rounds must be >= 1, got " + rounds);
    }
    this.mixing = mixing;
    this.rounds = rounds;
  }

  @Override
  public MixingMatrix mixing() {
    return mixing;
  }

  @Override
  public int rounds() {
    return rounds;
  }

  @Override
  public List<DenseMatrix> mix(List<DenseMatrix> values) {
    List<DenseMatrix> v = values;
    for (int k = 0; k < rounds; k++) {
      v = mixing.apply(v);
    }
    return v;
  }

  @Override
  public double contraction() {
    return Math.pow(mixing.secondLargestSingularValue(), rounds);
  }

  @Override
  public String kind() {
    return "W^t";
  }
}
