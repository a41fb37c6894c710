package dev.geodesic.monotone;

/** Projection onto the Euclidean ball {‖x − center‖ ≤ radius}: radial shrinking. */
public final class BallProjection implements Resolvent {
  private final double[] center;
  private final double radius;

  public BallProjection(double[] center, double radius) {
    if (center.length < 1 || !(radius >= 0)) {
      throw new IllegalArgumentException("ball needs dimension >= 1 and radius >= 0");
    }
    this.center = center.clone();
    this.radius = radius;
  }

  /** The ball of the given radius around the origin. */
  public static BallProjection centered(int dimension, double radius) {
    return new BallProjection(new double[dimension], radius);
  }

  @Override
  public int dimension() {
    return center.length;
  }

  public double radius() {
    return radius;
  }

  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    double s = 0;
    for (int k = 0; k < center.length; k++) {
      double d = v[offset + k] - center[k];
      s += d * d;
    }
    double norm = Math.sqrt(s);
    double shrink = norm <= radius ? 1.0 : radius / norm;
    for (int k = 0; k < center.length; k++) {
      out[offset + k] = center[k] + shrink * (v[offset + k] - center[k]);
    }
  }
}
