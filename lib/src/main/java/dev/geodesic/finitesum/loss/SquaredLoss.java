package dev.geodesic.finitesum.loss;

/** Least squares ℓ(z, y) = ½(z − y)²: ℓ' = z − y, c_ℓ = 1. */
public final class SquaredLoss extends ScalarMarginLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public double value(double z, double y) {
    double r = z - y;
    return 0.5 * r * r;
  }

  @Override
  public double derivative(double z, double y) {
    return z - y;
  }

  @Override
  public double curvature() {
    return 1.0;
  }

  @Override
  public String name() {
    return "squared";
  }
}
