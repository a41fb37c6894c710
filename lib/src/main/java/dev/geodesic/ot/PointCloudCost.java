package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;

/**
 * The ground cost C_ij = ‖x_i − y_j‖^p computed when asked from the two point blocks x (d×n) and
 * y (d×m), so a solver over it needs O(n + m) memory besides the points (the on-the-fly mode of
 * {@link NetworkSimplex}; a coordinate-major copy of y is kept for fast row scans). Each entry costs O(d) flops; the squared distance is summed directly
 * (no ‖x‖² + ‖y‖² − 2x·y cancellation), so duplicate points have cost exactly 0.
 */
public final class PointCloudCost implements CostMatrix {
  private final double[] x;
  private final double[] y;
  /** y coordinate-major (coordinate k of point j at k*m + j), so a row of costs is d vectorizable passes. */
  private final double[] yByCoordinate;
  private final int d;
  private final int n;
  private final int m;
  private final double p;

  public PointCloudCost(DenseMatrix x, DenseMatrix y, double p) {
    checkExponent(p);
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("dimension mismatch: " + x.rows() + " vs " + y.rows());
    }
    if (!x.isFinite() || !y.isFinite()) {
      throw new IllegalArgumentException("points contain NaN or infinite coordinates");
    }
    this.x = x.values();
    this.y = y.values();
    this.d = x.rows();
    this.n = x.cols();
    this.m = y.cols();
    this.p = p;
    this.yByCoordinate = new double[y.values().length];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < d; k++) {
        yByCoordinate[k * m + j] = this.y[j * d + k];
      }
    }
  }

  static void checkExponent(double p) {
    if (!(p >= 1.0) || Double.isInfinite(p)) {
      throw new IllegalArgumentException("ground cost exponent p must be finite and >= 1, got " + p);
    }
  }

  public double exponent() {
    return p;
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public int cols() {
    return m;
  }

  @Override
  public double cost(int i, int j) {
    int xi = i * d;
    int yj = j * d;
    double s = 0.0;
    for (int k = 0; k < d; k++) {
      double t = x[xi + k] - y[yj + k];
      s += t * t;
    }
    return power(s);
  }

  private double power(double sq) {
    if (p == 2.0) {
      return sq;
    }
    if (p == 1.0) {
      return Math.sqrt(sq);
    }
    return Math.pow(sq, 0.5 * p);
  }

  @Override
  public void row(int i, int from, int to, double[] out) {
    int len = to - from;
    java.util.Arrays.fill(out, 0, len, 0.0);
    int xi = i * d;
    for (int k = 0; k < d; k++) {
      double xk = x[xi + k];
      int base = k * m + from;
      for (int q = 0; q < len; q++) {
        double t = xk - yByCoordinate[base + q];
        out[q] += t * t;
      }
    }
    if (p != 2.0) {
      for (int q = 0; q < len; q++) {
        out[q] = power(out[q]);
      }
    }
  }

  /** (r_x + r_y + ‖c_x − c_y‖)^p from the clouds' centroids and radii: an upper bound on every C_ij. */
  @Override
  public double maxAbsCostBound() {
    double[] cx = centroid(x, n);
    double[] cy = centroid(y, m);
    double rx = radius(x, n, cx);
    double ry = radius(y, m, cy);
    double s = 0.0;
    for (int k = 0; k < d; k++) {
      s += (cx[k] - cy[k]) * (cx[k] - cy[k]);
    }
    return Math.pow(rx + ry + Math.sqrt(s), p);
  }

  private double[] centroid(double[] v, int count) {
    double[] c = new double[d];
    for (int j = 0; j < count; j++) {
      for (int k = 0; k < d; k++) {
        c[k] += v[j * d + k];
      }
    }
    for (int k = 0; k < d; k++) {
      c[k] /= Math.max(1, count);
    }
    return c;
  }

  private double radius(double[] v, int count, double[] c) {
    double r = 0.0;
    for (int j = 0; j < count; j++) {
      double s = 0.0;
      for (int k = 0; k < d; k++) {
        double t = v[j * d + k] - c[k];
        s += t * t;
      }
      r = Math.max(r, s);
    }
    return Math.sqrt(r);
  }

  @Override
  public CostMatrix restrict(int[] rowIndex, int[] colIndex) {
    return new PointCloudCost(select(x, rowIndex), select(y, colIndex), p);
  }

  private DenseMatrix select(double[] v, int[] idx) {
    double[] out = new double[idx.length * d];
    for (int k = 0; k < idx.length; k++) {
      System.arraycopy(v, idx[k] * d, out, k * d, d);
    }
    return DenseMatrix.wrap(d, idx.length, out);
  }
}
