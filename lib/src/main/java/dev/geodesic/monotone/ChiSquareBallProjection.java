package dev.geodesic.monotone;

/**
 * Projection onto the χ²-ball of sample weights around uniform, {q ∈ Δ_N : (N/2)·‖q − 1/N‖² ≤ ρ}
 * (the uncertainty set of distributionally robust learning, Namkoong &amp; Duchi 2016): the ball is
 * ‖q − c‖ ≤ r with c = 1/N and r = √(2ρ/N).
 *
 * <p>With a multiplier β ≥ 0 on the ball, ‖q − v‖² + β‖q − c‖² = (1+β)‖q − (v + βc)/(1+β)‖² + const, so
 * the solution is q(t) = Π_Δ(c + t·(v − c)) with t = 1/(1+β): t = 1 when that point is inside the
 * ball, else the t in (0, 1) where ‖q(t) − c‖ = r, found by bisection (‖Π_Δ(c + t·d) − c‖ grows with t
 * because Π_Δ(c) = c and projections are monotone along rays).
 */
public final class ChiSquareBallProjection implements Resolvent {
  private final int dimension;
  private final double radius;
  private final SimplexProjection simplex;
  private final ThreadLocal<double[]> scratch;

  /** @param rho the χ² budget ρ ≥ 0 ((N/2)·‖q − 1/N‖² ≤ ρ; ρ = 0 is the uniform point) */
  public ChiSquareBallProjection(int dimension, double rho) {
    if (dimension < 1 || !(rho >= 0) || Double.isInfinite(rho)) {
      throw new IllegalArgumentException("chi-square ball needs dimension >= 1 and a finite rho >= 0");
    }
    this.dimension = dimension;
    this.radius = Math.sqrt(2 * rho / dimension);
    this.simplex = SimplexProjection.probability(dimension);
    this.scratch = ThreadLocal.withInitial(() -> new double[dimension]);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The Euclidean radius r = √(2ρ/N) around uniform. */
  public double radius() {
    return radius;
  }

  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    double c = 1.0 / dimension;
    if (radius == 0) {
      java.util.Arrays.fill(out, offset, offset + dimension, c);
      return;
    }
    double[] s = scratch.get();
    if (distanceAt(1.0, v, offset, c, s) <= radius) {
      System.arraycopy(s, 0, out, offset, dimension);
      return;
    }
    double lo = 0;
    double hi = 1;
    for (int it = 0; it < 100 && hi - lo > 1e-15; it++) {
      double t = 0.5 * (lo + hi);
      if (distanceAt(t, v, offset, c, s) <= radius) {
        lo = t;
      } else {
        hi = t;
      }
    }
    distanceAt(lo, v, offset, c, s);
    System.arraycopy(s, 0, out, offset, dimension);
  }

  /** s ← Π_Δ(c + t(v − c)); returns ‖s − c‖. */
  private double distanceAt(double t, double[] v, int offset, double c, double[] s) {
    for (int k = 0; k < dimension; k++) {
      s[k] = c + t * (v[offset + k] - c);
    }
    simplex.apply(s, 0, 1.0, s);
    double d2 = 0;
    for (int k = 0; k < dimension; k++) {
      double d = s[k] - c;
      d2 += d * d;
    }
    return Math.sqrt(d2);
  }
}
