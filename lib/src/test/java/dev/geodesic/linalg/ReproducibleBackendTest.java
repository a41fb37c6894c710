package dev.geodesic.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;

/**
 * The reproducible backend gives the same bits whatever the arrays' addresses. netlib's JNI passes
 * the heap address of {@code array + offset}; an element offset of 1 moves it by 8 bytes, so offsets
 * 0 and 1 put the same data at both 16-byte alignments whatever the allocator did — the variable
 * that made native OpenBLAS's Prescott kernels round differently (issue 7).
 */
class ReproducibleBackendTest {
  private static final int N = 37;

  /** {@code values} copied into a fresh array at element {@code offset}. */
  private static double[] placed(double[] values, int offset) {
    double[] a = new double[values.length + offset];
    System.arraycopy(values, 0, a, offset, values.length);
    return a;
  }

  private static double[] gaussian(Random r, int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = r.nextGaussian();
    }
    return v;
  }

  @Test
  void isTheScalarReferenceImplementation() {
    assertEquals("F2jBLAS", Blas.reproducible().implementationName());
    assertEquals("F2jLAPACK", Lapack.reproducible().implementationName());
    assertEquals("F2jBLAS", Lapack.reproducible().blas().implementationName());
    assertFalse(Blas.reproducible().isNative());
  }

  @Test
  void levelOneAndTwoDoNotDependOnAlignment() {
    BLAS f2j = Blas.reproducible().netlib();
    Random r = new Random(21);
    double[] x = gaussian(r, 784);
    double[] y = gaussian(r, 784);
    double[] a = gaussian(r, 784 * N);
    double[] dots = new double[2];
    double[][] gemvT = new double[2][];
    double[][] gemvN = new double[2][];
    for (int off = 0; off < 2; off++) {
      double[] xs = placed(x, off);
      dots[off] = f2j.ddot(784, xs, off, 1, placed(y, off), off, 1);
      double[] yt = new double[N + off];
      f2j.dgemv("T", 784, N, 1.0, placed(a, off), off, 784, xs, off, 1, 0.0, yt, off, 1);
      gemvT[off] = java.util.Arrays.copyOfRange(yt, off, off + N);
      double[] yn = new double[784 + off];
      f2j.dgemv("N", 784, N, 1.0, placed(a, off), off, 784, placed(gaussian(new Random(3), N), off), off, 1,
          0.0, yn, off, 1);
      gemvN[off] = java.util.Arrays.copyOfRange(yn, off, off + 784);
    }
    assertEquals(Double.doubleToRawLongBits(dots[0]), Double.doubleToRawLongBits(dots[1]));
    assertArrayEquals(gemvT[0], gemvT[1]);
    assertArrayEquals(gemvN[0], gemvN[1]);
    // And the value is the dot product: against a sum in a different order, to rounding.
    double s = 0;
    for (int k = 783; k >= 0; k--) {
      s += x[k] * y[k];
    }
    assertEquals(s, dots[0], 1e-12);
  }

  @Test
  void qrDoesNotDependOnAlignment() {
    LAPACK f2j = Lapack.reproducible().netlib();
    int m = 40;
    double[] g = gaussian(new Random(8), m * m);
    double[][] q = new double[2][];
    for (int off = 0; off < 2; off++) {
      double[] a = placed(g, off);
      double[] tau = new double[m + off];
      double[] work = new double[64 * m + off];
      intW info = new intW(0);
      f2j.dgeqrf(m, m, a, off, m, tau, off, work, off, 64 * m, info);
      assertEquals(0, info.val);
      f2j.dorgqr(m, m, m, a, off, m, tau, off, work, off, 64 * m, info);
      assertEquals(0, info.val);
      q[off] = java.util.Arrays.copyOfRange(a, off, off + m * m);
    }
    assertArrayEquals(q[0], q[1]);
    // Q is orthogonal.
    DenseMatrix qm = DenseMatrix.wrap(m, m, q[0]);
    assertEquals(0.0, Blas.reproducible().gram(true, qm).maxAbsDifference(DenseMatrix.identity(m)), 1e-13);
  }
}
