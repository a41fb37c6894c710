package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/** Seeded point clouds and weights for the OT tests. */
final class TestData {
  private TestData() {}

  /** d×n Gaussian points N(shift·1, scale²I), seeded. */
  static DenseMatrix gaussian(long seed, String purpose, int d, int n, double shift, double scale) {
    SplittableRandom r = SeedSequence.of(seed).stream(purpose);
    double[] v = new double[d * n];
    for (int k = 0; k < v.length; k++) {
      v[k] = shift + scale * SeedSequence.nextGaussian(r);
    }
    return DenseMatrix.wrap(d, n, v);
  }

  /** Positive random weights summing to 1. */
  static double[] randomWeights(long seed, String purpose, int n) {
    SplittableRandom r = SeedSequence.of(seed).stream(purpose);
    double[] w = new double[n];
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      w[i] = 0.1 + r.nextDouble();
      s += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= s;
    }
    return w;
  }

  static double[] uniform(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0 / n);
    return w;
  }

  /** Exact W_p^p between two measures by the network simplex (on-the-fly costs). */
  static double exactCost(DiscreteMeasure a, DiscreteMeasure b, double p) {
    return new NetworkSimplex().solve(a, b, p).cost();
  }
}
