package dev.geodesic.ot;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;

/**
 * A precomputed n×m cost matrix stored row-major in one {@code double[]} ({@code C_ij = values[i*m + j]}),
 * so that the network simplex's pricing loop scans a row contiguously. Memory is 8·n·m bytes; use
 * {@link PointCloudCost} when that does not fit.
 */
public final class DenseCostMatrix implements CostMatrix {
  /** Relative accuracy of each p = 2 entry of {@link #groundCost} against the squared distance by differences. */
  public static final double RELATIVE_ACCURACY = 1e-13;

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
   * {@code gemm}, C = ‖x'‖² + ‖y'‖² − 2X'ᵀY' on both clouds centred on a common point
   * ({@link CentredSquaredDistances}); every entry whose rounding bound exceeds
   * {@link #RELATIVE_ACCURACY} of its value is recomputed by differences, so each entry is within
   * that relative accuracy of ‖x_i − y_j‖² summed by differences. Other p compute each distance directly.
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
      c = new double[Math.multiplyExact(n, m)];
      CentredSquaredDistances e = new CentredSquaredDistances(x, y);
      e.expand(0, n, c);
      refine(e, 0, n, c);
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

  /**
   * Overwrites the entries of rows [i0, i1) of a block (row-major, m columns) whose expansion error
   * bound exceeds {@link #RELATIVE_ACCURACY} of the value with the value by differences; the
   * others are then positive (a negative value always fails the test).
   */
  static void refine(CentredSquaredDistances e, int i0, int i1, double[] block) {
    int m = e.cols();
    double maxNorm = e.maxColumnNorm();
    for (int i = i0; i < i1; i++) {
      int base = (i - i0) * m;
      double rowBound = e.rowErrorBound(i, maxNorm);
      for (int j = 0; j < m; j++) {
        double v = block[base + j];
        // cheap test on the row's bound first; the entry's own bound only when that fails
        if (rowBound > RELATIVE_ACCURACY * v && e.errorBound(i, j) > RELATIVE_ACCURACY * v) {
          block[base + j] = e.byDifference(i, j);
        }
      }
    }
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
