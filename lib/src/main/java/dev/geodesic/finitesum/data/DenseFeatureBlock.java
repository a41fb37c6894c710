package dev.geodesic.finitesum.data;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;

/**
 * Rows as the columns of a d×n column-major matrix (the project's "samples are columns" layout, as
 * in {@code jobs.io.DataBlock}): row i is the contiguous slice {@code [i·d, (i+1)·d)}. All margins are
 * one dgemv (K = 1) or dgemm (Zᵀ = Wᵀ·A), the gradient sum one dgemv/dgemm (G += A·Rᵀ).
 */
public final class DenseFeatureBlock implements FeatureBlock {
  private static final long serialVersionUID = 1L;

  private final DenseMatrix a;
  private final int d;
  private final int n;

  public DenseFeatureBlock(DenseMatrix featuresByRow) {
    this.a = featuresByRow;
    this.d = featuresByRow.rows();
    this.n = featuresByRow.cols();
  }

  /** The d×n matrix (not a copy). */
  public DenseMatrix matrix() {
    return a;
  }

  /** The backing column-major array (row i at offset i·d). */
  public double[] values() {
    return a.values();
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public Layout layout() {
    return Layout.DENSE;
  }

  @Override
  public long nonZeros() {
    return (long) d * n;
  }

  @Override
  public void margins(double[] w, int k, double[] z) {
    if (n == 0) {
      return;
    }
    if (d == 0) {
      java.util.Arrays.fill(z, 0, n * k, 0.0);
      return;
    }
    if (k == 1) {
      Blas.get().netlib().dgemv("T", d, n, 1.0, a.values(), d, w, 1, 0.0, z, 1);
    } else {
      Blas.get().netlib().dgemm("T", "N", k, n, d, 1.0, w, d, a.values(), d, 0.0, z, k);
    }
  }

  @Override
  public void addGradient(double[] r, int k, double alpha, double[] g) {
    if (n == 0 || d == 0) {
      return;
    }
    if (k == 1) {
      Blas.get().netlib().dgemv("N", d, n, alpha, a.values(), d, r, 1, 1.0, g, 1);
    } else {
      Blas.get().netlib().dgemm("N", "T", d, k, n, alpha, a.values(), d, r, k, 1.0, g, d);
    }
  }

  @Override
  public double squaredNorm(int i) {
    double[] v = a.values();
    double s = 0.0;
    for (int j = i * d, e = j + d; j < e; j++) {
      s += v[j] * v[j];
    }
    return s;
  }

  @Override
  public double[] columnSums() {
    double[] s = new double[d];
    double[] v = a.values();
    for (int i = 0; i < n; i++) {
      for (int j = 0, o = i * d; j < d; j++) {
        s[j] += v[o + j];
      }
    }
    return s;
  }

  @Override
  public double dot(int i, double[] w, int off) {
    double[] v = a.values();
    double s = 0.0;
    for (int j = 0, o = i * d; j < d; j++) {
      s += v[o + j] * w[off + j];
    }
    return s;
  }

  @Override
  public void axpy(int i, double alpha, double[] w, int off) {
    double[] v = a.values();
    for (int j = 0, o = i * d; j < d; j++) {
      w[off + j] += alpha * v[o + j];
    }
  }

  @Override
  public DenseFeatureBlock slice(int from, int to) {
    return new DenseFeatureBlock(a.columns(from, to));
  }
}
