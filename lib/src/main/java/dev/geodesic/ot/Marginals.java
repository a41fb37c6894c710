package dev.geodesic.ot;

/**
 * The one check of the marginals a transport problem takes: every weight finite and non-negative,
 * a positive total, and — for a balanced problem — equal totals up to {@link #MASS_TOLERANCE}.
 * {@link DiscreteMeasure}, {@link NetworkSimplex}, {@link SinkhornSolver} and
 * {@link OneDimensionalWasserstein} all call it, so a bad weight reads the same from every solver.
 */
public final class Marginals {
  /** Relative tolerance |Σa − Σb| ≤ MASS_TOLERANCE·max(Σa, Σb) for a problem to count as balanced. */
  public static final double MASS_TOLERANCE = 1e-9;

  private Marginals() {}

  /**
   * Σw after checking each weight; {@code side} names the marginal in messages ("source", "target").
   *
   * @throws IllegalArgumentException on an empty array, a NaN, infinite or negative weight, or a zero total
   */
  public static double total(double[] w, String side) {
    if (w.length == 0) {
      throw new IllegalArgumentException("empty side: the " + side + " has no atoms");
    }
    double s = 0.0;
    for (int i = 0; i < w.length; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException(side + " weight " + i + " is " + w[i] + " (NaN/Inf; weights must be finite and >= 0)");
      }
      if (w[i] < 0) {
        throw new IllegalArgumentException(side + " weight " + i + " is negative: " + w[i]);
      }
      s += w[i];
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException(side + " total mass is " + s + " (must be positive)");
    }
    return s;
  }

  /** As {@link #total}, also requiring {@code w.length == atoms}. */
  public static double total(double[] w, int atoms, String side) {
    if (w.length != atoms) {
      throw new IllegalArgumentException(side + " has " + w.length + " weights for " + atoms + " atoms");
    }
    return total(w, side);
  }

  /**
   * Checks both marginals of a balanced problem and returns Σa.
   *
   * @throws IllegalArgumentException as {@link #total}, or when Σa and Σb differ beyond {@link #MASS_TOLERANCE}
   */
  public static double balanced(double[] a, double[] b) {
    double sa = total(a, "source");
    double sb = total(b, "target");
    if (Math.abs(sa - sb) > MASS_TOLERANCE * Math.max(sa, sb)) {
      throw new IllegalArgumentException("total masses differ: source " + sa + " vs target " + sb
          + " (relative tolerance " + MASS_TOLERANCE + ")");
    }
    return sa;
  }
}
