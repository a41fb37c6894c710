package dev.geodesic.ot;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;

/**
 * Squared distances ‖x_i − y_j‖² by the BLAS expansion ‖x'_i‖² + ‖y'_j‖² − 2x'_iᵀy'_j on both clouds
 * centred on one point c (the mean of the union), with a per-entry bound on the expansion's rounding
 * error so that the entries it cannot resolve are recomputed by differences.
 *
 * <p>Why centring: the expansion's error is ≈ d·u·(‖x'‖ + ‖y'‖)² (u = 2⁻⁵³; the gemm and the norms
 * each carry γ_d relative to ‖x'‖‖y'‖), which is relative to the distance itself only when the points
 * are not far from the origin compared with their spread. Centring each coordinate (x − c)(1 + δ),
 * |δ| ≤ u, keeps that bound in the centred norms; it makes a cloud of spread 1e-6 around (3, −2)
 * exact to rounding (Sterbenz: x − c is exact when x and c are within a factor 2).
 *
 * <p>The bound used is {@link #errorBound}(i, j) = 2(d + 3)·u·(‖x'_i‖ + ‖y'_j‖)², twice the textbook
 * constant to cover blocked and FMA summation orders.
 */
final class CentredSquaredDistances {
  private static final double UNIT_ROUNDOFF = 0x1p-53;

  private final int d;
  private final int n;
  private final int m;
  private final DenseMatrix xc;
  private final DenseMatrix yc;
  private final double[] x;
  private final double[] y;
  private final double[] nx;
  private final double[] ny;
  private final double[] rx;
  private final double[] ry;
  private final double errorConstant;

  CentredSquaredDistances(DenseMatrix x, DenseMatrix y) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("dimension mismatch: " + x.rows() + " vs " + y.rows());
    }
    this.d = x.rows();
    this.n = x.cols();
    this.m = y.cols();
    this.x = x.values();
    this.y = y.values();
    double[] c = new double[d];
    accumulate(this.x, n, c);
    accumulate(this.y, m, c);
    for (int k = 0; k < d; k++) {
      c[k] /= Math.max(1, n + m);
    }
    this.xc = centred(this.x, n, c);
    this.yc = centred(this.y, m, c);
    this.nx = DenseCostMatrix.squaredNorms(xc);
    this.ny = DenseCostMatrix.squaredNorms(yc);
    this.rx = sqrt(nx);
    this.ry = sqrt(ny);
    this.errorConstant = 2.0 * (d + 3) * UNIT_ROUNDOFF;
  }

  private void accumulate(double[] v, int count, double[] c) {
    for (int j = 0; j < count; j++) {
      for (int k = 0; k < d; k++) {
        c[k] += v[j * d + k];
      }
    }
  }

  private DenseMatrix centred(double[] v, int count, double[] c) {
    double[] out = new double[v.length];
    for (int j = 0; j < count; j++) {
      for (int k = 0; k < d; k++) {
        out[j * d + k] = v[j * d + k] - c[k];
      }
    }
    return DenseMatrix.wrap(d, count, out);
  }

  private static double[] sqrt(double[] s) {
    double[] r = new double[s.length];
    for (int k = 0; k < s.length; k++) {
      r[k] = Math.sqrt(s[k]);
    }
    return r;
  }

  int rows() {
    return n;
  }

  int cols() {
    return m;
  }

  /**
   * The raw expansion for rows [i0, i1) and all columns into {@code out} row-major (entry (i, j) at
   * (i − i0)·m + j); not clipped, not refined. One gemm: (Y'ᵀX'_block) is m×B column-major, which is
   * the B×m block row-major.
   */
  void expand(int i0, int i1, double[] out) {
    gram(i0, i1, out);
    for (int i = i0; i < i1; i++) {
      int base = (i - i0) * m;
      double ni = nx[i];
      for (int j = 0; j < m; j++) {
        out[base + j] += ni + ny[j];
      }
    }
  }

  /** −2x'_iᵀy'_j for rows [i0, i1) and all columns into {@code out} row-major. */
  void gram(int i0, int i1, double[] out) {
    gram(i0, i1, 0, m, out);
  }

  /**
   * −2x'_iᵀy'_j for rows [i0, i1) and columns [j0, j1) into {@code out} row-major (entry (i, j) at
   * (i − i0)·(j1 − j0) + j − j0): a tile small enough to stay in cache while it is scanned.
   */
  void gram(int i0, int i1, int j0, int j1, double[] out) {
    int b = i1 - i0;
    int w = j1 - j0;
    if (d > 0 && b > 0 && w > 0) {
      Blas.get().netlib().dgemm("T", "N", w, b, d, -2.0, yc.values(), j0 * d, d, xc.values(), i0 * d, d, 0.0, out, 0, w);
    } else {
      java.util.Arrays.fill(out, 0, b * w, 0.0);
    }
  }

  /** ‖x'_i‖². */
  double rowSquaredNorm(int i) {
    return nx[i];
  }

  /** ‖y'_j‖². */
  double columnSquaredNorm(int j) {
    return ny[j];
  }

  /** An upper bound on |expansion − ‖x_i − y_j‖²| (class comment). */
  double errorBound(int i, int j) {
    double r = rx[i] + ry[j];
    return errorConstant * r * r;
  }

  /** A bound valid for every entry of row i: the row's largest {@link #errorBound}. */
  double rowErrorBound(int i, double maxColumnNorm) {
    double r = rx[i] + maxColumnNorm;
    return errorConstant * r * r;
  }

  /** max_j ‖y'_j‖. */
  double maxColumnNorm() {
    double mx = 0.0;
    for (double r : ry) {
      mx = Math.max(mx, r);
    }
    return mx;
  }

  /** ‖x_i − y_j‖² summed by differences of the original coordinates (error γ_d relative to itself). */
  double byDifference(int i, int j) {
    int xi = i * d;
    int yj = j * d;
    double s = 0.0;
    for (int k = 0; k < d; k++) {
      double t = x[xi + k] - y[yj + k];
      s += t * t;
    }
    return s;
  }
}
