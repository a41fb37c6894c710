package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;

/**
 * Support-limited interpolation by barycentric projection: z_i = (1−t)·u_i + t·(1/α_i)·Σ_j P_ij v_j with
 * weight α_i, so the interpolant keeps alpha's support size. It equals McCann's interpolant when the plan
 * is a permutation (n = m, uniform weights) and is an approximation otherwise (mass split between several
 * v_j is averaged). α_i is taken as the plan's row sum Σ_j P_ij; an atom with no mass stays at u_i.
 */
public final class BarycentricProjection {
  private BarycentricProjection() {}

  /** The support-limited interpolant at time t between alpha (t = 0) and beta (t = 1). */
  public static DiscreteMeasure interpolate(DiscreteMeasure alpha, DiscreteMeasure beta, TransportPlan plan, double t) {
    Interpolation.check(alpha, beta, plan, t);
    int d = alpha.dimension();
    int n = alpha.size();
    double[] bary = new double[n * d];
    double[] rowMass = new double[n];
    double[] v = beta.atoms().values();
    for (int k = 0; k < plan.nonZeros(); k++) {
      int i = plan.rows()[k];
      int j = plan.cols()[k];
      double w = plan.mass()[k];
      rowMass[i] += w;
      for (int c = 0; c < d; c++) {
        bary[i * d + c] += w * v[j * d + c];
      }
    }
    double[] u = alpha.atoms().values();
    double[] z = new double[n * d];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = rowMass[i];
      for (int c = 0; c < d; c++) {
        double target = rowMass[i] > 0 ? bary[i * d + c] / rowMass[i] : u[i * d + c];
        z[i * d + c] = (1.0 - t) * u[i * d + c] + t * target;
      }
    }
    return new DiscreteMeasure(DenseMatrix.wrap(d, n, z), weights);
  }
}
