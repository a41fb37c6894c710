package dev.geodesic.finitesum.loss;

/** A loss of one margin (K = 1): binary classification and regression. */
public abstract class ScalarMarginLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** ℓ(z, y). */
  public abstract double value(double z, double y);

  /** ∂ℓ/∂z at (z, y). */
  public abstract double derivative(double z, double y);

  @Override
  public final int outputs() {
    return 1;
  }

  @Override
  public final double value(double[] z, int off, double y) {
    return value(z[off], y);
  }

  @Override
  public final void derivative(double[] z, int off, double y, double[] g, int goff) {
    g[goff] = derivative(z[off], y);
  }

  @Override
  public double[] prepareLabels(double[] raw) {
    double[] y = raw.clone();
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("label of row " + i + " is not finite: " + y[i]);
      }
    }
    return y;
  }

  @Override
  public String toString() {
    return name();
  }
}
