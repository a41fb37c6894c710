package dev.geodesic.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlasTest {

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> backends() {
    return Backends.blases();
  }

  /** Triple loop on rows: the brute-force truth for gemm. */
  private static DenseMatrix naiveProduct(DenseMatrix a, boolean ta, DenseMatrix b, boolean tb) {
    int m = ta ? a.cols() : a.rows();
    int k = ta ? a.rows() : a.cols();
    int n = tb ? b.rows() : b.cols();
    DenseMatrix c = DenseMatrix.zeros(m, n);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int l = 0; l < k; l++) {
          s += (ta ? a.get(l, i) : a.get(i, l)) * (tb ? b.get(j, l) : b.get(l, j));
        }
        c.set(i, j, s);
      }
    }
    return c;
  }

  static DenseMatrix random(Random r, int rows, int cols) {
    DenseMatrix m = DenseMatrix.zeros(rows, cols);
    for (int k = 0; k < m.values().length; k++) {
      m.values()[k] = r.nextGaussian();
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void gemmMatchesHandComputedProduct(Blas blas) {
    DenseMatrix a = DenseMatrix.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    DenseMatrix b = DenseMatrix.fromRows(new double[][] {{7, 8, 9}, {10, 11, 12}});
    DenseMatrix c = blas.multiply(a, b);
    // [1 2;3 4;5 6]·[7 8 9;10 11 12] worked by hand.
    DenseMatrix expected = DenseMatrix.fromRows(new double[][] {{27, 30, 33}, {61, 68, 75}, {95, 106, 117}});
    assertEquals(0.0, c.maxAbsDifference(expected), 1e-12);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void gemmAllTransposesMatchBruteForce(Blas blas) {
    Random r = new Random(7);
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        DenseMatrix a = ta ? random(r, 13, 9) : random(r, 9, 13);
        DenseMatrix b = tb ? random(r, 11, 13) : random(r, 13, 11);
        DenseMatrix c0 = random(r, 9, 11);
        DenseMatrix c = c0.copy();
        blas.gemm(ta, tb, 0.5, a, b, -2.0, c);
        DenseMatrix truth = naiveProduct(a, ta, b, tb);
        for (int k = 0; k < truth.values().length; k++) {
          truth.values()[k] = 0.5 * truth.values()[k] - 2.0 * c0.values()[k];
        }
        assertEquals(0.0, c.maxAbsDifference(truth), 1e-12, "ta=" + ta + " tb=" + tb);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void syrkEqualsGemmWithItsTranspose(Blas blas) {
    Random r = new Random(11);
    DenseMatrix a = random(r, 6, 17);
    DenseMatrix aat = blas.gram(false, a);
    DenseMatrix ata = blas.gram(true, a);
    assertEquals(0.0, aat.maxAbsDifference(naiveProduct(a, false, a, true)), 1e-12);
    assertEquals(0.0, ata.maxAbsDifference(naiveProduct(a, true, a, false)), 1e-12);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void gemvBothWays(Blas blas) {
    DenseMatrix a = DenseMatrix.fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new double[] {14, 32}, blas.multiply(false, a, new double[] {1, 2, 3}), 1e-14);
    assertArrayEquals(new double[] {9, 12, 15}, blas.multiply(true, a, new double[] {1, 2}), 1e-14);
    double[] y = {1, 1};
    blas.gemv(false, 2.0, a, new double[] {1, 0, -1}, 3.0, y);
    assertArrayEquals(new double[] {2 * (1 - 3) + 3, 2 * (4 - 6) + 3}, y, 1e-14);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void levelOne(Blas blas) {
    double[] x = {3, 4, 0, -12};
    double[] y = {1, 2, 3, 4};
    assertEquals(3 + 8 + 0 - 48, blas.dot(x, y), 0.0);
    assertEquals(13.0, blas.nrm2(x), 1e-14);
    assertEquals(4 * 3, blas.dot(1, x, 0, y, 3), 0.0);
    blas.axpy(2.0, x, y);
    assertArrayEquals(new double[] {7, 10, 3, -20}, y, 0.0);
    blas.scal(-0.5, y);
    assertArrayEquals(new double[] {-3.5, -5, -1.5, 10}, y, 0.0);
    // nrm2 must not overflow where the naive sum of squares would.
    assertEquals(Math.sqrt(2) * 1e200, blas.nrm2(new double[] {1e200, 1e200}), 1e186);
    assertEquals(5e-200, blas.nrm2(new double[] {3e-200, 4e-200}), 1e-214);
  }

  @Test
  void dimensionMismatchIsRejected() {
    Blas blas = Blas.java();
    DenseMatrix a = DenseMatrix.zeros(2, 3);
    assertThrows(IllegalArgumentException.class, () -> blas.multiply(a, a));
    assertThrows(IllegalArgumentException.class, () -> blas.dot(new double[2], new double[3]));
  }

  @Test
  void reportsImplementation() {
    assertTrue(Blas.java().implementationName().endsWith("BLAS"));
    assertFalse(Blas.java().isNative());
    Blas.nativeBackend().ifPresent(b -> assertEquals("JNIBLAS", b.implementationName()));
  }

  @Test
  void denseMatrixBasics() {
    DenseMatrix m = DenseMatrix.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, m.values(), 0.0);
    assertEquals(4.0, m.transpose().get(1, 1), 0.0);
    assertEquals(Math.sqrt(91), m.frobeniusNorm(), 1e-14);
    assertEquals(5.0, m.trace(), 0.0);
    assertArrayEquals(new double[] {2, 4, 6}, m.columnCopy(1), 0.0);
    assertThrows(IllegalArgumentException.class, () -> DenseMatrix.fromRows(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> DenseMatrix.wrap(2, 2, new double[3]));
  }
}
