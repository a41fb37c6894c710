package dev.geodesic.decentralized;

import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;

/**
 * Agent i's share f_i of f = (1/n)·Σ_i f_i on St(d, r): its value and Euclidean gradient at a
 * d×r point. Serializable, so a Spark job builds it where the agent's rows live and keeps it there.
 */
public interface LocalObjective extends Serializable {
  /** The dimension d of the points. */
  int dimension();

  /** f_i(x). */
  double value(DenseMatrix x);

  /** ∇f_i(x), the Euclidean gradient (d×r). */
  DenseMatrix euclideanGradient(DenseMatrix x);

  /** f_i(x) and ∇f_i(x) together (one product with the data where both need it). */
  default Evaluated evaluate(DenseMatrix x) {
    return new Evaluated(value(x), euclideanGradient(x));
  }

  /**
   * ∇f_i(x) and (f_i, ∇f_i)(y): an iteration's two local evaluations (the agent's point and x̄). The
   * default makes them apart; an objective whose data term is a product G_i·x overrides it with one
   * product G_i·[x | y], which reads G_i once instead of twice — with r ≪ d the product is
   * memory-bound, so that halves its cost.
   */
  default Paired evaluatePair(DenseMatrix x, DenseMatrix y) {
    return new Paired(euclideanGradient(x), evaluate(y));
  }

  /** [x | y] (d × (r_x + r_y)), the side-by-side stack of two d-row matrices. */
  static DenseMatrix sideBySide(DenseMatrix x, DenseMatrix y) {
    double[] v = java.util.Arrays.copyOf(x.values(), x.values().length + y.values().length);
    System.arraycopy(y.values(), 0, v, x.values().length, y.values().length);
    return DenseMatrix.wrap(x.rows(), x.cols() + y.cols(), v);
  }

  /** Passes over the agent's rows one gradient costs (0 when a precomputed Gramian stands in for them). */
  double passesPerGradient();

  /** A value with its Euclidean gradient. */
  record Evaluated(double value, DenseMatrix gradient) implements Serializable {}

  /** ∇f_i at the agent's point, and value and gradient at the common point. */
  record Paired(DenseMatrix gradient, Evaluated common) implements Serializable {}
}
