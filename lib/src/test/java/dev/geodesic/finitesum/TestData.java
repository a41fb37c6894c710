package dev.geodesic.finitesum;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/** Seeded small data sets for the finite-sum tests. */
final class TestData {
  private TestData() {}

  /** d×n Gaussian features; each entry kept with probability {@code density} (else exactly 0); plus {@code offset}. */
  static DenseMatrix features(long seed, int d, int n, double density, double offset) {
    SplittableRandom r = SeedSequence.of(seed).stream("features");
    double[] v = new double[d * n];
    for (int k = 0; k < v.length; k++) {
      double g = SeedSequence.nextGaussian(r);
      boolean keep = r.nextDouble() < density;
      v[k] = (keep ? g : 0.0) + offset;
    }
    return DenseMatrix.wrap(d, n, v);
  }

  /** Labels y ∈ {0,1} drawn from P(y=1) = σ(a·w + b) with a seeded w of the given scale. */
  static double[] logisticLabels(long seed, DenseMatrix a, double[] w, double b) {
    SplittableRandom r = SeedSequence.of(seed).stream("labels");
    int d = a.rows();
    double[] y = new double[a.cols()];
    for (int i = 0; i < y.length; i++) {
      double z = b;
      for (int j = 0; j < d; j++) {
        z += a.get(j, i) * w[j];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return y;
  }

  /** y = a·w + b + noise·N(0,1). */
  static double[] linearLabels(long seed, DenseMatrix a, double[] w, double b, double noise) {
    SplittableRandom r = SeedSequence.of(seed).stream("labels");
    int d = a.rows();
    double[] y = new double[a.cols()];
    for (int i = 0; i < y.length; i++) {
      double z = b;
      for (int j = 0; j < d; j++) {
        z += a.get(j, i) * w[j];
      }
      y[i] = z + noise * SeedSequence.nextGaussian(r);
    }
    return y;
  }

  /** Class labels 0..K−1 drawn from softmax(Wᵀa) with W d×K column-major. */
  static double[] multinomialLabels(long seed, DenseMatrix a, double[] w, int k) {
    SplittableRandom r = SeedSequence.of(seed).stream("labels");
    int d = a.rows();
    double[] y = new double[a.cols()];
    double[] p = new double[k];
    for (int i = 0; i < y.length; i++) {
      double s = 0;
      for (int c = 0; c < k; c++) {
        double z = 0;
        for (int j = 0; j < d; j++) {
          z += a.get(j, i) * w[c * d + j];
        }
        p[c] = Math.exp(z);
        s += p[c];
      }
      double u = r.nextDouble() * s;
      int c = 0;
      while (c < k - 1 && u > p[c]) {
        u -= p[c];
        c++;
      }
      y[i] = c;
    }
    return y;
  }

  static double[] vector(long seed, int d, double scale) {
    SplittableRandom r = SeedSequence.of(seed).stream("vector");
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = scale * SeedSequence.nextGaussian(r);
    }
    return w;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
