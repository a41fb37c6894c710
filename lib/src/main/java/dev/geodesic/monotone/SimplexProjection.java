package dev.geodesic.monotone;

import java.util.Arrays;

/**
 * Euclidean projection onto the scaled simplex {x ≥ 0, Σx = radius}: the resolvent of its normal cone.
 * The exact O(d log d) sort-based algorithm (Held, Wolfe &amp; Crowder 1974; Duchi et al. 2008, Fig. 1):
 * with v sorted decreasingly, ρ = max{j : v_(j) − (Σ_{r≤j} v_(r) − radius)/j &gt; 0},
 * τ = (Σ_{r≤ρ} v_(r) − radius)/ρ and x = max(v − τ, 0).
 */
public final class SimplexProjection implements Resolvent {
  private final int dimension;
  private final double radius;
  private final ThreadLocal<double[]> scratch;

  public SimplexProjection(int dimension, double radius) {
    if (dimension < 1 || !(radius > 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("simplex needs dimension >= 1 and a finite radius > 0");
    }
    this.dimension = dimension;
    this.radius = radius;
    this.scratch = ThreadLocal.withInitial(() -> new double[dimension]);
  }

  /** The probability simplex Δ_d. */
  public static SimplexProjection probability(int dimension) {
    return new SimplexProjection(dimension, 1.0);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  public double radius() {
    return radius;
  }

  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    double tau = threshold(v, offset);
    for (int k = offset; k < offset + dimension; k++) {
      out[k] = Math.max(v[k] - tau, 0.0);
    }
  }

  /** The shift τ with Π(v) = max(v − τ, 0). */
  public double threshold(double[] v, int offset) {
    double[] s = scratch.get();
    System.arraycopy(v, offset, s, 0, dimension);
    Arrays.sort(s);
    double cumulative = 0;
    double tau = 0;
    // Walk from the largest entry down; the condition holds for a prefix of the sorted order.
    for (int j = 1; j <= dimension; j++) {
      double vj = s[dimension - j];
      cumulative += vj;
      double t = (cumulative - radius) / j;
      if (vj - t > 0) {
        tau = t;
      } else {
        break;
      }
    }
    return tau;
  }
}
