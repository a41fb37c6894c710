package dev.geodesic.finitesum.data;

import java.io.Serializable;

/**
 * The feature rows a solver works on: n rows a_i ∈ R^d, stored dense ({@link DenseFeatureBlock}) or
 * sparse ({@link CsrFeatureBlock}). A linear model with K outputs has weights W, a d×K column-major
 * array ({@code W[j + k·d]}); the block gives the full-data products (all margins Wᵀa_i, the gradient
 * sum Σ_i a_i r_iᵀ) as one BLAS call where it can, and single-row access for the stochastic steps.
 * Per-row vectors of K values (margins, residuals) are stored row after row: {@code z[i·K + k]}.
 */
public interface FeatureBlock extends Serializable {
  /** d, the number of features. */
  int dimension();

  /** n, the number of rows. */
  int rows();

  Layout layout();

  /** Stored entries (d·n for a dense block). */
  long nonZeros();

  /** z[i·K + k] = a_iᵀ W[:, k] for every row i (Zᵀ = Wᵀ·A). */
  void margins(double[] w, int k, double[] z);

  /** g[j + k·d] += alpha·Σ_i a_ij·r[i·K + k] (G += alpha·A·Rᵀ). */
  void addGradient(double[] r, int k, double alpha, double[] g);

  /** ‖a_i‖². */
  double squaredNorm(int i);

  /** Σ_i a_i (length d). */
  double[] columnSums();

  /** a_iᵀ w[off, off + d). */
  double dot(int i, double[] w, int off);

  /** w[off, off + d) += alpha·a_i. */
  void axpy(int i, double alpha, double[] w, int off);

  /** Rows [from, to) as a block of the same layout (copied). */
  FeatureBlock slice(int from, int to);

  /** The density nnz / (n·d). */
  default double density() {
    long cells = (long) rows() * dimension();
    return cells == 0 ? 0.0 : (double) nonZeros() / cells;
  }
}
