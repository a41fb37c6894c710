package dev.geodesic.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcaDataGeneratorTest {
  private static final Lapack LAPACK = Lapack.java();
  private static final Blas BLAS = LAPACK.blas();

  @Test
  void eigengapSpectrumIsAsDocumented() {
    PcaDataGenerator.Config c = PcaDataGenerator.Config.withEigengap(6, 3, 0.1, 0.5);
    assertArrayEquals(new double[] {1.0, 0.9, 0.8, 0.3, 0.3, 0.3}, c.spectrum(), 1e-15);
    assertEquals(3, c.rank());
    assertThrows(IllegalArgumentException.class, () -> PcaDataGenerator.Config.withEigengap(6, 3, 0.1, 0.9));
    assertThrows(IllegalArgumentException.class, () -> new PcaDataGenerator.Config(new double[] {1, 1, 0.5}, 1));
    assertThrows(IllegalArgumentException.class, () -> new PcaDataGenerator.Config(new double[] {1, 2}, 1));
  }

  @Test
  void basisIsARandomOrthogonalMatrixFixedByTheSeed() {
    PcaDataGenerator.Config c = PcaDataGenerator.Config.withEigengap(8, 3, 0.1, 0.5);
    PcaDataGenerator g = new PcaDataGenerator(c, SeedSequence.of(1));
    DenseMatrix q = g.basis();
    assertEquals(0.0, BLAS.gram(true, q).maxAbsDifference(DenseMatrix.identity(8)), 1e-12);
    assertEquals(0.0, q.maxAbsDifference(new PcaDataGenerator(c, SeedSequence.of(1)).basis()), 0.0);
    assertTrue(q.maxAbsDifference(new PcaDataGenerator(c, SeedSequence.of(2)).basis()) > 0.1);
    // Not the coordinate subspace: the largest principal angle to span(e1, e2, e3) is far from 0.
    assertTrue(sinLargestAngle(g.trueSubspace(), DenseMatrix.identity(8).columns(0, 3)) > 0.3);
    // covariance() is Q·diag(λ)·Qᵀ: Σ·q_k = λ_k·q_k.
    DenseMatrix sigmaQ = BLAS.multiply(g.covariance(), q);
    for (int k = 0; k < 8; k++) {
      for (int i = 0; i < 8; i++) {
        assertEquals(c.spectrum()[k] * q.get(i, k), sigmaQ.get(i, k), 1e-13);
      }
    }
  }

  /**
   * n = 20 000 points in d = 8, r = 3, spectrum 1, .9, .8, .3 × 5. With E = S − Σ (S the sample
   * covariance about the known mean 0, Σ built from the exposed basis and spectrum):
   * ‖E‖₂ concentrates at ≈ ‖Σ‖·√(tr Σ / (‖Σ‖·n)) ≈ 0.015 for Gaussian data, so 0.06 (4×) holds
   * with wide margin for a correct generator and fails if the data do not have covariance Σ.
   * Then Weyl bounds each eigenvalue error by ‖E‖₂, and Davis–Kahan (Yu, Wang &amp; Samworth 2015)
   * bounds sin of the largest principal angle by 2‖E‖₂ / (λ_r − λ_{r+1}).
   */
  @Test
  void sampleCovarianceRecoversSpectrumAndTrueSubspace() {
    int n = 20_000;
    int d = 8;
    int r = 3;
    PcaDataGenerator g = new PcaDataGenerator(PcaDataGenerator.Config.withEigengap(d, r, 0.1, 0.5), SeedSequence.of(77));
    LabeledBlock b = g.generate(SeedSequence.of(77), DataGenerator.evenPartitionSizes(n, 4));
    assertNull(b.labels());
    DenseMatrix s = Stats.covariance(b.features(), new double[d]);
    DenseMatrix e = s.copy();
    BLAS.axpy(-1.0, g.covariance(), e);
    double[] eEig = LAPACK.symmetricEigen(e).values();
    double eNorm = Math.max(Math.abs(eEig[0]), Math.abs(eEig[d - 1]));
    assertTrue(eNorm < 0.06, "‖S − Σ‖₂ = " + eNorm);

    Lapack.SymmetricEigen se = LAPACK.symmetricEigen(s);
    double[] spectrum = g.spectrum();
    for (int k = 0; k < d; k++) {
      assertEquals(spectrum[k], se.values()[d - 1 - k], eNorm, "eigenvalue " + k);
    }
    DenseMatrix top = DenseMatrix.zeros(d, r);
    for (int k = 0; k < r; k++) {
      for (int i = 0; i < d; i++) {
        top.set(i, k, se.vectors().get(i, d - 1 - k));
      }
    }
    double sinTheta = sinLargestAngle(top, g.trueSubspace());
    assertTrue(sinTheta <= 2 * eNorm / g.eigengap(), "sin θ = " + sinTheta + ", bound " + 2 * eNorm / g.eigengap());
    assertTrue(sinTheta < 0.1, "sin θ = " + sinTheta);
  }

  /** sin of the largest principal angle between the spans of two d×r orthonormal bases. */
  private static double sinLargestAngle(DenseMatrix u, DenseMatrix v) {
    double[] cos = LAPACK.thinSvd(BLAS.multiply(true, u, false, v)).singularValues();
    double minCos = Math.min(1.0, cos[cos.length - 1]);
    return Math.sqrt(1.0 - minCos * minCos);
  }

  @Test
  void rowsAreReproducibleAndPartitionsIndependent() {
    PcaDataGenerator.Config c = PcaDataGenerator.Config.withEigengap(5, 2, 0.0, 0.5);
    PcaDataGenerator g = new PcaDataGenerator(c, SeedSequence.of(4));
    double[] a = g.generate(SeedSequence.of(4), 1, 300).features().values();
    assertArrayEquals(a, new PcaDataGenerator(c, SeedSequence.of(4)).generate(SeedSequence.of(4), 1, 300).features().values());
    assertFalse(Arrays.equals(a, g.generate(SeedSequence.of(4), 0, 300).features().values()));
    LabeledBlock whole = g.generate(SeedSequence.of(4), new int[] {120, 300});
    assertArrayEquals(a, whole.slice(120, 420).features().values());
  }
}
