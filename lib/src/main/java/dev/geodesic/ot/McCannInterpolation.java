package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;

/**
 * McCann's displacement interpolation along a transport plan (McCann 1997): α_t = Σ_ij P_ij δ((1−t)u_i + t v_j).
 * Along an optimal plan for cost ‖x − y‖^p this is a constant-speed W_p geodesic:
 * W(α, α_t) = t·W(α, β) and W(α_t, β) = (1 − t)·W(α, β).
 *
 * <p>Entries with P_ij ≤ {@value #RELATIVE_CUT}·ΣP are dropped: a relative cut, because an absolute one
 * (e.g. 1e-5) silently discards real mass once n ≳ 10^5 atoms each carry ~1/n. A basic optimal plan has
 * at most n + m − 1 entries, so the interpolant has at most that many atoms. The dropped mass (at most
 * {@value #RELATIVE_CUT}·(n + m − 1)·ΣP, rounding residue of the simplex) is given back proportionally to
 * the kept atoms so the interpolant keeps the plan's total mass: iterated interpolation (FedWaD) would
 * otherwise leak mass round after round until the next solve rejects the unbalanced problem.
 */
public final class McCannInterpolation {
  /** Entries at or below this fraction of the plan's total mass are dropped. */
  public static final double RELATIVE_CUT = 1e-12;

  private McCannInterpolation() {}

  /** The interpolant at time t ∈ [0, 1] between alpha (t = 0, the plan's rows) and beta (t = 1, its columns). */
  public static DiscreteMeasure interpolate(DiscreteMeasure alpha, DiscreteMeasure beta, TransportPlan plan, double t) {
    Interpolation.check(alpha, beta, plan, t);
    int d = alpha.dimension();
    double cut = RELATIVE_CUT * plan.totalMass();
    int kept = 0;
    double total = 0.0;
    double keptMass = 0.0;
    for (double w : plan.mass()) {
      total += w;
      if (w > cut) {
        kept++;
        keptMass += w;
      }
    }
    double restore = keptMass > 0 ? total / keptMass : 1.0;
    double[] atoms = new double[kept * d];
    double[] weights = new double[kept];
    double[] u = alpha.atoms().values();
    double[] v = beta.atoms().values();
    int q = 0;
    for (int k = 0; k < plan.nonZeros(); k++) {
      double w = plan.mass()[k];
      if (w > cut) {
        int ui = plan.rows()[k] * d;
        int vj = plan.cols()[k] * d;
        for (int c = 0; c < d; c++) {
          atoms[q * d + c] = (1.0 - t) * u[ui + c] + t * v[vj + c];
        }
        weights[q] = w * restore;
        q++;
      }
    }
    return new DiscreteMeasure(DenseMatrix.wrap(d, kept, atoms), weights);
  }
}
