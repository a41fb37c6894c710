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

  /** Passes over the agent's rows one gradient costs (0 when a precomputed Gramian stands in for them). */
  double passesPerGradient();

  /** A value with its Euclidean gradient. */
  record Evaluated(double value, DenseMatrix gradient) implements Serializable {}
}
