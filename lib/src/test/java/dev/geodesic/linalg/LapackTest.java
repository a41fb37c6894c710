package dev.geodesic.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LapackTest {

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> backends() {
    return Backends.lapacks();
  }

  private static void assertOrthonormalColumns(Blas blas, DenseMatrix q, double tol) {
    DenseMatrix qtq = blas.gram(true, q);
    assertEquals(0.0, qtq.maxAbsDifference(DenseMatrix.identity(q.cols())), tol);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eigenOfHandWorkedMatrix(Lapack lapack) {
    // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,-1)/√2 and (1,1)/√2.
    Lapack.SymmetricEigen e = lapack.symmetricEigen(DenseMatrix.fromRows(new double[][] {{2, 1}, {1, 2}}));
    assertArrayEquals(new double[] {1, 3}, e.values(), 1e-14);
    double s = 1 / Math.sqrt(2);
    assertEquals(s, Math.abs(e.vectors().get(0, 1)), 1e-14);
    assertEquals(e.vectors().get(0, 1), e.vectors().get(1, 1), 1e-14);
    assertEquals(e.vectors().get(0, 0), -e.vectors().get(1, 0), 1e-14);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eigenReconstructsRandomSymmetricMatrix(Lapack lapack) {
    Blas blas = lapack.blas();
    DenseMatrix g = BlasTest.random(new Random(3), 12, 12);
    DenseMatrix a = blas.gram(false, g);
    Lapack.SymmetricEigen e = lapack.symmetricEigen(a);
    assertOrthonormalColumns(blas, e.vectors(), 1e-12);
    for (int j = 1; j < 12; j++) {
      assertTrue(e.values()[j - 1] <= e.values()[j]);
    }
    DenseMatrix vl = e.vectors().copy();
    for (int j = 0; j < 12; j++) {
      for (int i = 0; i < 12; i++) {
        vl.set(i, j, vl.get(i, j) * e.values()[j]);
      }
    }
    DenseMatrix back = blas.multiply(false, vl, true, e.vectors());
    assertEquals(0.0, back.maxAbsDifference(a), 1e-10 * a.frobeniusNorm());
    // Sum of eigenvalues equals the trace.
    double sum = 0;
    for (double v : e.values()) {
      sum += v;
    }
    assertEquals(a.trace(), sum, 1e-10 * a.frobeniusNorm());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void thinSvdOfHandWorkedMatrix(Lapack lapack) {
    // [[3,0],[4,5]]: AᵀA = [[25,20],[20,25]] → σ² = 45, 5 → σ = 3√5, √5.
    Lapack.Svd svd = lapack.thinSvd(DenseMatrix.fromRows(new double[][] {{3, 0}, {4, 5}}));
    assertArrayEquals(new double[] {3 * Math.sqrt(5), Math.sqrt(5)}, svd.singularValues(), 1e-13);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void thinSvdReconstructsTallAndWide(Lapack lapack) {
    Blas blas = lapack.blas();
    Random r = new Random(5);
    for (int[] shape : new int[][] {{15, 4}, {4, 15}, {7, 7}}) {
      DenseMatrix a = BlasTest.random(r, shape[0], shape[1]);
      Lapack.Svd svd = lapack.thinSvd(a);
      int k = Math.min(shape[0], shape[1]);
      assertEquals(k, svd.singularValues().length);
      assertOrthonormalColumns(blas, svd.u(), 1e-12);
      assertOrthonormalColumns(blas, svd.v(), 1e-12);
      DenseMatrix us = svd.u().copy();
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < us.rows(); i++) {
          us.set(i, j, us.get(i, j) * svd.singularValues()[j]);
        }
      }
      DenseMatrix back = blas.multiply(false, us, true, svd.v());
      assertEquals(0.0, back.maxAbsDifference(a), 1e-12 * 10);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void polarFactorIsNearestOrthonormalMatrix(Lapack lapack) {
    Blas blas = lapack.blas();
    Random r = new Random(9);
    DenseMatrix a = BlasTest.random(r, 10, 3);
    DenseMatrix q = lapack.polarFactor(a);
    assertOrthonormalColumns(blas, q, 1e-12);
    // Polar decomposition A = Q·H with H = QᵀA symmetric positive definite.
    DenseMatrix h = blas.multiply(true, q, false, a);
    assertEquals(0.0, h.maxAbsDifference(h.transpose()), 1e-12);
    assertTrue(lapack.symmetricEigen(h).values()[0] > 0);
    // No other random orthonormal matrix is closer to A.
    double best = distance(blas, a, q);
    for (int t = 0; t < 50; t++) {
      DenseMatrix other = lapack.qrFactorQ(BlasTest.random(r, 10, 3));
      assertTrue(distance(blas, a, other) >= best - 1e-12);
    }
    // An orthonormal matrix is its own polar factor.
    assertEquals(0.0, lapack.polarFactor(q).maxAbsDifference(q), 1e-12);
  }

  private static double distance(Blas blas, DenseMatrix a, DenseMatrix b) {
    DenseMatrix d = a.copy();
    blas.axpy(-1.0, b, d);
    return d.frobeniusNorm();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void qrFactorSpansColumnsWithPositiveDiagonal(Lapack lapack) {
    Blas blas = lapack.blas();
    DenseMatrix a = BlasTest.random(new Random(13), 9, 4);
    DenseMatrix q = lapack.qrFactorQ(a);
    assertOrthonormalColumns(blas, q, 1e-12);
    DenseMatrix rFactor = blas.multiply(true, q, false, a);
    for (int j = 0; j < 4; j++) {
      assertTrue(rFactor.get(j, j) > 0);
      for (int i = j + 1; i < 4; i++) {
        assertEquals(0.0, rFactor.get(i, j), 1e-12);
      }
    }
    assertEquals(0.0, blas.multiply(q, rFactor).maxAbsDifference(a), 1e-12);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void choleskyOfHandWorkedMatrixAndSolve(Lapack lapack) {
    // [[4,2],[2,3]] = L·Lᵀ with L = [[2,0],[1,√2]].
    DenseMatrix a = DenseMatrix.fromRows(new double[][] {{4, 2}, {2, 3}});
    Lapack.Cholesky c = lapack.cholesky(a);
    assertEquals(0.0, c.lower().maxAbsDifference(
        DenseMatrix.fromRows(new double[][] {{2, 0}, {1, Math.sqrt(2)}})), 1e-14);
    assertEquals(Math.log(8), c.logDeterminant(), 1e-14);
    // [[4,2],[2,3]]·x = (8, 7) → x = (1.25, 1.5).
    DenseMatrix x = c.solve(DenseMatrix.column(new double[] {8, 7}));
    assertArrayEquals(new double[] {1.25, 1.5}, x.values(), 1e-14);
    assertThrows(IllegalArgumentException.class,
        () -> lapack.cholesky(DenseMatrix.fromRows(new double[][] {{1, 2}, {2, 1}})));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void psdSquareRootSquaresBack(Lapack lapack) {
    Blas blas = lapack.blas();
    DenseMatrix a = blas.gram(false, BlasTest.random(new Random(17), 5, 8));
    DenseMatrix s = lapack.sqrtPsd(a);
    assertEquals(0.0, blas.multiply(s, s).maxAbsDifference(a), 1e-10);
    // diag(4, 9) → diag(2, 3).
    DenseMatrix d = lapack.sqrtPsd(DenseMatrix.fromRows(new double[][] {{4, 0}, {0, 9}}));
    assertEquals(0.0, d.maxAbsDifference(DenseMatrix.fromRows(new double[][] {{2, 0}, {0, 3}})), 1e-14);
  }
}
