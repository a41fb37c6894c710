package dev.geodesic.graph;

import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.List;

/**
 * t rounds of neighbour exchange applied to every node's value: a polynomial p(W) of degree t of
 * the mixing matrix with p(1) = 1, so averages are preserved and disagreement contracts by
 * max over W's spectrum without 1 of |p(λ)|.
 */
public interface Gossip extends Serializable {
  /** The mixing matrix W. */
  MixingMatrix mixing();

  /** Rounds of neighbour exchange per {@link #mix} (the degree t of p). */
  int rounds();

  /** p(W) applied to the nodes' values: t sparse neighbour sums. */
  List<DenseMatrix> mix(List<DenseMatrix> values);

  /** The worst-case contraction of disagreement, max over λ ∈ [−σ₂, σ₂] of |p(λ)|. */
  double contraction();

  /** A short name for reports: {@code "W^t"} or {@code "chebyshev"}. */
  String kind();
}
