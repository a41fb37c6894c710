package dev.geodesic.linalg;

import java.util.Arrays;

/**
 * A dense {@code rows × cols} matrix stored column-major in one {@code double[]} (leading dimension
 * {@code rows}), the layout BLAS and LAPACK expect. Entry (i, j) is {@code values[i + j * rows]}.
 *
 * <p>Data sets use the "samples are columns" convention: a block of n points in R^d is a
 * {@code d × n} matrix, so each point is a contiguous slice {@code [j*d, (j+1)*d)}.
 */
public final class DenseMatrix implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int cols;
  private final double[] values;

  private DenseMatrix(int rows, int cols, double[] values) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative dimension " + rows + "x" + cols);
    }
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "array of length " + values.length + " does not hold a " + rows + "x" + cols + " matrix");
    }
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /** Wraps (does not copy) a column-major array. */
  public static DenseMatrix wrap(int rows, int cols, double[] columnMajor) {
    return new DenseMatrix(rows, cols, columnMajor);
  }

  public static DenseMatrix zeros(int rows, int cols) {
    return new DenseMatrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  public static DenseMatrix identity(int n) {
    DenseMatrix m = zeros(n, n);
    for (int i = 0; i < n; i++) {
      m.values[i + i * n] = 1.0;
    }
    return m;
  }

  /** Builds a matrix from row arrays (copying), e.g. for tests and small literals. */
  public static DenseMatrix fromRows(double[][] rowArrays) {
    int r = rowArrays.length;
    int c = r == 0 ? 0 : rowArrays[0].length;
    DenseMatrix m = zeros(r, c);
    for (int i = 0; i < r; i++) {
      if (rowArrays[i].length != c) {
        throw new IllegalArgumentException("ragged row " + i + ": " + rowArrays[i].length + " != " + c);
      }
      for (int j = 0; j < c; j++) {
        m.values[i + j * r] = rowArrays[i][j];
      }
    }
    return m;
  }

  /** A {@code n × 1} column vector wrapping {@code v}. */
  public static DenseMatrix column(double[] v) {
    return new DenseMatrix(v.length, 1, v);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing column-major array (not a copy). */
  public double[] values() {
    return values;
  }

  public double get(int i, int j) {
    return values[index(i, j)];
  }

  public void set(int i, int j, double v) {
    values[index(i, j)] = v;
  }

  public void add(int i, int j, double v) {
    values[index(i, j)] += v;
  }

  private int index(int i, int j) {
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException("(" + i + "," + j + ") outside " + rows + "x" + cols);
    }
    return i + j * rows;
  }

  /** Copy of column j. */
  public double[] columnCopy(int j) {
    return Arrays.copyOfRange(values, j * rows, (j + 1) * rows);
  }

  public DenseMatrix copy() {
    return new DenseMatrix(rows, cols, values.clone());
  }

  public DenseMatrix transpose() {
    DenseMatrix t = zeros(cols, rows);
    for (int j = 0; j < cols; j++) {
      int base = j * rows;
      for (int i = 0; i < rows; i++) {
        t.values[j + i * cols] = values[base + i];
      }
    }
    return t;
  }

  /** Columns {@code [from, to)} as a new matrix (one array copy: columns are contiguous). */
  public DenseMatrix columns(int from, int to) {
    if (from < 0 || to > cols || from > to) {
      throw new IndexOutOfBoundsException("columns [" + from + "," + to + ") of " + cols);
    }
    return new DenseMatrix(rows, to - from, Arrays.copyOfRange(values, from * rows, to * rows));
  }

  public double frobeniusNorm() {
    double scale = 0.0;
    double ssq = 1.0;
    for (double v : values) {
      if (v != 0.0) {
        double a = Math.abs(v);
        if (scale < a) {
          ssq = 1.0 + ssq * (scale / a) * (scale / a);
          scale = a;
        } else {
          ssq += (a / scale) * (a / scale);
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  public double trace() {
    int n = Math.min(rows, cols);
    double t = 0.0;
    for (int i = 0; i < n; i++) {
      t += values[i + i * rows];
    }
    return t;
  }

  /** True when every entry is finite (no NaN, no ±Inf). */
  public boolean isFinite() {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Largest absolute entry-wise difference to {@code other}, which must have the same shape. */
  public double maxAbsDifference(DenseMatrix other) {
    requireSameShape(other);
    double m = 0.0;
    for (int k = 0; k < values.length; k++) {
      m = Math.max(m, Math.abs(values[k] - other.values[k]));
    }
    return m;
  }

  void requireSameShape(DenseMatrix other) {
    if (rows != other.rows || cols != other.cols) {
      throw new IllegalArgumentException(
          "shape mismatch: " + rows + "x" + cols + " vs " + other.rows + "x" + other.cols);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DenseMatrix ").append(rows).append('x').append(cols);
    if ((long) rows * cols <= 64) {
      for (int i = 0; i < rows; i++) {
        sb.append(i == 0 ? " [" : "; ");
        for (int j = 0; j < cols; j++) {
          sb.append(j == 0 ? "" : ", ").append(get(i, j));
        }
      }
      sb.append(rows > 0 ? "]" : "");
    }
    return sb.toString();
  }
}
