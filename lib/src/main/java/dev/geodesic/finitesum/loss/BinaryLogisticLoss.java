package dev.geodesic.finitesum.loss;

/**
 * Binary logistic loss ℓ(z, y) = log(1 + e^z) − y·z for y ∈ {0, 1}, the negative log-likelihood of
 * P(y = 1) = σ(z). ℓ' = σ(z) − y and ℓ'' = σ(1 − σ) ≤ 1/4, so c_ℓ = 1/4.
 */
public final class BinaryLogisticLoss extends ScalarMarginLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double z, double y) {
    // log(1 + e^z) = max(z, 0) + log1p(e^−|z|): no overflow for large |z|
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
  }

  @Override
  public double derivative(double z, double y) {
    return sigmoid(z) - y;
  }

  /** σ(z) = 1/(1 + e^−z), evaluated without overflow. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  @Override
  public double curvature() {
    return 0.25;
  }

  /** Labels in {0, 1}, or in {−1, +1} (−1 becomes 0); a mix of 0 and −1 is refused. */
  @Override
  public double[] prepareLabels(double[] raw) {
    double[] y = raw.clone();
    boolean zero = false;
    boolean minusOne = false;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 0.0) {
        zero = true;
      } else if (y[i] == -1.0) {
        minusOne = true;
      } else if (y[i] != 1.0) {
        throw new IllegalArgumentException("label of row " + i + " is " + y[i]
            + ": binary logistic regression takes labels 0/1 or -1/+1");
      }
      if (zero && minusOne) {
        throw new IllegalArgumentException("labels mix 0 and -1 (row " + i + "): use 0/1 or -1/+1");
      }
    }
    if (minusOne) {
      for (int i = 0; i < y.length; i++) {
        y[i] = y[i] < 0 ? 0.0 : 1.0;
      }
    }
    return y;
  }

  @Override
  public String name() {
    return "logistic";
  }
}
