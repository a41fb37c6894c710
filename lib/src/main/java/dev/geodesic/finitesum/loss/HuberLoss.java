package dev.geodesic.finitesum.loss;

/**
 * Huber's loss of the residual r = z − y: ½r² for |r| ≤ δ, δ(|r| − δ/2) beyond (Huber 1964). It is
 * C¹ with ℓ' = clamp(r, −δ, δ) and ℓ'' ∈ {0, 1}, so c_ℓ = 1.
 */
public final class HuberLoss extends ScalarMarginLoss {
  private static final long serialVersionUID = 1L;

  private final double delta;

  public HuberLoss(double delta) {
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber delta must be finite and > 0, got " + delta);
    }
    this.delta = delta;
  }

  public double delta() {
    return delta;
  }

  @Override
  public double value(double z, double y) {
    double a = Math.abs(z - y);
    return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
  }

  @Override
  public double derivative(double z, double y) {
    double r = z - y;
    return r > delta ? delta : (r < -delta ? -delta : r);
  }

  @Override
  public double curvature() {
    return 1.0;
  }

  @Override
  public String name() {
    return "huber";
  }
}
