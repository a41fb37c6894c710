package dev.geodesic.finitesum.data;

import dev.geodesic.linalg.DenseMatrix;
import java.util.Arrays;

/**
 * Rows in compressed sparse row form: row i's nonzeros are {@code values[indptr[i], indptr[i+1])} at
 * features {@code indices[...]} (strictly increasing within a row). Nothing here ever densifies a row:
 * products loop over the nonzeros only.
 */
public final class CsrFeatureBlock implements FeatureBlock {
  private static final long serialVersionUID = 1L;

  private final int d;
  private final int[] indptr;
  private final int[] indices;
  private final double[] values;

  /** Wraps the arrays (not copied) after checking their shape and index order. */
  public CsrFeatureBlock(int dimension, int[] indptr, int[] indices, double[] values) {
    if (dimension < 0 || indptr.length < 1 || indptr[0] != 0 || indices.length != values.length
        || indptr[indptr.length - 1] != indices.length) {
      throw new IllegalArgumentException("malformed CSR arrays: indptr " + indptr.length + " entries ending at "
          + indptr[indptr.length - 1] + ", " + indices.length + " indices, " + values.length + " values");
    }
    for (int i = 0; i + 1 < indptr.length; i++) {
      if (indptr[i + 1] < indptr[i]) {
        throw new IllegalArgumentException("indptr decreases at row " + i);
      }
      for (int p = indptr[i]; p < indptr[i + 1]; p++) {
        int j = indices[p];
        if (j < 0 || j >= dimension || (p > indptr[i] && j <= indices[p - 1])) {
          throw new IllegalArgumentException("row " + i + ": feature index " + j
              + " out of range [0, " + dimension + ") or not strictly increasing");
        }
      }
    }
    this.d = dimension;
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
  }

  /** The nonzeros of a d×n column-major dense block (samples are columns). */
  public static CsrFeatureBlock fromDense(DenseMatrix featuresByRow) {
    int d = featuresByRow.rows();
    int n = featuresByRow.cols();
    double[] v = featuresByRow.values();
    int nnz = 0;
    for (double x : v) {
      if (x != 0.0) {
        nnz++;
      }
    }
    int[] ptr = new int[n + 1];
    int[] idx = new int[nnz];
    double[] val = new double[nnz];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double x = v[i * d + j];
        if (x != 0.0) {
          idx[p] = j;
          val[p++] = x;
        }
      }
      ptr[i + 1] = p;
    }
    return new CsrFeatureBlock(d, ptr, idx, val);
  }

  /** The same rows as a dense d×n block. */
  public DenseFeatureBlock toDense() {
    int n = rows();
    double[] v = new double[Math.multiplyExact(d, n)];
    for (int i = 0; i < n; i++) {
      for (int p = indptr[i]; p < indptr[i + 1]; p++) {
        v[i * d + indices[p]] = values[p];
      }
    }
    return new DenseFeatureBlock(DenseMatrix.wrap(d, n, v));
  }

  public int[] indptr() {
    return indptr;
  }

  public int[] indices() {
    return indices;
  }

  public double[] values() {
    return values;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public int rows() {
    return indptr.length - 1;
  }

  @Override
  public Layout layout() {
    return Layout.SPARSE;
  }

  @Override
  public long nonZeros() {
    return values.length;
  }

  @Override
  public void margins(double[] w, int k, double[] z) {
    int n = rows();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        int off = c * d;
        double s = 0.0;
        for (int p = indptr[i]; p < indptr[i + 1]; p++) {
          s += values[p] * w[off + indices[p]];
        }
        z[i * k + c] = s;
      }
    }
  }

  @Override
  public void addGradient(double[] r, int k, double alpha, double[] g) {
    int n = rows();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double ri = alpha * r[i * k + c];
        if (ri == 0.0) {
          continue;
        }
        int off = c * d;
        for (int p = indptr[i]; p < indptr[i + 1]; p++) {
          g[off + indices[p]] += ri * values[p];
        }
      }
    }
  }

  @Override
  public double squaredNorm(int i) {
    double s = 0.0;
    for (int p = indptr[i]; p < indptr[i + 1]; p++) {
      s += values[p] * values[p];
    }
    return s;
  }

  @Override
  public double[] columnSums() {
    double[] s = new double[d];
    for (int p = 0; p < values.length; p++) {
      s[indices[p]] += values[p];
    }
    return s;
  }

  @Override
  public double dot(int i, double[] w, int off) {
    double s = 0.0;
    for (int p = indptr[i]; p < indptr[i + 1]; p++) {
      s += values[p] * w[off + indices[p]];
    }
    return s;
  }

  @Override
  public void axpy(int i, double alpha, double[] w, int off) {
    for (int p = indptr[i]; p < indptr[i + 1]; p++) {
      w[off + indices[p]] += alpha * values[p];
    }
  }

  @Override
  public CsrFeatureBlock slice(int from, int to) {
    int[] ptr = new int[to - from + 1];
    for (int i = from; i <= to; i++) {
      ptr[i - from] = indptr[i] - indptr[from];
    }
    return new CsrFeatureBlock(d, ptr, Arrays.copyOfRange(indices, indptr[from], indptr[to]),
        Arrays.copyOfRange(values, indptr[from], indptr[to]));
  }
}
