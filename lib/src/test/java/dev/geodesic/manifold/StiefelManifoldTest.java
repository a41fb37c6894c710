package dev.geodesic.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StiefelManifoldTest {
  private static final Blas BLAS = Blas.get();
  private static final Lapack LAPACK = Lapack.get();

  static DenseMatrix gaussian(int rows, int cols, long seed) {
    SplittableRandom r = SeedSequence.of(seed).stream("test");
    DenseMatrix m = DenseMatrix.zeros(rows, cols);
    for (int k = 0; k < m.values().length; k++) {
      m.values()[k] = SeedSequence.nextGaussian(r);
    }
    return m;
  }

  /** An m×m orthogonal matrix (QR of a Gaussian). */
  static DenseMatrix orthogonal(int m, long seed) {
    return LAPACK.qrFactorQ(gaussian(m, m, seed));
  }

  @Test
  void projectionIsOrthonormalAndIsTheSvdPolarFactor() {
    StiefelManifold st = new StiefelManifold(12, 4);
    for (long seed = 1; seed <= 5; seed++) {
      DenseMatrix y = gaussian(12, 4, seed);
      DenseMatrix p = st.project(y);
      assertTrue(st.orthonormalityError(p) < 1e-12, "‖PᵀP − I‖ = " + st.orthonormalityError(p));
      assertEquals(0.0, p.maxAbsDifference(LAPACK.polarFactor(y)), 1e-12);
      // The polar factor is the nearest orthonormal matrix: yᵀP = VΣVᵀ is symmetric positive definite
      // (first-order condition of min ‖Q − y‖ over QᵀQ = I and its second-order sign).
      DenseMatrix ytp = BLAS.multiply(true, y, false, p);
      assertEquals(0.0, ytp.maxAbsDifference(ytp.transpose()), 1e-12);
      assertTrue(LAPACK.symmetricEigen(ytp).values()[0] > 0);
      // and no other point of St(12, 4) we can think of is closer: P·Q for random orthogonal Q, a QR factor.
      double best = dist(p, y);
      for (long q = 0; q < 20; q++) {
        assertTrue(dist(BLAS.multiply(p, orthogonal(4, 100 + q)), y) >= best - 1e-12);
      }
      assertTrue(dist(LAPACK.qrFactorQ(y), y) >= best - 1e-12);
    }
  }

  private static double dist(DenseMatrix a, DenseMatrix b) {
    DenseMatrix d = a.copy();
    BLAS.axpy(-1.0, b, d);
    return d.frobeniusNorm();
  }

  @Test
  void illConditionedInputTakesTheSvdRouteAndStaysOrthonormal() {
    StiefelManifold st = new StiefelManifold(10, 3);
    DenseMatrix u = st.randomPoint(SeedSequence.of(3), "u");
    // y = U·diag(1, 1e-3, 1e-7)·Vᵀ: κ(yᵀy) = 1e14, far beyond the eigen route's limit.
    DenseMatrix v = orthogonal(3, 4);
    double[] s = {1, 1e-3, 1e-7};
    DenseMatrix us = u.copy();
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 10; i++) {
        us.set(i, j, us.get(i, j) * s[j]);
      }
    }
    DenseMatrix y = BLAS.multiply(false, us, true, v);
    DenseMatrix p = st.project(y);
    assertTrue(st.orthonormalityError(p) < 1e-12);
    DenseMatrix expected = BLAS.multiply(false, u, true, v);
    assertEquals(0.0, p.maxAbsDifference(expected), 1e-8);
  }

  @Test
  void tangentProjectionIsIdempotentAndGivesTangentVectors() {
    StiefelManifold st = new StiefelManifold(9, 3);
    DenseMatrix x = st.randomPoint(SeedSequence.of(5), "x");
    DenseMatrix y = gaussian(9, 3, 6);
    DenseMatrix xi = st.tangentProjection(x, y);
    DenseMatrix c = BLAS.multiply(true, x, false, xi);
    DenseMatrix condition = c.copy();
    BLAS.axpy(1.0, c.transpose(), condition); // xᵀξ + ξᵀx
    assertTrue(condition.frobeniusNorm() < 1e-13);
    assertEquals(0.0, st.tangentProjection(x, xi).maxAbsDifference(xi), 1e-14);
    // Orthogonal projection: y − P_T(y) is normal, ⟨y − ξ, ξ⟩ = 0.
    DenseMatrix normal = y.copy();
    BLAS.axpy(-1.0, xi, normal);
    assertEquals(0.0, st.inner(normal, xi), 1e-13);
    // Closed form: for y = x·S with S symmetric, P_T(x)(y) = 0; for y = x·A, A skew, it is y itself.
    DenseMatrix a = gaussian(3, 3, 7);
    DenseMatrix skew = a.copy();
    BLAS.axpy(-1.0, a.transpose(), skew);
    DenseMatrix sym = a.copy();
    BLAS.axpy(1.0, a.transpose(), sym);
    assertTrue(st.tangentProjection(x, BLAS.multiply(x, sym)).frobeniusNorm() < 1e-14);
    DenseMatrix xa = BLAS.multiply(x, skew);
    assertEquals(0.0, st.tangentProjection(x, xa).maxAbsDifference(xa), 1e-14);
  }

  @Test
  void riemannianGradientOfTheRayleighQuotientVanishesAtEigenvectorsOnly() {
    // f(x) = −½tr(xᵀGx): grad f(x) = −(Gx − x·sym(xᵀGx)) = 0 exactly when span(x) is invariant.
    DenseMatrix b = gaussian(7, 7, 8);
    DenseMatrix g = BLAS.gram(true, b);
    Lapack.SymmetricEigen e = LAPACK.symmetricEigen(g);
    StiefelManifold st = new StiefelManifold(7, 2);
    DenseMatrix top = e.vectors().columns(5, 7);
    DenseMatrix egrad = BLAS.multiply(g, top);
    BLAS.scal(-1.0, egrad.values());
    assertTrue(st.riemannianGradient(top, egrad).frobeniusNorm() < 1e-12 * e.values()[6]);
    DenseMatrix x = st.randomPoint(SeedSequence.of(9), "x");
    DenseMatrix eg = BLAS.multiply(g, x);
    assertTrue(st.riemannianGradient(x, eg).frobeniusNorm() > 1e-3);
  }

  @Test
  void retractionOfZeroIsThePointAndStaysOnTheManifold() {
    StiefelManifold st = new StiefelManifold(8, 3);
    DenseMatrix x = st.randomPoint(SeedSequence.of(10), "x");
    assertEquals(0.0, st.retract(x, DenseMatrix.zeros(8, 3)).maxAbsDifference(x), 1e-15);
    DenseMatrix xi = st.tangentProjection(x, gaussian(8, 3, 11));
    assertTrue(st.orthonormalityError(st.retract(x, xi)) < 1e-13);
    assertThrows(IllegalArgumentException.class, () -> new StiefelManifold(3, 4));
    assertThrows(IllegalArgumentException.class, () -> st.project(DenseMatrix.zeros(8, 2)));
  }

  @Test
  void subspaceDistanceIsInvariantToRotationsAndMatchesBruteForceForRankOne() {
    StiefelManifold st = new StiefelManifold(10, 4);
    DenseMatrix x = st.randomPoint(SeedSequence.of(12), "x");
    DenseMatrix y = st.randomPoint(SeedSequence.of(13), "y");
    double d = st.subspaceDistance(x, y);
    assertTrue(d > 0.1);
    assertEquals(d, st.subspaceDistance(BLAS.multiply(x, orthogonal(4, 14)), y), 1e-12);
    assertEquals(d, st.subspaceDistance(x, BLAS.multiply(y, orthogonal(4, 15))), 1e-12);
    assertEquals(d, st.subspaceDistance(y, x), 1e-12);
    assertTrue(st.subspaceDistance(BLAS.multiply(x, orthogonal(4, 16)), x) < 1e-14);
    // No rotation does better than the Procrustes one.
    for (long q = 0; q < 20; q++) {
      assertTrue(dist(BLAS.multiply(x, orthogonal(4, 200 + q)), y) >= d - 1e-12);
    }
    // r = 1: the orthogonal 1×1 matrices are ±1.
    StiefelManifold line = new StiefelManifold(6, 1);
    for (long s = 0; s < 5; s++) {
      DenseMatrix a = line.randomPoint(SeedSequence.of(20 + s), "a");
      DenseMatrix b = line.randomPoint(SeedSequence.of(40 + s), "b");
      DenseMatrix minusA = a.copy();
      BLAS.scal(-1.0, minusA.values());
      double brute = Math.min(dist(a, b), dist(minusA, b));
      assertEquals(brute, line.subspaceDistance(a, b), 1e-14);
    }
  }

  @Test
  void smallSubspaceDistancesAreResolvedBelowTheSquareRootOfEpsilon() {
    // x*'s first column rotated by a tiny angle θ towards a normal direction: xᵀx* = diag(cos θ, 1),
    // so Q = I and d_s = ‖x₁ − x*₁‖ = 2·sin(θ/2), far below what sqrt(‖x‖² + ‖x*‖² − 2Σσ) resolves.
    StiefelManifold st = new StiefelManifold(6, 2);
    DenseMatrix basis = orthogonal(6, 30);
    DenseMatrix xstar = basis.columns(0, 2);
    double theta = 1e-11;
    DenseMatrix x = xstar.copy();
    for (int i = 0; i < 6; i++) {
      x.set(i, 0, Math.cos(theta) * basis.get(i, 0) + Math.sin(theta) * basis.get(i, 5));
    }
    assertEquals(2 * Math.sin(theta / 2), st.subspaceDistance(x, xstar), 1e-15);
  }
}
