package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The p = 2 dense cost (BLAS expansion on centred clouds, refined where its error bound is too
 * large) against the squared distances summed by differences, on clouds far from the origin
 * relative to their spread: the case where ‖x‖² + ‖y‖² − 2xᵀy cancels.
 */
class DenseCostMatrixTest {

  /** d×n points: offset + spread·N(0, I), with the offset vector (3, −2, 3, −2, ...)·scale. */
  private static DenseMatrix cloud(long seed, String side, int d, int n, double offsetScale, double spread) {
    DenseMatrix g = TestData.gaussian(seed, side, d, n, 0.0, spread);
    double[] v = g.values();
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < d; k++) {
        v[j * d + k] += (k % 2 == 0 ? 3.0 : -2.0) * offsetScale;
      }
    }
    return g;
  }

  @ParameterizedTest(name = "d={0} offset={1} spread={2} shift={3}")
  @CsvSource({
      "2, 1, 1e-6, 0",       // the case: spread 1e-6 around (3, -2)
      "2, 1, 1e-6, 1e-6",    // the same with the target shifted by one spread
      "5, 1e6, 1, 0",        // far from the origin: |x|² ≈ 1e13, distances ≈ 10
      "10, 1e6, 1, 0.5",
      "3, 0, 1, 0.5",        // centred data: the expansion is already accurate
      "10, 5, 1e-3, 0"})
  void entriesMatchDistancesByDifferencesAndTheExactCostMatchesTheOnTheFlySolve(int d, double offset, double spread,
      double shift) {
    int n = 60;
    int m = 45;
    DenseMatrix x = cloud(11, "x", d, n, offset, spread);
    DenseMatrix y = cloud(12, "y", d, m, offset, spread);
    for (int k = 0; k < y.values().length; k++) {
      y.values()[k] += shift;
    }
    DenseCostMatrix dense = DenseCostMatrix.groundCost(x, y, 2.0);
    PointCloudCost byDifferences = new PointCloudCost(x, y, 2.0);
    double worst = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double truth = byDifferences.cost(i, j);
        double err = Math.abs(dense.cost(i, j) - truth);
        worst = Math.max(worst, err / Math.max(truth, Double.MIN_NORMAL));
        assertTrue(err <= 1e-12 * truth, "entry " + i + "," + j + ": " + dense.cost(i, j) + " vs " + truth);
      }
    }
    assertTrue(worst <= 1e-12, "worst relative error " + worst);

    double[] a = TestData.randomWeights(13, "a", n);
    double[] b = TestData.randomWeights(14, "b", m);
    NetworkSimplex.Result viaDense = new NetworkSimplex().solve(a, b, dense);
    NetworkSimplex.Result onTheFly = new NetworkSimplex().solve(a, b, byDifferences);
    double scale = Math.abs(onTheFly.cost());
    assertEquals(onTheFly.cost(), viaDense.cost(), 1e-11 * scale, "optimal cost vs the on-the-fly solve");
    // The plan's cost column (costs by differences, as CentralizedOtJob writes it) adds up to the cost.
    assertEquals(viaDense.cost(), viaDense.plan().cost(byDifferences), 1e-12 * scale, "plan cost column sum");
  }
}
