package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against a solver that stops terminating (e.g. a cycling pivot rule), not a timing assertion.
@Timeout(120)
class InterpolationTest {
  private final NetworkSimplex solver = new NetworkSimplex();

  private double w2(DiscreteMeasure a, DiscreteMeasure b) {
    return solver.solve(a, b, 2.0).wasserstein(2.0);
  }

  @Test
  void mcCannInterpolantLiesOnTheGeodesic() {
    int[][] shapes = {{40, 40}, {30, 45}, {50, 17}};
    for (int[] s : shapes) {
      DenseMatrix x = TestData.gaussian(s[0], "x", 3, s[0], 0.0, 1.0);
      DenseMatrix y = TestData.gaussian(s[1], "y", 3, s[1], 1.0, 2.0);
      DiscreteMeasure alpha = new DiscreteMeasure(x, TestData.randomWeights(s[0], "a", s[0]));
      DiscreteMeasure beta = new DiscreteMeasure(y, TestData.randomWeights(s[1], "b", s[1]));
      NetworkSimplex.Result r = solver.solve(alpha, beta, 2.0);
      double w = r.wasserstein(2.0);
      for (double t : new double[] {0.1, 0.37, 0.5, 0.9}) {
        DiscreteMeasure at = McCannInterpolation.interpolate(alpha, beta, r.plan(), t);
        assertTrue(at.size() <= s[0] + s[1] - 1);
        assertEquals(1.0, at.totalMass(), 1e-12);
        assertEquals(t * w, w2(alpha, at), 1e-9 * w, "W(α, α_t) at t=" + t);
        assertEquals((1 - t) * w, w2(at, beta), 1e-9 * w, "W(α_t, β) at t=" + t);
      }
    }
  }

  @Test
  void endpointsAreTheMeasures() {
    DenseMatrix x = TestData.gaussian(2, "x", 2, 20, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(2, "y", 2, 25, 3.0, 1.0);
    DiscreteMeasure alpha = DiscreteMeasure.uniform(x);
    DiscreteMeasure beta = DiscreteMeasure.uniform(y);
    TransportPlan plan = solver.solve(alpha, beta, 2.0).plan();
    // compare W2² (cost): W2 itself is the square root of a rounding-level cost
    assertEquals(0.0, solver.solve(alpha, McCannInterpolation.interpolate(alpha, beta, plan, 0.0), 2.0).cost(), 1e-14);
    assertEquals(0.0, solver.solve(McCannInterpolation.interpolate(alpha, beta, plan, 1.0), beta, 2.0).cost(), 1e-14);
  }

  @Test
  void barycentricProjectionIsExactForPermutationsAndKeepsSupport() {
    int n = 30;
    DiscreteMeasure alpha = DiscreteMeasure.uniform(TestData.gaussian(4, "x", 2, n, 0.0, 1.0));
    DiscreteMeasure beta = DiscreteMeasure.uniform(TestData.gaussian(4, "y", 2, n, 2.0, 1.0));
    TransportPlan plan = solver.solve(alpha, beta, 2.0).plan();
    DiscreteMeasure exact = McCannInterpolation.interpolate(alpha, beta, plan, 0.3);
    DiscreteMeasure bary = BarycentricProjection.interpolate(alpha, beta, plan, 0.3);
    assertEquals(n, bary.size());
    assertEquals(0.0, w2(exact, bary), 1e-7);
    // unequal sizes: support stays |α| and the mass is α's
    DiscreteMeasure gamma = new DiscreteMeasure(TestData.gaussian(4, "z", 2, 13, 1.0, 1.0),
        TestData.randomWeights(4, "w", 13));
    TransportPlan p2 = solver.solve(alpha, gamma, 2.0).plan();
    DiscreteMeasure b2 = BarycentricProjection.interpolate(alpha, gamma, p2, 0.6);
    assertEquals(n, b2.size());
    for (int i = 0; i < n; i++) {
      assertEquals(1.0 / n, b2.weights()[i], 1e-15);
    }
  }

  @Test
  void relativeCutKeepsTinyButRealMass() {
    // 1e-7 per atom would vanish under an absolute 1e-5 cut; the relative cut keeps it.
    int n = 3;
    double[] w = {1e-7, 1e-7, 1 - 2e-7};
    DiscreteMeasure alpha = new DiscreteMeasure(DenseMatrix.fromRows(new double[][] {{0, 1, 2}}), w);
    DiscreteMeasure beta = new DiscreteMeasure(DenseMatrix.fromRows(new double[][] {{5, 6, 7}}), w);
    TransportPlan plan = solver.solve(alpha, beta, 2.0).plan();
    DiscreteMeasure at = McCannInterpolation.interpolate(alpha, beta, plan, 0.5);
    assertEquals(n, at.size());
    assertEquals(1.0, at.totalMass(), 1e-15);
  }
}
