package dev.geodesic.decentralized;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import java.io.Serializable;
import java.util.List;

/**
 * A minimizer x* of f on St(d, r) and the optimal value f*, the reference of the
 * {@code subspace_distance} and {@code objective_gap} metrics.
 *
 * @param solution x* (d×r, orthonormal columns)
 * @param optimalValue f* = f(x*)
 * @param eigenvalues for PCA, the eigenvalues of (1/N)·AᵀA in descending order (else empty)
 */
public record GroundTruth(DenseMatrix solution, double optimalValue, double[] eigenvalues) implements Serializable {
  public GroundTruth {
    eigenvalues = eigenvalues.clone();
  }

  /** A known minimizer with its value. */
  public static GroundTruth known(DenseMatrix solution, double optimalValue) {
    return new GroundTruth(solution, optimalValue, new double[0]);
  }

  /**
   * The PCA truth of {@link PcaObjective}: x* = the top-r eigenvectors of C = (1/N)·Σ_i G_i (the
   * summed agents' Gramians, LAPACK {@code dsyevd}) and f* = −½·Σ_{j ≤ r} λ_j(C).
   */
  public static GroundTruth pca(DenseMatrix gramianSum, long totalRows, int rank) {
    int d = gramianSum.rows();
    if (rank < 1 || rank > d) {
      throw new IllegalArgumentException("rank " + rank + " outside 1.." + d);
    }
    DenseMatrix c = gramianSum.copy();
    double inv = 1.0 / totalRows;
    double[] v = c.values();
    for (int k = 0; k < v.length; k++) {
      v[k] *= inv;
    }
    Lapack.SymmetricEigen e = Lapack.get().symmetricEigen(c);
    double[] ascending = e.values();
    double[] descending = new double[d];
    for (int j = 0; j < d; j++) {
      descending[j] = ascending[d - 1 - j];
    }
    DenseMatrix x = DenseMatrix.zeros(d, rank);
    double fstar = 0;
    for (int j = 0; j < rank; j++) {
      System.arraycopy(e.vectors().values(), (d - 1 - j) * d, x.values(), j * d, d);
      fstar -= 0.5 * descending[j];
    }
    return new GroundTruth(x, fstar, descending);
  }

  /** {@link #pca(DenseMatrix, long, int)} of agents' blocks (d × m_i each), summing their Gramians. */
  public static GroundTruth pca(List<DenseMatrix> blocks, int rank) {
    int d = blocks.get(0).rows();
    DenseMatrix sum = DenseMatrix.zeros(d, d);
    for (DenseMatrix b : blocks) {
      dev.geodesic.linalg.Blas.get().syrk(false, 1.0, b, 1.0, sum);
    }
    return pca(sum, PcaObjective.totalRows(blocks), rank);
  }

  /** λ_r − λ_{r+1} of (1/N)·AᵀA (NaN when not PCA or r = d). */
  public double eigengap() {
    int r = solution.cols();
    return eigenvalues.length > r ? eigenvalues[r - 1] - eigenvalues[r] : Double.NaN;
  }
}
