package dev.geodesic.manifold;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * The Stiefel manifold St(d, r) = {x ∈ R^{d×r} : xᵀx = I_r} with the metric of the embedding
 * R^{d×r} (Absil, Mahony &amp; Sepulchre 2008, §3.3.2 and §4.1.1; Chen et al. 2021, §2).
 *
 * <p>Only projections are needed (no exponential map, no parallel transport): the tangent
 * projection P_T(x)(y) = y − x·sym(xᵀy), the projection onto the manifold P_M(y) = U·Vᵀ (polar
 * factor of the thin SVD y = UΣVᵀ, the nearest point of St(d, r) in Frobenius norm) and the polar
 * retraction R_x(ξ) = P_M(x + ξ).
 */
public final class StiefelManifold {
  /**
   * Above this condition number of yᵀy the polar factor comes from the SVD of y, not from the
   * eigen-decomposition of yᵀy: the eigen route's orthonormality error grows like ε·κ(yᵀy), so it is
   * used only where it keeps xᵀx = I to ≈ 1e-14.
   */
  static final double EIGEN_ROUTE_MAX_CONDITION = 1e2;

  private final int dimension;
  private final int rank;
  private final Blas blas;
  private final Lapack lapack;

  public StiefelManifold(int dimension, int rank) {
    this(dimension, rank, Lapack.get());
  }

  /** St(d, r) computed with the given LAPACK backend (and its BLAS). */
  public StiefelManifold(int dimension, int rank, Lapack lapack) {
    if (rank < 1 || dimension < rank) {
      throw new IllegalArgumentException("St(d, r) needs 1 <= r <= d, got d = " + dimension + ", r = " + rank);
    }
    this.dimension = dimension;
    this.rank = rank;
    this.lapack = lapack;
    this.blas = lapack.blas();
  }

  public int dimension() {
    return dimension;
  }

  public int rank() {
    return rank;
  }

  /** sym(B) = (B + Bᵀ)/2 of a square matrix, in place. */
  static void symmetrize(DenseMatrix b) {
    int n = b.rows();
    double[] v = b.values();
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        double s = 0.5 * (v[i + j * n] + v[j + i * n]);
        v[i + j * n] = s;
        v[j + i * n] = s;
      }
    }
  }

  /** P_T(x)(y) = y − x·sym(xᵀy): the orthogonal projection of y onto the tangent space at x. */
  public DenseMatrix tangentProjection(DenseMatrix x, DenseMatrix y) {
    requirePoint(x, "x");
    requirePoint(y, "y");
    DenseMatrix s = blas.multiply(true, x, false, y);
    symmetrize(s);
    DenseMatrix out = y.copy();
    blas.gemm(false, false, -1.0, x, s, 1.0, out);
    return out;
  }

  /** grad f(x) = P_T(x)(∇f(x)): the Riemannian gradient for the embedded metric. */
  public DenseMatrix riemannianGradient(DenseMatrix x, DenseMatrix euclideanGradient) {
    return tangentProjection(x, euclideanGradient);
  }

  /**
   * P_M(y) = U·Vᵀ: the polar factor of y, the nearest point of St(d, r). Computed as
   * y·(yᵀy)^{-1/2} from the r×r eigen-decomposition of yᵀy (O(d r²), cheap for small r) when yᵀy is
   * well conditioned, else from the thin SVD of y. A non-finite y gives a matrix of NaN (so a
   * diverging run shows up in its metrics instead of failing inside LAPACK).
   */
  public DenseMatrix project(DenseMatrix y) {
    requirePoint(y, "y");
    if (!y.isFinite()) {
      DenseMatrix nan = DenseMatrix.zeros(dimension, rank);
      java.util.Arrays.fill(nan.values(), Double.NaN);
      return nan;
    }
    DenseMatrix gram = blas.gram(true, y);
    Lapack.SymmetricEigen e = lapack.symmetricEigen(gram);
    double[] lambda = e.values();
    double lmin = lambda[0];
    double lmax = lambda[rank - 1];
    if (!(lmin > 0) || lmax > EIGEN_ROUTE_MAX_CONDITION * lmin) {
      return lapack.polarFactor(y);
    }
    // (yᵀy)^{-1/2} = V·diag(λ^{-1/2})·Vᵀ
    DenseMatrix v = e.vectors();
    DenseMatrix scaled = v.copy();
    double[] sv = scaled.values();
    for (int j = 0; j < rank; j++) {
      double f = 1.0 / Math.sqrt(lambda[j]);
      for (int i = 0; i < rank; i++) {
        sv[i + j * rank] *= f;
      }
    }
    DenseMatrix inverseRoot = blas.multiply(false, scaled, true, v);
    return blas.multiply(y, inverseRoot);
  }

  /** R_x(ξ) = P_M(x + ξ): the polar retraction. */
  public DenseMatrix retract(DenseMatrix x, DenseMatrix xi) {
    DenseMatrix y = x.copy();
    blas.axpy(1.0, xi, y);
    return project(y);
  }

  /**
   * d_s(x, x*) = min over orthogonal Q of ‖x·Q − x*‖_F, the distance between the subspaces (an
   * orthogonal Procrustes problem): Q = U·Vᵀ from the SVD xᵀx* = UΣVᵀ. The residual is formed
   * explicitly rather than as sqrt(‖x‖² + ‖x*‖² − 2·Σσ), which cancels catastrophically below ≈ 1e-8.
   */
  public DenseMatrix procrustesRotation(DenseMatrix x, DenseMatrix target) {
    requirePoint(x, "x");
    requirePoint(target, "target");
    DenseMatrix m = blas.multiply(true, x, false, target);
    Lapack.Svd svd = lapack.thinSvd(m);
    return blas.multiply(false, svd.u(), true, svd.v());
  }

  /** d_s(x, x*) = min over orthogonal Q of ‖x·Q − x*‖_F. */
  public double subspaceDistance(DenseMatrix x, DenseMatrix target) {
    if (!x.isFinite()) {
      return Double.NaN;
    }
    DenseMatrix q = procrustesRotation(x, target);
    DenseMatrix residual = target.copy();
    blas.gemm(false, false, 1.0, x, q, -1.0, residual);
    return residual.frobeniusNorm();
  }

  /** ‖xᵀx − I‖_F: how far x is from the manifold. */
  public double orthonormalityError(DenseMatrix x) {
    DenseMatrix g = blas.gram(true, x);
    for (int i = 0; i < g.rows(); i++) {
      g.add(i, i, -1.0);
    }
    return g.frobeniusNorm();
  }

  /** ⟨a, b⟩ = tr(aᵀb), the embedded metric. */
  public double inner(DenseMatrix a, DenseMatrix b) {
    return blas.dot(a.values(), b.values());
  }

  /** P_M(g) for a d×r standard Gaussian g drawn from {@code seeds.stream(purpose)}: a random point. */
  public DenseMatrix randomPoint(SeedSequence seeds, String purpose) {
    SplittableRandom rnd = seeds.stream(purpose);
    DenseMatrix g = DenseMatrix.zeros(dimension, rank);
    double[] v = g.values();
    for (int k = 0; k < v.length; k++) {
      v[k] = SeedSequence.nextGaussian(rnd);
    }
    return lapack.polarFactor(g);
  }

  private void requirePoint(DenseMatrix m, String name) {
    if (m.rows() != dimension || m.cols() != rank) {
      throw new IllegalArgumentException(name + " is " + m.rows() + "x" + m.cols() + ", expected " + dimension
          + "x" + rank + " on St(" + dimension + ", " + rank + ")");
    }
  }
}
