package dev.geodesic.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RegressionGeneratorsTest {
  private static final int N = 20_000;
  /** 5 standard errors: a correct generator fails a check with probability below ~1e-6. */
  private static final double Z = 5.0;

  private static double norm(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static double linear(double[] w, double b, double[] x, int offset) {
    double t = b;
    for (int i = 0; i < w.length; i++) {
      t += w[i] * x[offset + i];
    }
    return t;
  }

  @Test
  void logisticLabelsAreBernoulliOfTheSigmoid() {
    int d = 5;
    LogisticRegressionGenerator g =
        new LogisticRegressionGenerator(new LogisticRegressionGenerator.Config(d, 2.0, -0.5), SeedSequence.of(12));
    double[] w = g.trueWeights();
    assertEquals(2.0, norm(w), 1e-12);
    assertEquals(-0.5, g.intercept());
    LabeledBlock b = g.generate(SeedSequence.of(12), DataGenerator.evenPartitionSizes(N, 2));
    double[] x = b.features().values();
    double[] y = b.labels();
    // Given x the labels are independent Bernoulli(p_j), p_j = 1/(1+exp(−(wᵀx_j+b))): the count of
    // positives has mean Σp and variance Σp(1−p). Checked overall and separately where p < 1/2
    // and p ≥ 1/2, so labels that ignore x (right only on average) fail.
    double[][] sums = new double[2][3]; // [bin] -> {positives, Σp, Σp(1−p)}
    for (int j = 0; j < N; j++) {
      assertTrue(y[j] == 0.0 || y[j] == 1.0, "label " + y[j]);
      double p = 1.0 / (1.0 + Math.exp(-linear(w, -0.5, x, j * d)));
      int bin = p < 0.5 ? 0 : 1;
      sums[bin][0] += y[j];
      sums[bin][1] += p;
      sums[bin][2] += p * (1 - p);
    }
    for (int bin = 0; bin < 2; bin++) {
      assertEquals(sums[bin][1], sums[bin][0], Z * Math.sqrt(sums[bin][2]), "bin " + bin);
    }
    assertEquals(sums[0][1] + sums[1][1], sums[0][0] + sums[1][0], Z * Math.sqrt(sums[0][2] + sums[1][2]));
    // The features are N(0, I): mean 0 within 5/√n, variance 1 within 5·√(2/n).
    double[] m = Stats.mean(b.features());
    DenseMatrix c = Stats.covariance(b.features(), new double[d]);
    for (int i = 0; i < d; i++) {
      assertEquals(0.0, m[i], Z / Math.sqrt(N));
      assertEquals(1.0, c.get(i, i), Z * Math.sqrt(2.0 / N));
    }
  }

  @Test
  void logisticCorrelatedFeaturesHaveTheGivenCovariance() {
    DenseMatrix cov = DenseMatrix.fromRows(new double[][] {{1.0, 0.8}, {0.8, 1.0}});
    LogisticRegressionGenerator g = new LogisticRegressionGenerator(
        new LogisticRegressionGenerator.Config(2, 1.0, 0.0, cov), SeedSequence.of(2));
    DenseMatrix s = Stats.covariance(g.generate(SeedSequence.of(2), 0, N).features(), new double[2]);
    for (int a = 0; a < 2; a++) {
      for (int c = 0; c < 2; c++) {
        double se = Math.sqrt((cov.get(a, a) * cov.get(c, c) + cov.get(a, c) * cov.get(a, c)) / N);
        assertEquals(cov.get(a, c), s.get(a, c), Z * se);
      }
    }
  }

  @Test
  void truthDependsOnTheSeedAndCanBeGiven() {
    LogisticRegressionGenerator.Config c = new LogisticRegressionGenerator.Config(4, 1.0, 0.0);
    double[] w1 = new LogisticRegressionGenerator(c, SeedSequence.of(1)).trueWeights();
    assertArrayEquals(w1, new LogisticRegressionGenerator(c, SeedSequence.of(1)).trueWeights(), 0.0);
    assertFalse(Arrays.equals(w1, new LogisticRegressionGenerator(c, SeedSequence.of(2)).trueWeights()));
    double[] given = {1, 2, 3, 4};
    assertArrayEquals(given, new LogisticRegressionGenerator(c, given).trueWeights(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new LogisticRegressionGenerator(c, new double[3]));
    // Same seed: least-squares and logistic truths are different streams.
    double[] ls = new LeastSquaresGenerator(new LeastSquaresGenerator.Config(4, 1.0, 0.0, 0.1), SeedSequence.of(1)).trueWeights();
    assertFalse(Arrays.equals(w1, ls));
  }

  /** β̂ = (AAᵀ)⁻¹A·y with A = [X; 1ᵀ], solved with the Cholesky factor of the normal matrix. */
  private static double[] ordinaryLeastSquares(LabeledBlock b, Lapack.Cholesky[] normalOut) {
    int d = b.dimension();
    int n = b.size();
    double[] x = b.features().values();
    double[] y = b.labels();
    DenseMatrix gram = DenseMatrix.zeros(d + 1, d + 1);
    double[] rhs = new double[d + 1];
    double[] a = new double[d + 1];
    for (int j = 0; j < n; j++) {
      System.arraycopy(x, j * d, a, 0, d);
      a[d] = 1.0;
      for (int p = 0; p <= d; p++) {
        rhs[p] += a[p] * y[j];
        for (int q = 0; q <= d; q++) {
          gram.add(p, q, a[p] * a[q]);
        }
      }
    }
    Lapack.Cholesky chol = Lapack.java().cholesky(gram);
    normalOut[0] = chol;
    return chol.solve(DenseMatrix.column(rhs)).values();
  }

  /**
   * With noise s the OLS estimate has covariance s²·(AAᵀ)⁻¹ given the features, so coefficient k is
   * checked within 5·s·√[(AAᵀ)⁻¹]_kk (≈ 5·0.5/√20000 ≈ 0.018 here); the residual variance
   * RSS/(n−d−1) estimates s² with standard error ≈ s²·√(2/n).
   */
  @Test
  void leastSquaresOlsRecoversTruthWithinNoise() {
    int d = 4;
    double s = 0.5;
    LeastSquaresGenerator g =
        new LeastSquaresGenerator(new LeastSquaresGenerator.Config(d, 3.0, 1.5, s), SeedSequence.of(31));
    assertEquals(3.0, norm(g.trueWeights()), 1e-12);
    LabeledBlock b = g.generate(SeedSequence.of(31), DataGenerator.evenPartitionSizes(N, 3));
    Lapack.Cholesky[] chol = new Lapack.Cholesky[1];
    double[] beta = ordinaryLeastSquares(b, chol);
    DenseMatrix inv = chol[0].solve(DenseMatrix.identity(d + 1));
    double[] truth = Arrays.copyOf(g.trueWeights(), d + 1);
    truth[d] = 1.5;
    for (int k = 0; k <= d; k++) {
      assertEquals(truth[k], beta[k], Z * s * Math.sqrt(inv.get(k, k)), "coefficient " + k);
    }
    double rss = 0;
    double[] x = b.features().values();
    for (int j = 0; j < N; j++) {
      double res = b.labels()[j] - linear(Arrays.copyOf(beta, d), beta[d], x, j * d);
      rss += res * res;
    }
    assertEquals(s * s, rss / (N - d - 1), Z * s * s * Math.sqrt(2.0 / N));
  }

  @Test
  void noiselessLeastSquaresIsExactlyLinear() {
    double[] w = {0.5, -1.0, 2.0};
    LeastSquaresGenerator g = new LeastSquaresGenerator(new LeastSquaresGenerator.Config(3, 0, -2.0, 0.0), w);
    LabeledBlock b = g.generate(SeedSequence.of(3), 0, 500);
    for (int j = 0; j < 500; j++) {
      assertEquals(linear(w, -2.0, b.features().values(), j * 3), b.labels()[j], 1e-12);
    }
    Lapack.Cholesky[] chol = new Lapack.Cholesky[1];
    assertArrayEquals(new double[] {0.5, -1.0, 2.0, -2.0}, ordinaryLeastSquares(b, chol), 1e-10);
  }

  @Test
  void regressionRowsAreReproduciblePerPartition() {
    LeastSquaresGenerator ls = new LeastSquaresGenerator(new LeastSquaresGenerator.Config(3, 1, 0, 0.3), SeedSequence.of(5));
    LogisticRegressionGenerator lr =
        new LogisticRegressionGenerator(new LogisticRegressionGenerator.Config(3, 1, 0), SeedSequence.of(5));
    for (DataGenerator g : new DataGenerator[] {ls, lr}) {
      LabeledBlock whole = g.generate(SeedSequence.of(5), new int[] {70, 130});
      LabeledBlock p1 = g.generate(SeedSequence.of(5), 1, 130);
      assertArrayEquals(whole.slice(70, 200).features().values(), p1.features().values());
      assertArrayEquals(whole.slice(70, 200).labels(), p1.labels());
      assertFalse(Arrays.equals(whole.slice(0, 70).features().values(), p1.slice(0, 70).features().values()));
    }
  }
}
