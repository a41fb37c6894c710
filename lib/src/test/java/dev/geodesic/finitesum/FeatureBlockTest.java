package dev.geodesic.finitesum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.data.FeatureBlock;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

class FeatureBlockTest {
  /** Dense (BLAS) and CSR (loops) blocks of the same rows agree with a naive triple loop, K = 1 and K = 3. */
  @Test
  void denseAndSparseProductsAgreeWithNaiveLoops() {
    int d = 7;
    int n = 23;
    DenseMatrix a = TestData.features(3, d, n, 0.3, 0.0);
    FeatureBlock dense = new DenseFeatureBlock(a);
    FeatureBlock csr = CsrFeatureBlock.fromDense(a);
    for (int k : new int[] {1, 3}) {
      double[] w = TestData.vector(5, d * k, 1.0);
      double[] r = TestData.vector(6, n * k, 1.0);
      double[] naiveZ = new double[n * k];
      double[] naiveG = new double[d * k];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            naiveZ[i * k + c] += a.get(j, i) * w[c * d + j];
            naiveG[c * d + j] += 0.5 * a.get(j, i) * r[i * k + c];
          }
        }
      }
      for (FeatureBlock b : new FeatureBlock[] {dense, csr}) {
        double[] z = new double[n * k];
        b.margins(w, k, z);
        double[] g = new double[d * k];
        b.addGradient(r, k, 0.5, g);
        assertEquals(0, TestData.maxAbsDiff(naiveZ, z), 1e-12, b.layout() + " K=" + k);
        assertEquals(0, TestData.maxAbsDiff(naiveG, g), 1e-12, b.layout() + " K=" + k);
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(dense.squaredNorm(i), csr.squaredNorm(i), 1e-12);
      assertEquals(dense.dot(i, a.values(), 0), csr.dot(i, a.values(), 0), 1e-12);
    }
    assertEquals(0, TestData.maxAbsDiff(dense.columnSums(), csr.columnSums()), 1e-12);
    assertEquals(0, ((CsrFeatureBlock) csr).toDense().matrix().maxAbsDifference(a), 0.0);
    FeatureBlock s = csr.slice(5, 12);
    assertEquals(7, s.rows());
    assertEquals(csr.squaredNorm(5), s.squaredNorm(0), 0.0);
  }

  @Test
  void layoutFollowsDensityAndCsrIsChecked() {
    assertEquals(Layout.DENSE, Layout.recommended(500, 10, 100));
    assertEquals(Layout.SPARSE, Layout.recommended(40, 10, 100));
    assertEquals(Layout.DENSE, Layout.recommended((long) (Layout.DENSE_ABOVE_DENSITY * 1000), 10, 100));
    assertThrows(IllegalArgumentException.class,
        () -> new CsrFeatureBlock(3, new int[] {0, 2}, new int[] {2, 1}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> new CsrFeatureBlock(3, new int[] {0, 1}, new int[] {3}, new double[] {1}));
  }
}
