package dev.geodesic.ot;

/** How FedWaD moves a measure toward another along an OT plan: exactly, or keeping the support size. */
public enum Interpolation {
  /** {@link McCannInterpolation}: an atom per plan entry (support up to n + m − 1). */
  EXACT,
  /** {@link BarycentricProjection}: support stays that of the source measure. */
  SUPPORT_LIMITED;

  /** The interpolant at time t between alpha (t = 0) and beta (t = 1) along {@code plan}. */
  public DiscreteMeasure apply(DiscreteMeasure alpha, DiscreteMeasure beta, TransportPlan plan, double t) {
    return this == EXACT
        ? McCannInterpolation.interpolate(alpha, beta, plan, t)
        : BarycentricProjection.interpolate(alpha, beta, plan, t);
  }

  static void check(DiscreteMeasure alpha, DiscreteMeasure beta, TransportPlan plan, double t) {
    if (!(t >= 0.0 && t <= 1.0)) {
      throw new IllegalArgumentException("t must be in [0, 1], got " + t);
    }
    if (alpha.dimension() != beta.dimension()) {
      throw new IllegalArgumentException("dimension mismatch: " + alpha.dimension() + " vs " + beta.dimension());
    }
    if (plan.n() != alpha.size() || plan.m() != beta.size()) {
      throw new IllegalArgumentException("plan is " + plan.n() + "x" + plan.m() + " but the measures have "
          + alpha.size() + " and " + beta.size() + " atoms");
    }
  }
}
