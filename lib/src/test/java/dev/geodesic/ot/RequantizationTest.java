package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequantizationTest {
  @Test
  void keepsMassAndBoundsItsOwnDisplacement() {
    for (long seed = 1; seed <= 8; seed++) {
      int d = 1 + (int) (seed % 4);
      int n = 30 + (int) (seed * 11 % 40);
      int cap = 5 + (int) (seed * 3 % 20);
      double p = seed % 2 == 0 ? 2.0 : 1.0;
      DiscreteMeasure m = new DiscreteMeasure(TestData.gaussian(seed, "x", d, n, seed % 3 == 0 ? 1e3 : 0.0, 1.0),
          TestData.randomWeights(seed, "w", n));
      Requantization.Result r = Requantization.reduce(m, cap, p);
      assertEquals(cap, r.measure().size());
      assertEquals(m.totalMass(), r.measure().totalMass(), 1e-12);
      // the atom → centre map is a coupling, so its cost bounds the exact W_p from above
      double w = Math.pow(TestData.exactCost(m, r.measure(), p), 1.0 / p);
      assertTrue(w <= r.displacement() * (1 + 1e-9) + 1e-12, "seed " + seed + ": W " + w + " > " + r.displacement());
    }
  }

  @Test
  void smallMeasuresAreLeftAlone() {
    DiscreteMeasure m = DiscreteMeasure.uniform(TestData.gaussian(1, "x", 2, 10, 0.0, 1.0));
    Requantization.Result r = Requantization.reduce(m, 10, 2.0);
    assertSame(m, r.measure());
    assertEquals(0.0, r.displacement());
  }
}
