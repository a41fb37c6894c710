package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StopReason;
import dev.geodesic.linalg.DenseMatrix;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@link OptimalTransport#solve}: one result type for the three solvers, checked against the 1-D closed form. */
class OptimalTransportTest {
  private static final GroundCost W2 = new GroundCost(2.0);

  /** Two uniform 1-D samples far from the origin (x around 100, y around 103): W_p is the sorted matching. */
  private static final DenseMatrix X = TestData.gaussian(5, "x", 1, 40, 100.0, 1.0);
  private static final DenseMatrix Y = TestData.gaussian(5, "y", 1, 40, 103.0, 2.0);
  private static final DiscreteMeasure MU = DiscreteMeasure.uniform(X);
  private static final DiscreteMeasure NU = DiscreteMeasure.uniform(Y);

  private static double sortedCost(double p) {
    double[] x = X.values().clone();
    double[] y = Y.values().clone();
    Arrays.sort(x);
    Arrays.sort(y);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.pow(Math.abs(x[i] - y[i]), p);
    }
    return s / x.length;
  }

  private static void assertMarginals(TransportPlan plan, double[] a, double[] b, double tol) {
    double[] r = plan.rowSums();
    double[] c = plan.colSums();
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], r[i], tol, "row " + i);
    }
    for (int j = 0; j < b.length; j++) {
      assertEquals(b[j], c[j], tol, "col " + j);
    }
  }

  @Test
  void exactIsTheSortedMatchingWithAPlanAndACertificate() {
    for (double p : new double[] {1.0, 2.0}) {
      GroundCost g = new GroundCost(p);
      TransportResult r = OptimalTransport.solve(MU, NU, new OtProblem.Exact(g));
      double truth = sortedCost(p);
      assertEquals(TransportQuantity.WASSERSTEIN, r.quantity());
      assertEquals(StopReason.CONVERGED, r.stopReason());
      assertEquals(truth, r.cost(), 1e-12 * truth);
      assertEquals(Math.pow(truth, 1 / p), r.distance(), 1e-12 * r.distance());
      TransportPlan plan = r.plan().orElseThrow();
      assertMarginals(plan, MU.weights(), NU.weights(), 1e-12);
      assertEquals(r.cost(), plan.cost(g.between(MU, NU)), 1e-12 * truth);
      TransportResult.Exact d = (TransportResult.Exact) r.details();
      assertEquals(r.cost(), d.dualObjective(), 1e-9 * truth);
      assertEquals(plan.nonZeros(), d.planNonZeros());
    }
  }

  @Test
  void aPivotBudgetThatRunsOutIsReportedAsTheIterationLimit() {
    TransportResult r = OptimalTransport.solve(MU, NU, new OtProblem.Exact(W2, new NetworkSimplex.Config(3, 0)));
    assertEquals(StopReason.ITERATION_LIMIT, r.stopReason());
    assertEquals(3, r.iterations());
    assertTrue(r.cost() >= sortedCost(2.0) * (1 - 1e-12), "a feasible plan costs at least the optimum");
  }

  @Test
  void entropicPlanCostBoundsTheExactCostAndKeepsTheMarginals() {
    TransportResult r = OptimalTransport.solve(MU, NU, new OtProblem.Entropic(W2, OptionalDouble.of(0.05), 1e-9, 100_000));
    double exact = sortedCost(2.0);
    assertEquals(TransportQuantity.ENTROPIC_PLAN_COST, r.quantity());
    assertEquals(StopReason.CONVERGED, r.stopReason());
    // ⟨P_ε, C⟩ ≥ OT for a feasible plan, and ≤ OT + ε·log(nm)-type slack for small ε
    assertTrue(r.cost() >= exact * (1 - 1e-9), r.cost() + " vs " + exact);
    assertTrue(r.cost() <= exact + 0.05 * Math.log(40.0 * 40.0), r.cost() + " vs " + exact);
    assertEquals(Math.sqrt(r.cost()), r.distance(), 1e-15 * r.distance());
    TransportResult.Entropic d = (TransportResult.Entropic) r.details();
    assertEquals(0.05, d.epsilon(), 0.0);
    assertTrue(d.marginalError() <= 1e-9);
    // KL ≥ 0 puts the entropic objective above ⟨P_ε, C⟩; evaluating it at the exact (permutation) plan,
    // where KL(P* ‖ a⊗b) = log n, bounds its minimum by OT + ε·log n.
    assertTrue(d.entropicCost() >= r.cost(), d.entropicCost() + " vs " + r.cost());
    assertTrue(d.entropicCost() <= exact + 0.05 * Math.log(40.0) + 1e-9, d.entropicCost() + " vs " + exact);
    // the L1 row error bounds each row; columns are exact after the last g update; dropped entries ≤ 40·1e-12
    assertMarginals(r.plan().orElseThrow(), MU.weights(), NU.weights(), 1e-9 + 1e-10);
  }

  @Test
  void theDefaultEpsilonIsOnePercentOfTheMeanCost() {
    PointCloudCost c = W2.between(MU, NU);
    double mean = 0;
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 40; j++) {
        mean += c.cost(i, j);
      }
    }
    mean /= 1600;
    // below 100 points a side the strided sample is every entry
    assertEquals(0.01 * mean, EntropicPolicy.defaultEpsilon(c), 1e-12 * mean);
    TransportResult r = OptimalTransport.solve(MU, NU, new OtProblem.Entropic(W2, OptionalDouble.empty(), 1e-6, 10_000));
    assertEquals(0.01 * mean, ((TransportResult.Entropic) r.details()).epsilon(), 1e-12 * mean);
    // all points equal: every cost is 0, ε must still be positive
    DenseMatrix same = DenseMatrix.zeros(2, 5);
    assertEquals(0.01, EntropicPolicy.defaultEpsilon(new PointCloudCost(same, same, 2.0)), 0.0);
  }

  @Test
  void theStridedSampleEstimatesTheMeanOfALargeCost() {
    // 1-D points 0..n-1 against 0..m-1 with p = 1: the exact mean |i − j| is known in closed form,
    // (n² − 1)/(3n) for n = m; the sample on a stride-5 grid must give the scale within a few percent.
    int n = 500;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    DenseMatrix x = DenseMatrix.wrap(1, n, v);
    double mean = (n * (double) n - 1) / (3.0 * n);
    double eps = EntropicPolicy.defaultEpsilon(new PointCloudCost(x, x, 1.0));
    assertEquals(0.01 * mean, eps, 0.02 * 0.01 * mean);
  }

  @Test
  void aDensePlanAboveTheLimitIsRefusedBeforeAnyWork() {
    DiscreteMeasure big = DiscreteMeasure.uniform(DenseMatrix.zeros(1, 10_001));
    DiscreteMeasure ten = DiscreteMeasure.uniform(DenseMatrix.zeros(1, 10_000));
    EntropicPolicy.PlanTooLargeException e = assertThrows(EntropicPolicy.PlanTooLargeException.class,
        () -> OptimalTransport.solve(big, ten, new OtProblem.Entropic(W2, OptionalDouble.of(1), 1e-6, 1)));
    assertEquals(10_001, e.rows());
    assertEquals(10_000, e.cols());
    assertTrue(e.getMessage().contains("10001×10000 exceeds 100000000"), e.getMessage());
    EntropicPolicy.requireDensePlanFits(10_000, 10_000);
  }

  @Test
  void sparsificationDropsOnlyNegligibleEntries() {
    double[] dense = {0.5, 1e-14, 0.0, 0.25, 0.25 - 1e-14, 2e-12};
    TransportPlan p = EntropicPolicy.sparsePlan(dense, 2, 3);
    // total ≈ 1: kept are the entries above 1e-12, in row-major order
    assertEquals(4, p.nonZeros());
    assertEquals(java.util.List.of(0, 1, 1, 1), Arrays.stream(p.rows()).boxed().toList());
    assertEquals(java.util.List.of(0, 0, 1, 2), Arrays.stream(p.cols()).boxed().toList());
    assertEquals(2e-12, p.mass()[3], 0.0);
    assertThrows(IllegalArgumentException.class, () -> EntropicPolicy.sparsePlan(dense, 2, 2));
  }

  @Test
  void slicedInOneDimensionIsWpAndHasNoPlan() {
    // in d = 1 every direction is ±1, so every slice is the problem itself
    TransportResult r = OptimalTransport.solve(MU, NU, new OtProblem.Sliced(W2, 7, 11));
    assertEquals(TransportQuantity.SLICED_WASSERSTEIN, r.quantity());
    assertEquals(sortedCost(2.0), r.cost(), 1e-12 * r.cost());
    assertTrue(r.plan().isEmpty());
    assertEquals(7, r.iterations());
    // every slice has the same W_p^p, up to the rounding of the one-pass variance (Σc² − L·mean²)
    assertEquals(0.0, ((TransportResult.Sliced) r.details()).standardError(), 1e-6 * r.cost());
  }

  @Test
  void measuresOfDifferentDimensionsAreRefused() {
    DiscreteMeasure plane = DiscreteMeasure.uniform(DenseMatrix.zeros(2, 3));
    for (OtProblem p : new OtProblem[] {new OtProblem.Exact(W2), new OtProblem.Sliced(W2, 3, 1),
        new OtProblem.Entropic(W2, OptionalDouble.empty(), 1e-6, 10)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimalTransport.solve(MU, plane, p));
      assertTrue(e.getMessage().contains("dimension mismatch"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new GroundCost(0.5));
  }
}
