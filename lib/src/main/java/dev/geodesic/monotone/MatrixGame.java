package dev.geodesic.monotone;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;

/**
 * The matrix game min_{x∈Δ_n} max_{y∈Δ_m} yᵀAx for an m × n payoff A (row i of A belongs to the
 * maximizing player's pure strategy i, column j to the minimizer's j), as the monotone inclusion
 * 0 ∈ F(u) + N_{Δ_n×Δ_m}(u) with u = (x, y) and F(x, y) = (Aᵀy, −Ax) (Cai et al. 2024, §5).
 *
 * <p>Components are row/column pairs: with N = max(m, n), F_i(x, y) = N·(y_i·A_{i,:}ᵀ, −x_i·A_{:,i})
 * (a missing row or column contributes nothing), so (1/N)·Σ_i F_i = F and one component costs one
 * row and one column. A is kept twice, column-major and transposed, so both are contiguous.
 */
public final class MatrixGame implements FiniteSumOperator {
  private final int m;
  private final int n;
  private final int components;
  private final DenseMatrix a;
  /** Aᵀ column-major: row i of A is the contiguous slice [i·n, (i+1)·n). */
  private final double[] rowsOfA;
  private final double spectralNorm;
  private final double frobeniusNorm;
  private final double meanSquareLipschitz;
  private final Blas blas = Blas.get();

  /** @param a the m × n payoff matrix (not copied; do not modify it afterwards) */
  public MatrixGame(DenseMatrix a) {
    if (a.rows() < 1 || a.cols() < 1) {
      throw new IllegalArgumentException("a matrix game needs at least one row and one column");
    }
    if (!a.isFinite()) {
      throw new IllegalArgumentException("the payoff matrix has a non-finite entry");
    }
    this.m = a.rows();
    this.n = a.cols();
    this.components = Math.max(m, n);
    this.a = a;
    this.rowsOfA = a.transpose().values();
    this.spectralNorm = spectralNorm(a);
    this.frobeniusNorm = a.frobeniusNorm();
    double maxSq = 0;
    for (int i = 0; i < m; i++) {
      double r = blas.nrm2(n, rowsOfA, i * n);
      maxSq = Math.max(maxSq, r * r);
    }
    for (int j = 0; j < n; j++) {
      double c = blas.nrm2(m, a.values(), j * m);
      maxSq = Math.max(maxSq, c * c);
    }
    // (1/N)Σ_i ‖F_i(u) − F_i(v)‖² = N·Σ_i (δy_i²‖A_i,:‖² + δx_i²‖A_:,i‖²) ≤ N·max(‖row‖², ‖col‖²)·‖δ‖².
    this.meanSquareLipschitz = meanSquareLipschitz(components, maxSq);
  }

  private static double spectralNorm(DenseMatrix a) {
    if (Math.min(a.rows(), a.cols()) <= 2000) {
      return Lapack.get().thinSvd(a).singularValues()[0];
    }
    // Power iteration on AᵀA for large games (an SVD would be cubic).
    Blas blas = Blas.get();
    double[] v = new double[a.cols()];
    java.util.Arrays.fill(v, 1.0 / Math.sqrt(a.cols()));
    double sigma = 0;
    for (int it = 0; it < 2000; it++) {
      double[] av = blas.multiply(false, a, v);
      double[] w = blas.multiply(true, a, av);
      double norm = blas.nrm2(w);
      double next = Math.sqrt(norm);
      if (norm == 0) {
        return 0;
      }
      for (int k = 0; k < w.length; k++) {
        v[k] = w[k] / norm;
      }
      if (Math.abs(next - sigma) <= 1e-12 * next) {
        return next;
      }
      sigma = next;
    }
    return sigma;
  }

  /** Components [from, to) as a block holding their rows and columns of A. */
  public MatrixGameBlock block(int from, int to) {
    double[] r = new double[MatrixGameBlock.rowCount(from, to, m) * n];
    if (r.length > 0) {
      System.arraycopy(rowsOfA, from * n, r, 0, r.length);
    }
    double[] c = new double[MatrixGameBlock.rowCount(from, to, n) * m];
    if (c.length > 0) {
      System.arraycopy(a.values(), from * m, c, 0, c.length);
    }
    return new MatrixGameBlock(from, to, m, n, r, c);
  }

  /** The norms of a game given by blocks: ‖A‖_F from Σ rowsFrobeniusSquared and L_Q from the largest line, see {@link #meanSquareLipschitz()}. */
  public static double meanSquareLipschitz(int components, double maxLineNormSquared) {
    return Math.sqrt(components * maxLineNormSquared);
  }

  /** Rows of A (m, the maximizer's strategies). */
  public int rows() {
    return m;
  }

  /** Columns of A (n, the minimizer's strategies). */
  public int columns() {
    return n;
  }

  public DenseMatrix payoff() {
    return a;
  }

  /** ‖A‖₂, the Lipschitz constant of F. */
  public double spectralNorm() {
    return spectralNorm;
  }

  /** ‖A‖_F, the constant the reference code's VR step sizes use. */
  public double frobeniusNorm() {
    return frobeniusNorm;
  }

  /** The inclusion with G the normal cone of Δ_n × Δ_m. */
  public MonotoneInclusion inclusion() {
    return new MonotoneInclusion(this,
        ProductResolvent.of(SimplexProjection.probability(n), SimplexProjection.probability(m)));
  }

  /** u₀ = (uniform x, uniform y), the reference start. */
  public double[] uniformStart() {
    double[] u = new double[n + m];
    java.util.Arrays.fill(u, 0, n, 1.0 / n);
    java.util.Arrays.fill(u, n, n + m, 1.0 / m);
    return u;
  }

  @Override
  public int dimension() {
    return n + m;
  }

  @Override
  public int components() {
    return components;
  }

  @Override
  public void apply(double[] u, double[] out) {
    // Aᵀy into the x-block, −Ax into the y-block: two gemv calls on offsets, no copies.
    blas.netlib().dgemv("T", m, n, 1.0, a.values(), 0, m, u, n, 1, 0.0, out, 0, 1);
    blas.netlib().dgemv("N", m, n, -1.0, a.values(), 0, m, u, 0, 1, 0.0, out, n, 1);
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    if (i < m) {
      double yi = u[n + i];
      if (yi != 0) {
        blas.axpy(n, scale * components * yi, rowsOfA, i * n, out, 0);
      }
    }
    if (i < n) {
      double xi = u[i];
      if (xi != 0) {
        blas.axpy(m, -scale * components * xi, a.values(), i * m, out, n);
      }
    }
  }

  @Override
  public double lipschitz() {
    return spectralNorm;
  }

  @Override
  public double meanSquareLipschitz() {
    return meanSquareLipschitz;
  }

  /** The minimizer's strategy x of u = (x, y). */
  public double[] x(double[] u) {
    return java.util.Arrays.copyOfRange(u, 0, n);
  }

  /** The maximizer's strategy y of u = (x, y). */
  public double[] y(double[] u) {
    return java.util.Arrays.copyOfRange(u, n, n + m);
  }

  /** The payoff yᵀAx at u = (x, y). */
  public double value(double[] u) {
    double[] ax = blas.multiply(false, a, x(u));
    return blas.dot(y(u), ax);
  }

  /**
   * The duality gap max_i (Ax)_i − min_j (Aᵀy)_j at u = (x, y) (x, y in the simplices): the best
   * responses are pure strategies, so both maxima are over rows and columns. The game's value lies in
   * [min_j (Aᵀy)_j, max_i (Ax)_i], and so does yᵀAx, so the gap bounds |yᵀAx − value|.
   */
  public double dualityGap(double[] u) {
    double[] ax = blas.multiply(false, a, x(u));
    double[] aty = blas.multiply(true, a, y(u));
    double max = Double.NEGATIVE_INFINITY;
    for (double v : ax) {
      max = Math.max(max, v);
    }
    double min = Double.POSITIVE_INFINITY;
    for (double v : aty) {
      min = Math.min(min, v);
    }
    return max - min;
  }
}
