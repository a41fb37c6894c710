package dev.geodesic.decentralized;

import dev.geodesic.linalg.DenseMatrix;
import java.util.List;

/**
 * Where the agents' local work runs: every agent's Euclidean gradient at its own point, and the
 * agents' average value and gradient at one common point (the metrics at x̄). One call is one
 * round of local work (under Spark: one job on the executors that hold the agents' rows).
 */
public interface Agents {
  /** The number n of agents. */
  int count();

  /** The dimension d. */
  int dimension();

  /**
   * ∇f_i(points_i) for every agent i and, when {@code common} is not null, f(common) = (1/n)Σ f_i
   * and ∇f(common) = (1/n)Σ ∇f_i at it.
   */
  Evaluation evaluate(List<DenseMatrix> points, DenseMatrix common);

  /** Passes over the data one {@link #evaluate} costs (0 with precomputed Gramians). */
  double passesPerEvaluation();

  /**
   * @param gradients ∇f_i at agent i's point
   * @param commonValue f at the common point (NaN when none was given)
   * @param commonGradient ∇f at the common point (null when none was given)
   * @param computeSeconds the agents' arithmetic alone: on Spark the longest any task spent in it (the
   *     rest of the call is the job's overhead), locally the whole call; NaN when not measured
   */
  record Evaluation(List<DenseMatrix> gradients, double commonValue, DenseMatrix commonGradient, double computeSeconds) {
    public Evaluation {
      gradients = List.copyOf(gradients);
    }
  }
}
