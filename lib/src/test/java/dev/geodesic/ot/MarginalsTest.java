package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The one marginal check, as every solver and {@link DiscreteMeasure} reports it. */
class MarginalsTest {
  private static void fails(String fragment, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), ex.getMessage() + " should mention " + fragment);
  }

  @Test
  void eachBadWeightIsNamedWithItsSideAndIndex() {
    double[] ok = {0.5, 0.5};
    fails("source weight 1 is negative", () -> Marginals.balanced(new double[] {1.5, -0.5}, ok));
    fails("target weight 0 is NaN", () -> Marginals.balanced(ok, new double[] {Double.NaN, 1.0}));
    fails("source weight 0 is Infinity", () -> Marginals.total(new double[] {Double.POSITIVE_INFINITY}, "source"));
    fails("total mass is 0.0", () -> Marginals.total(new double[] {0.0, 0.0}, "target"));
    fails("empty side", () -> Marginals.total(new double[0], "source"));
    fails("3 weights for 2 atoms", () -> Marginals.total(new double[3], 2, "measure"));
    fails("total masses differ", () -> Marginals.balanced(ok, new double[] {0.5, 0.5 + 1e-6}));
    // within the tolerance the totals count as equal
    assertEquals(1.0, Marginals.balanced(ok, new double[] {0.5, 0.5 + 1e-12}), 0.0);
  }

  @Test
  void everySolverAndTheMeasureUseIt() {
    DenseMatrix x = DenseMatrix.zeros(1, 2);
    double[] bad = {0.5, -0.5};
    double[] ok = {0.5, 0.5};
    PointCloudCost c = new PointCloudCost(x, x, 2.0);
    fails("weight 1 is negative", () -> new DiscreteMeasure(x, bad));
    fails("source weight 1 is negative", () -> new NetworkSimplex().solve(bad, ok, c));
    fails("target weight 1 is negative", () -> new SinkhornSolver(SinkhornSolver.Config.of(1)).solve(ok, bad, c));
    fails("target weight 1 is negative", () -> OneDimensionalWasserstein.cost(new double[2], ok, new double[2], bad, 2));
    fails("total masses differ", () -> new SinkhornSolver(SinkhornSolver.Config.of(1)).solve(ok, new double[] {1, 1}, c));
  }
}
