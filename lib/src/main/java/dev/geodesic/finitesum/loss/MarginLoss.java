package dev.geodesic.finitesum.loss;

import java.io.Serializable;

/**
 * The loss of a linear model as a function of its margins: f_i(W, b) = ℓ(Wᵀa_i + b, y_i) with
 * {@link #outputs()} = K margins per row (K = 1 for binary classification and regression). Because the
 * loss sees the data only through the margins, a row's gradient is the K derivatives ∂ℓ/∂z_k times the
 * row, and its smoothness constant is L_i = {@link #curvature()}·‖a_i‖² (plus c for an intercept).
 */
public interface MarginLoss extends Serializable {
  /** K, the number of margins per row. */
  int outputs();

  /** ℓ(z, y) at the margins {@code z[off, off + K)}. */
  double value(double[] z, int off, double y);

  /** Writes ∂ℓ/∂z_k (k < K) at the margins {@code z[off, off + K)} into {@code g[goff, goff + K)}. */
  void derivative(double[] z, int off, double y, double[] g, int goff);

  /**
   * c_ℓ: a bound on the second derivative of ℓ in its margins (the largest eigenvalue of its K×K
   * Hessian), so that f_i is c_ℓ·‖a_i‖²-smooth.
   */
  double curvature();

  /**
   * The labels as this loss reads them, checked (a copy): binary logistic maps {−1, +1} to {0, 1},
   * multinomial requires class indices 0 … K−1. Throws naming the first bad row.
   */
  double[] prepareLabels(double[] raw);

  /** The name the CLI and the summary use: {@code logistic}, {@code squared}, {@code huber}, {@code multinomial}. */
  String name();
}
