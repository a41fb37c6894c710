package dev.geodesic.ot;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;

/**
 * Closed-form W_2 between Gaussians (the Bures–Wasserstein formula, Dowson &amp; Landau 1982):
 * W_2²(N(m1,Σ1), N(m2,Σ2)) = ‖m1 − m2‖² + tr(Σ1 + Σ2 − 2(Σ1^½ Σ2 Σ1^½)^½).
 */
public final class GaussianWasserstein {
  private GaussianWasserstein() {}

  /** W_2 (not squared) between N(m1, Σ1) and N(m2, Σ2); covariances symmetric PSD. */
  public static double w2(double[] m1, DenseMatrix s1, double[] m2, DenseMatrix s2) {
    return Math.sqrt(w2Squared(m1, s1, m2, s2));
  }

  /** W_2² between N(m1, Σ1) and N(m2, Σ2). */
  public static double w2Squared(double[] m1, DenseMatrix s1, double[] m2, DenseMatrix s2) {
    int d = m1.length;
    if (m2.length != d || s1.rows() != d || s1.cols() != d || s2.rows() != d || s2.cols() != d) {
      throw new IllegalArgumentException("dimension mismatch between means and covariances");
    }
    double mean = 0.0;
    for (int k = 0; k < d; k++) {
      mean += (m1[k] - m2[k]) * (m1[k] - m2[k]);
    }
    Lapack lapack = Lapack.get();
    Blas blas = lapack.blas();
    DenseMatrix r1 = lapack.sqrtPsd(s1);
    DenseMatrix cross = blas.multiply(blas.multiply(r1, s2), r1);
    // symmetrize against rounding before the eigen decomposition
    DenseMatrix sym = DenseMatrix.zeros(d, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        sym.set(i, j, 0.5 * (cross.get(i, j) + cross.get(j, i)));
      }
    }
    double bures = s1.trace() + s2.trace() - 2.0 * lapack.sqrtPsd(sym).trace();
    return mean + Math.max(0.0, bures);
  }
}
