package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against a solver that stops terminating (e.g. a cycling pivot rule), not a timing assertion.
@Timeout(120)
class SlicedWassersteinTest {

  @Test
  void oneDimensionalClosedFormMatchesTheSimplexWithWeights() {
    for (double p : new double[] {1.0, 2.0, 3.0}) {
      DenseMatrix x = TestData.gaussian(31, "x", 1, 37, 0.0, 1.0);
      DenseMatrix y = TestData.gaussian(31, "y", 1, 23, 1.0, 2.0);
      double[] a = TestData.randomWeights(31, "a", 37);
      double[] b = TestData.randomWeights(31, "b", 23);
      double closed = OneDimensionalWasserstein.cost(x.values(), a, y.values(), b, p);
      double exact = new NetworkSimplex().solve(new DiscreteMeasure(x, a), new DiscreteMeasure(y, b), p).cost();
      assertEquals(exact, closed, 1e-12 * exact, "p=" + p);
    }
  }

  @Test
  void oneDimensionalW1IsTheAreaBetweenCdfs() {
    double[] x = {0.0, 2.0, 5.0};
    double[] a = {0.2, 0.5, 0.3};
    double[] y = {1.0, 4.0};
    double[] b = {0.6, 0.4};
    // ∫|F − G|: on [0,1) 0.2, [1,2) |0.2−0.6|, [2,4) |0.7−0.6|, [4,5) |0.7−1.0|
    double area = 0.2 * 1 + 0.4 * 1 + 0.1 * 2 + 0.3 * 1;
    assertEquals(area, OneDimensionalWasserstein.cost(x, a, y, b, 1.0), 1e-15);
  }

  @Test
  void slicedIsAtMostTheExactDistance() {
    for (long seed = 1; seed <= 5; seed++) {
      DiscreteMeasure mu = DiscreteMeasure.uniform(TestData.gaussian(seed, "x", 4, 60, 0.0, 1.0));
      DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(seed, "y", 4, 45, 0.5, 1.5),
          TestData.randomWeights(seed, "b", 45));
      double w = new NetworkSimplex().solve(mu, nu, 2.0).wasserstein(2.0);
      SlicedWasserstein.Result r = new SlicedWasserstein(new SlicedWasserstein.Config(200, 2.0, seed)).compute(mu, nu);
      assertEquals(SlicedWasserstein.Quantity.SLICED_WASSERSTEIN, r.quantity());
      assertTrue(r.value() <= w * (1 + 1e-12), "SW " + r.value() + " > W " + w);
      assertTrue(r.value() > 0);
    }
  }

  @Test
  void translationGivesTheProjectedShift() {
    // ν = μ + δ: each slice is a 1-D translation by θ·δ, so SW_2² = E(θ·δ)² = ‖δ‖²/d.
    int d = 3;
    DenseMatrix x = TestData.gaussian(41, "x", d, 50, 0.0, 1.0);
    DenseMatrix y = x.copy();
    double[] delta = {1.0, -2.0, 0.5};
    for (int j = 0; j < 50; j++) {
      for (int k = 0; k < d; k++) {
        y.add(k, j, delta[k]);
      }
    }
    SlicedWasserstein.Result r = new SlicedWasserstein(new SlicedWasserstein.Config(4000, 2.0, 5))
        .compute(DiscreteMeasure.uniform(x), DiscreteMeasure.uniform(y));
    double expected = (1 + 4 + 0.25) / d;
    assertEquals(expected, r.valuePowP(), 4 * r.standardError() + 1e-12);
    assertTrue(r.standardError() < 0.03 * expected);
    // in d = 1 the only directions are ±1: SW = W exactly
    DenseMatrix x1 = TestData.gaussian(43, "x", 1, 30, 0.0, 1.0);
    DenseMatrix y1 = TestData.gaussian(43, "y", 1, 30, 2.0, 3.0);
    DiscreteMeasure m1 = DiscreteMeasure.uniform(x1);
    DiscreteMeasure n1 = DiscreteMeasure.uniform(y1);
    double w1 = new NetworkSimplex().solve(m1, n1, 2.0).wasserstein(2.0);
    assertEquals(w1, new SlicedWasserstein(new SlicedWasserstein.Config(3, 2.0, 1)).compute(m1, n1).value(), 1e-12 * w1);
  }

  @Test
  void seededDirectionsReproduce() {
    DiscreteMeasure mu = DiscreteMeasure.uniform(TestData.gaussian(1, "x", 5, 40, 0.0, 1.0));
    DiscreteMeasure nu = DiscreteMeasure.uniform(TestData.gaussian(1, "y", 5, 40, 1.0, 1.0));
    SlicedWasserstein.Result a = new SlicedWasserstein(new SlicedWasserstein.Config(50, 2.0, 9)).compute(mu, nu);
    SlicedWasserstein.Result b = new SlicedWasserstein(new SlicedWasserstein.Config(50, 2.0, 9)).compute(mu, nu);
    SlicedWasserstein.Result c = new SlicedWasserstein(new SlicedWasserstein.Config(50, 2.0, 10)).compute(mu, nu);
    assertEquals(a, b);
    assertNotEquals(a.value(), c.value());
  }
}
