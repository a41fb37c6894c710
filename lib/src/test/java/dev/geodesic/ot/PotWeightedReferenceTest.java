package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StopReason;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weighted OT against POT 0.8.2's own results ({@code pot-weighted.txt}, written by
 * {@code bench/pot-weighted-reference.py}) on the situations POT's test suite covers: unequal sizes,
 * zero weights, duplicated points, degenerate plans, 1-D problems, a given cost matrix and entropic OT.
 * Costs agree to 1e-9 relative; plans are compared only where the optimum is unique, else their
 * marginals and their cost are checked.
 */
class PotWeightedReferenceTest {
  /** One case of the resource file: named arrays and numbers. */
  record Case(String name, Map<String, double[]> values) {
    double scalar(String k) {
      return values.get(k)[0];
    }

    int size(String k) {
      return (int) scalar(k);
    }

    DiscreteMeasure measure(String points, String weights, int count) {
      int d = size("d");
      return new DiscreteMeasure(DenseMatrix.wrap(d, count, values.get(points)), values.get(weights));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = PotWeightedReferenceTest.class.getResourceAsStream("pot-weighted.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String name = null;
      Map<String, double[]> values = new HashMap<>();
      String kind = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split(" ");
        if (f[0].equals("case")) {
          name = f[1];
          values = new HashMap<>();
        } else if (f[0].equals("kind")) {
          kind = f[1];
        } else if (f[0].equals("end")) {
          out.add(new Case(kind + ":" + name, values));
        } else {
          double[] v = new double[f.length - 1];
          for (int k = 1; k < f.length; k++) {
            v[k - 1] = Double.parseDouble(f[k]);
          }
          values.put(f[0], v);
        }
      }
    }
    assertEquals(11, out.size(), "cases in pot-weighted.txt");
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPot(Case c) {
    int n = c.size("n");
    int m = c.size("m");
    double[] a = c.values().get("a");
    double[] b = c.values().get("b");
    double p = c.scalar("p");
    double expected = c.scalar("cost");
    String kind = c.name().substring(0, c.name().indexOf(':'));
    TransportResult r;
    CostMatrix cost;
    if (kind.equals("cost")) {
      cost = DenseCostMatrix.wrapRowMajor(n, m, c.values().get("M"));
      r = OptimalTransport.solve(a, b, cost, new OtProblem.Exact(new GroundCost(p)), ProgressListener.none());
    } else {
      DiscreteMeasure mu = c.measure("x", "a", n);
      DiscreteMeasure nu = c.measure("y", "b", m);
      cost = new PointCloudCost(mu.atoms(), nu.atoms(), p);
      OtProblem problem = kind.equals("sinkhorn")
          ? new OtProblem.Entropic(new GroundCost(p), OptionalDouble.of(c.scalar("reg")), 1e-13, 200_000)
          : new OtProblem.Exact(new GroundCost(p));
      r = OptimalTransport.solve(mu, nu, problem);
      if (kind.equals("exact") && c.size("d") == 1) {
        oneDimensionalSolversAgree(c, mu, nu, p, expected);
      }
    }
    assertEquals(StopReason.CONVERGED, r.stopReason());
    // Sinkhorn converges to its marginal tolerance, not to the last digit: its cost is compared to 1e-8.
    double tol = kind.equals("sinkhorn") ? 1e-8 : 1e-9;
    assertEquals(expected, r.cost(), tol * Math.max(1e-3, Math.abs(expected)), "cost vs POT");
    TransportPlan plan = r.plan().orElseThrow();
    assertEquals(n, plan.n());
    assertEquals(m, plan.m());
    assertArrayEquals(a, plan.rowSums(), kind.equals("sinkhorn") ? 1e-10 : 1e-14, "row marginals = a");
    assertArrayEquals(b, plan.colSums(), kind.equals("sinkhorn") ? 1e-10 : 1e-14, "column marginals = b");
    // The entropic plan is returned without its entries below 1e-12 of the mass (EntropicPolicy.sparsePlan).
    assertEquals(r.cost(), plan.cost(cost), (kind.equals("sinkhorn") ? 1e-10 : 1e-12) * Math.max(1, Math.abs(r.cost())),
        "plan's cost = reported cost");
    for (int k = 0; k < plan.nonZeros(); k++) {
      if (a[plan.rows()[k]] == 0 || b[plan.cols()[k]] == 0) {
        assertEquals(0.0, plan.mass()[k], 1e-300, "no mass on a zero-weight atom");
      }
    }
    if (r.details() instanceof TransportResult.Exact e) {
      assertEquals(r.cost(), e.dualObjective(), 1e-9 * Math.max(1e-3, Math.abs(r.cost())), "dual certificate");
    }
    if (c.scalar("unique") == 1) {
      double[] dense = new double[n * m];
      for (int k = 0; k < plan.nonZeros(); k++) {
        dense[plan.rows()[k] * m + plan.cols()[k]] += plan.mass()[k];
      }
      assertArrayEquals(c.values().get("plan"), dense, kind.equals("sinkhorn") ? 1e-9 : 1e-12, "unique plan = POT's");
    }
  }

  /** On the line, the closed form and the sliced estimate (every direction is ±1) give the same W_p^p. */
  private static void oneDimensionalSolversAgree(Case c, DiscreteMeasure mu, DiscreteMeasure nu, double p,
      double expected) {
    double closed = OneDimensionalWasserstein.cost(mu.atoms().values(), mu.weights(), nu.atoms().values(),
        nu.weights(), p);
    assertEquals(expected, closed, 1e-9 * expected, "1-D closed form vs POT");
    TransportResult sliced = OptimalTransport.solve(mu, nu, new OtProblem.Sliced(new GroundCost(p), 4, 7));
    assertEquals(expected, sliced.cost(), 1e-9 * expected, "weighted sliced W_p in 1-D vs POT");
    assertFalse(sliced.plan().isPresent());
    assertTrue(closed > 0);
  }
}
