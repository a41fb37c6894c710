package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import org.junit.jupiter.api.Test;

class SummaryLowerBoundsTest {
  private static ClientSummary summary(DiscreteMeasure m, DenseMatrix dirs) {
    return SummaryLowerBounds.summarize(m, dirs, SummaryLowerBounds.QUANTILES);
  }

  private static SummaryLowerBounds.Bound best(DiscreteMeasure a, DiscreteMeasure b, double p, long seed) {
    ClientSummary ma = summary(a, null);
    ClientSummary mb = summary(b, null);
    DenseMatrix dirs = SummaryLowerBounds.directions(ma, mb, Math.min(8, a.dimension() + 1), SeedSequence.of(seed));
    return SummaryLowerBounds.best(summary(a, dirs), summary(b, dirs), dirs, p);
  }

  /** 2d points m ± √d·s_k·e_k: mean m and covariance diag(s_k²) exactly. */
  private static DiscreteMeasure cross(double[] m, double[] s) {
    int d = m.length;
    DenseMatrix x = DenseMatrix.zeros(d, 2 * d);
    for (int k = 0; k < d; k++) {
      for (int c = 0; c < d; c++) {
        x.set(c, 2 * k, m[c]);
        x.set(c, 2 * k + 1, m[c]);
      }
      x.set(k, 2 * k, m[k] + Math.sqrt(d) * s[k]);
      x.set(k, 2 * k + 1, m[k] - Math.sqrt(d) * s[k]);
    }
    return DiscreteMeasure.uniform(x);
  }

  @Test
  void gelbrichEqualsTheGaussianClosedForm() {
    // commuting (diagonal) covariances: W2² = ‖m1 − m2‖² + Σ_k (s1_k − s2_k)²
    double[] m1 = {1000.0, -3.0, 2.5};
    double[] m2 = {1001.0, 1.0, 2.5};
    double[] s1 = {1.0, 0.5, 2.0};
    double[] s2 = {3.0, 0.5, 1.0};
    double expected = Math.sqrt(1 + 16 + 4 + 0 + 1);
    ClientSummary a = summary(cross(m1, s1), null);
    ClientSummary b = summary(cross(m2, s2), null);
    assertEquals(expected, SummaryLowerBounds.gelbrich(a, b, 2.0), 1e-9 * expected);
    // p = 1 keeps the mean part only
    assertEquals(Math.sqrt(17), SummaryLowerBounds.gelbrich(a, b, 1.0), 1e-9);
    // and it equals GaussianWasserstein on the clients' moments
    assertEquals(GaussianWasserstein.w2(a.mean(), a.covariance(), b.mean(), b.covariance()),
        SummaryLowerBounds.gelbrich(a, b, 2.0), 1e-8);
  }

  @Test
  void gelbrichIsTightForTranslates() {
    // ν = μ + h: W_2 = ‖h‖ = Gelbrich's bound, so the rounding margin must keep it at or below the exact value
    DenseMatrix x = TestData.gaussian(3, "mu", 4, 50, 0.0, 1.0);
    DenseMatrix y = x.copy();
    for (int k = 0; k < y.values().length; k++) {
      y.values()[k] += 500.0 + (k % 4);
    }
    DiscreteMeasure mu = DiscreteMeasure.uniform(x);
    DiscreteMeasure nu = DiscreteMeasure.uniform(y);
    double exact = Math.sqrt(TestData.exactCost(mu, nu, 2.0));
    double g = SummaryLowerBounds.gelbrich(summary(mu, null), summary(nu, null), 2.0);
    assertTrue(g <= exact * (1 + 1e-12), g + " > " + exact);
    assertEquals(exact, g, 1e-6 * exact);
  }

  @Test
  void boundsAreCertifiedOnManySeedsAndShapes() {
    int gelbrichWins = 0;
    int projectionWins = 0;
    for (long seed = 1; seed <= 40; seed++) {
      int d = 1 + (int) (seed % 6);
      int n = 4 + (int) ((seed * 7) % 70);
      int m = 4 + (int) ((seed * 13) % 90);
      double p = seed % 3 == 0 ? 1.0 : seed % 5 == 0 ? 3.0 : 2.0;
      double offset = seed % 4 == 0 ? 1e4 : 0.0;
      DenseMatrix x = TestData.gaussian(seed, "mu", d, n, offset, 1.0);
      DenseMatrix y = TestData.gaussian(seed, "nu", d, m, offset + seed % 3, 0.3 + seed % 4);
      DiscreteMeasure mu = seed % 2 == 0 ? DiscreteMeasure.uniform(x) : new DiscreteMeasure(x,
          TestData.randomWeights(seed, "a", n));
      DiscreteMeasure nu = seed % 5 == 1 ? DiscreteMeasure.uniform(y) : new DiscreteMeasure(y,
          TestData.randomWeights(seed, "b", m));
      double exact = Math.pow(TestData.exactCost(mu, nu, p), 1.0 / p);
      SummaryLowerBounds.Bound b = best(mu, nu, p, seed);
      assertTrue(b.value() <= exact * (1 + 1e-9), "seed " + seed + ": " + b + " > exact " + exact);
      assertTrue(b.value() >= 0);
      gelbrichWins += b.kind() == SummaryLowerBounds.Kind.GELBRICH ? 1 : 0;
      projectionWins += b.kind() == SummaryLowerBounds.Kind.PROJECTION ? 1 : 0;
    }
    // both bounds are the best on some cases, so both are exercised
    assertTrue(gelbrichWins > 0 && projectionWins > 0, gelbrichWins + " / " + projectionWins);
  }

  @Test
  void oneDimensionalProjectionApproachesTheExactValue() {
    // in 1-D the only direction is the line itself: with Q = 64 intervals on 2000 points the bracketing
    // quantiles lose little against the closed form
    DenseMatrix x = TestData.gaussian(5, "mu", 1, 2000, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(5, "nu", 1, 1500, 0.5, 3.0);
    double[] xs = x.values();
    double[] ys = y.values();
    double exact = Math.sqrt(OneDimensionalWasserstein.cost(xs, TestData.uniform(2000), ys, TestData.uniform(1500), 2.0));
    DenseMatrix dirs = DenseMatrix.wrap(1, 1, new double[] {1.0});
    DiscreteMeasure mu = DiscreteMeasure.uniform(x);
    DiscreteMeasure nu = DiscreteMeasure.uniform(y);
    double lb = SummaryLowerBounds.projection(summary(mu, dirs), summary(nu, dirs), dirs, 2.0);
    assertTrue(lb <= exact && lb > 0.8 * exact, lb + " vs exact " + exact);
  }
}
