package dev.geodesic.monotone;

import dev.geodesic.linalg.Blas;

/**
 * Components [from, to) of a {@link MatrixGame} with N = max(m, n) components: the rows A_{i,:}
 * (i &lt; m, row-major, contiguous) and columns A_{:,i} (i &lt; n, column-major) they use, so that
 * F_i(x, y) = N·(y_i·A_{i,:}ᵀ, −x_i·A_{:,i}) and the block sum are two gemv calls on local arrays.
 */
public final class MatrixGameBlock implements ComponentBlock {
  private static final long serialVersionUID = 1L;

  private final int from;
  private final int to;
  private final int m;
  private final int n;
  private final double[] rows;
  private final double[] cols;

  /**
   * @param rows A_{i,:} for i in [from, min(to, m)), row after row (length rowCount·n)
   * @param cols A_{:,j} for j in [from, min(to, n)), column after column (length colCount·m)
   */
  public MatrixGameBlock(int from, int to, int m, int n, double[] rows, double[] cols) {
    if (from < 0 || to < from || to > Math.max(m, n)) {
      throw new IllegalArgumentException("block [" + from + ", " + to + ") outside [0, " + Math.max(m, n) + ")");
    }
    if (rows.length != (long) rowCount(from, to, m) * n || cols.length != (long) rowCount(from, to, n) * m) {
      throw new IllegalArgumentException("block arrays do not match [" + from + ", " + to + ") of a " + m + "x" + n + " game");
    }
    this.from = from;
    this.to = to;
    this.m = m;
    this.n = n;
    this.rows = rows;
    this.cols = cols;
  }

  /** |[from, to) ∩ [0, limit)|. */
  static int rowCount(int from, int to, int limit) {
    return Math.max(0, Math.min(to, limit) - from);
  }

  @Override
  public int from() {
    return from;
  }

  @Override
  public int to() {
    return to;
  }

  private int components() {
    return Math.max(m, n);
  }

  @Override
  public void addAll(double[] u, double scale, double[] out) {
    Blas blas = Blas.get();
    double s = scale * components();
    int r = rowCount(from, to, m);
    int c = rowCount(from, to, n);
    if (r > 0) {
      // x-block += s·A_{R,:}ᵀ y_R: the row-major rows are the columns of an n × r matrix.
      blas.netlib().dgemv("N", n, r, s, rows, 0, n, u, n + from, 1, 1.0, out, 0, 1);
    }
    if (c > 0) {
      blas.netlib().dgemv("N", m, c, -s, cols, 0, m, u, from, 1, 1.0, out, n, 1);
    }
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    Blas blas = Blas.get();
    double s = scale * components();
    if (i < m && u[n + i] != 0) {
      blas.axpy(n, s * u[n + i], rows, (i - from) * n, out, 0);
    }
    if (i < n && u[i] != 0) {
      blas.axpy(m, -s * u[i], cols, (i - from) * m, out, n);
    }
  }

  @Override
  public MatrixGameBlock component(int i) {
    if (i < from || i >= to) {
      throw new IllegalArgumentException("component " + i + " is not in [" + from + ", " + to + ")");
    }
    double[] row = i < m ? java.util.Arrays.copyOfRange(rows, (i - from) * n, (i - from + 1) * n) : new double[0];
    double[] col = i < n ? java.util.Arrays.copyOfRange(cols, (i - from) * m, (i - from + 1) * m) : new double[0];
    return new MatrixGameBlock(i, i + 1, m, n, row, col);
  }

  /** Σ of the squared entries of the block's rows (each entry of A is in exactly one block's rows). */
  public double rowsFrobeniusSquared() {
    double s = 0;
    for (double v : rows) {
      s += v * v;
    }
    return s;
  }

  /** The largest squared norm of a row or column held. */
  public double maxLineNormSquared() {
    Blas blas = Blas.get();
    double best = 0;
    for (int k = 0; k < rowCount(from, to, m); k++) {
      double r = blas.nrm2(n, rows, k * n);
      best = Math.max(best, r * r);
    }
    for (int k = 0; k < rowCount(from, to, n); k++) {
      double c = blas.nrm2(m, cols, k * m);
      best = Math.max(best, c * c);
    }
    return best;
  }

  /** out ← out + A_{R,:}ᵀ·A_{R,:}·x (this block's part of AᵀA·x, for the power iteration of ‖A‖₂). */
  public void addGram(double[] x, double[] out) {
    int r = rowCount(from, to, m);
    if (r == 0) {
      return;
    }
    Blas blas = Blas.get();
    double[] ax = new double[r];
    blas.netlib().dgemv("T", n, r, 1.0, rows, 0, n, x, 0, 1, 0.0, ax, 0, 1);
    blas.netlib().dgemv("N", n, r, 1.0, rows, 0, n, ax, 0, 1, 1.0, out, 0, 1);
  }

  /** The maximizer's rows held, A_{i,:} for i in [from, min(to, m)), row-major (not copied). */
  public double[] rows() {
    return rows;
  }
}
