package dev.geodesic.ot;

/**
 * The ground cost C_ij between the n atoms of a source measure and the m atoms of a target measure,
 * as {@link NetworkSimplex} and the other solvers see it: either a dense precomputed matrix
 * ({@link DenseCostMatrix}) or computed when asked from the two point blocks ({@link PointCloudCost}).
 */
public interface CostMatrix {
  /** Largest n·m for which {@link #groundCost} precomputes a dense matrix (8·2^24 bytes = 128 MiB). */
  long DENSE_LIMIT = 1L << 24;

  /**
   * ‖x_i − y_j‖^p for the columns of x (d×n) and y (d×m): dense ({@link DenseCostMatrix#groundCost},
   * BLAS for p = 2) when n·m ≤ {@link #DENSE_LIMIT}, else computed on the fly ({@link PointCloudCost}).
   */
  static CostMatrix groundCost(dev.geodesic.linalg.DenseMatrix x, dev.geodesic.linalg.DenseMatrix y, double p) {
    return (long) x.cols() * y.cols() <= DENSE_LIMIT ? DenseCostMatrix.groundCost(x, y, p) : new PointCloudCost(x, y, p);
  }

  /** n, the number of source atoms. */
  int rows();

  /** m, the number of target atoms. */
  int cols();

  /** C_ij. */
  double cost(int i, int j);

  /** C_ij for j in [from, to) into {@code out[0 .. to-from)}; overridden by implementations with a faster path. */
  default void row(int i, int from, int to, double[] out) {
    for (int j = from; j < to; j++) {
      out[j - from] = cost(i, j);
    }
  }

  /**
   * An upper bound on max |C_ij|, the scale of the solver's pivot tolerance. The default scans every
   * entry; {@link PointCloudCost} bounds it from the two clouds' radii instead.
   */
  default double maxAbsCostBound() {
    double mx = 0.0;
    double[] buf = new double[cols()];
    for (int i = 0; i < rows(); i++) {
      row(i, 0, cols(), buf);
      for (double c : buf) {
        mx = Math.max(mx, Math.abs(c));
      }
    }
    return mx;
  }

  /** The cost between the listed rows and columns (a view or a copy). */
  default CostMatrix restrict(int[] rowIndex, int[] colIndex) {
    CostMatrix base = this;
    return new CostMatrix() {
      @Override
      public int rows() {
        return rowIndex.length;
      }

      @Override
      public int cols() {
        return colIndex.length;
      }

      @Override
      public double cost(int i, int j) {
        return base.cost(rowIndex[i], colIndex[j]);
      }
    };
  }
}
