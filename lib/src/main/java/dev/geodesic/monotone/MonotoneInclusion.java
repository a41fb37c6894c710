package dev.geodesic.monotone;

/**
 * The problem 0 ∈ F(u) + G(u) with F a finite sum and G given by its resolvent, and its computable
 * optimality measure, the residual Res(u) = (1/η)·‖u − J_{ηG}(u − η·F(u))‖ (Cai et al. 2024, §2;
 * ‖F(u)‖ when G = 0), which is zero exactly at solutions. Evaluating it is monitoring, not part of a
 * method's oracle budget.
 *
 * @param operator F
 * @param resolvent J_{ηG}
 */
public record MonotoneInclusion(FiniteSumOperator operator, Resolvent resolvent) {
  public MonotoneInclusion {
    if (operator.dimension() != resolvent.dimension()) {
      throw new IllegalArgumentException("operator dimension " + operator.dimension()
          + " differs from the resolvent's " + resolvent.dimension());
    }
  }

  public int dimension() {
    return operator.dimension();
  }

  public int components() {
    return operator.components();
  }

  /** Res(u) with step η. */
  public double residual(double[] u, double eta) {
    double[] f = new double[u.length];
    operator.apply(u, f);
    return residualGiven(u, f, eta);
  }

  /** Res(u) from an already computed F(u). */
  public double residualGiven(double[] u, double[] fu, double eta) {
    double[] p = new double[u.length];
    for (int k = 0; k < u.length; k++) {
      p[k] = u[k] - eta * fu[k];
    }
    resolvent.apply(p, eta, p);
    double s = 0;
    for (int k = 0; k < u.length; k++) {
      double d = u[k] - p[k];
      s += d * d;
    }
    return Math.sqrt(s) / eta;
  }
}
