package dev.geodesic.ot;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;

/**
 * A precomputed n×m cost matrix stored row-major in one {@code double[]} ({@code C_ij = values[i*m + j]}),
 * so that the network simplex's pricing loop scans a row contiguously. Memory is 8·n·m bytes; use
 * {@link PointCloudCost} when that does not fit.
 */
public final class DenseCostMatrix implements CostMatrix {
  private final int n;
  private final int m;
  private final double[] values;

  private DenseCostMatrix(int n, int m, double[] rowMajor) {
    if ((long) n * m != rowMajor.length) {
      throw new IllegalArgumentException(rowMajor.length + " values do not make a " + n + "x" + m + " cost matrix");
    }
    for (int k = 0; k < rowMajor.length; k++) {
      if (!Double.isFinite(rowMajor[k])) {
        throw new IllegalArgumentException(
            "cost matrix entry (" + k / m + "," + k % m + ") is " + rowMajor[k] + " (must be finite)");
      }
    }
    this.n = n;
    this.m = m;
    this.values = rowMajor;
  }

  /** Wraps (does not copy) a row-major array of n·m finite costs. */
  public static DenseCostMatrix wrapRowMajor(int n, int m, double[] rowMajor) {
    return new DenseCostMatrix(n, m, rowMajor);
  }

  /** A user cost matrix given as an n×m {@link DenseMatrix} (copied to row-major). */
  public static DenseCostMatrix of(DenseMatrix c) {
    return new DenseCostMatrix(c.rows(), c.cols(), c.transpose().values());
  }

  /**
   * C_ij = ‖x_i − y_j‖^p for the columns of x (d×n) and y (d×m). For p = 2 the matrix is one
   * {@code gemm}, C = ‖x‖² + ‖y‖² − 2XᵀY (clipped at 0 against cancellation); other p compute each
   * distance directly.
   */
  public static DenseCostMatrix groundCost(DenseMatrix x, DenseMatrix y, double p) {
    PointCloudCost.checkExponent(p);
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("dimension mismatch: " + x.rows() + " vs " + y.rows());
    }
    int d = x.rows();
    int n = x.cols();
    int m = y.cols();
    double[] c;
    if (p == 2.0) {
      // YᵀX is m×n column-major, i.e. the n×m matrix XᵀY row-major: entry (i, j) at i*m + j.
      DenseMatrix g = DenseMatrix.zeros(m, n);
      Blas.get().gemm(true, false, -2.0, y, x, 0.0, g);
      c = g.values();
      double[] nx = squaredNorms(x);
      double[] ny = squaredNorms(y);
      for (int i = 0; i < n; i++) {
        int base = i * m;
        double ni = nx[i];
        for (int j = 0; j < m; j++) {
          double v = c[base + j] + ni + ny[j];
          c[base + j] = v > 0 ? v : 0.0;
        }
      }
    } else {
      PointCloudCost pc = new PointCloudCost(x, y, p);
      c = new double[Math.multiplyExact(n, m)];
      double[] buf = new double[m];
      for (int i = 0; i < n; i++) {
        pc.row(i, 0, m, buf);
        System.arraycopy(buf, 0, c, i * m, m);
      }
    }
    if (d == 0) {
      java.util.Arrays.fill(c, 0.0);
    }
    return new DenseCostMatrix(n, m, c);
  }

  static double[] squaredNorms(DenseMatrix x) {
    int d = x.rows();
    double[] v = x.values();
    double[] out = new double[x.cols()];
    for (int j = 0; j < out.length; j++) {
      double s = 0.0;
      for (int k = j * d; k < (j + 1) * d; k++) {
        s += v[k] * v[k];
      }
      out[j] = s;
    }
    return out;
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
    return values[i * m + j];
  }

  @Override
  public void row(int i, int from, int to, double[] out) {
    System.arraycopy(values, i * m + from, out, 0, to - from);
  }

  /** The backing row-major array (not a copy). */
  public double[] rowMajorValues() {
    return values;
  }

  @Override
  public double maxAbsCostBound() {
    double mx = 0.0;
    for (double v : values) {
      mx = Math.max(mx, Math.abs(v));
    }
    return mx;
  }

  @Override
  public CostMatrix restrict(int[] rowIndex, int[] colIndex) {
    double[] c = new double[Math.multiplyExact(rowIndex.length, colIndex.length)];
    int k = 0;
    for (int i : rowIndex) {
      int base = i * m;
      for (int j : colIndex) {
        c[k++] = values[base + j];
      }
    }
    return new DenseCostMatrix(rowIndex.length, colIndex.length, c);
  }
}
