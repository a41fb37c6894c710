package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.Trace;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkSimplexProgressTest {
  private static DiscreteMeasure cloud(Random r, int d, int n, double shift) {
    double[] v = new double[d * n];
    for (int k = 0; k < v.length; k++) {
      v[k] = shift + r.nextGaussian();
    }
    return DiscreteMeasure.uniform(DenseMatrix.wrap(d, n, v));
  }

  @Test
  void listenerSeesIncreasingPivotsAndDoesNotChangeTheSolution() {
    Random r = new Random(1);
    DiscreteMeasure mu = cloud(r, 5, 1500, 0);
    DiscreteMeasure nu = cloud(r, 5, 1500, 1);
    // the full simplex's own progress (solveAuto would take CandidateArcTransport at this size)
    CostMatrix c = DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), 2);
    NetworkSimplex.Result plain = new NetworkSimplex().solve(mu.weights(), nu.weights(), c);
    Trace trace = new Trace();
    NetworkSimplex.Result observed = new NetworkSimplex().solve(mu.weights(), nu.weights(), c, trace);
    assertEquals(plain.cost(), observed.cost(), 0.0);
    assertArrayEquals(plain.planMass(), observed.planMass(), 0.0);
    double[] pivots = trace.size() == 0 ? new double[0] : trace.column("pivots");
    for (int k = 0; k < pivots.length; k++) {
      assertTrue(pivots[k] <= plain.iterations());
      assertTrue(k == 0 || pivots[k] > pivots[k - 1]);
      assertTrue(trace.column("entering_reduced_cost")[k] < 0, "an entering arc has a negative reduced cost");
    }
  }

  @Test
  void candidateArcSolverReportsOneRecordPerPricingRoundAndTheSameSolution() {
    Random r = new Random(2);
    DiscreteMeasure mu = cloud(r, 5, 1100, 0);
    DiscreteMeasure nu = cloud(r, 5, 1000, 1);
    CandidateArcTransport.Result plain = new CandidateArcTransport().solve(mu, nu, 2);
    Trace trace = new Trace();
    CandidateArcTransport.Result observed = new CandidateArcTransport().solve(mu, nu, 2, trace);
    assertEquals(plain.solution().cost(), observed.solution().cost(), 0.0);
    assertArrayEquals(plain.solution().planMass(), observed.solution().planMass(), 0.0);
    assertEquals(plain.rounds() - 1, trace.size(), "one record per pricing pass after the neighbour pass");
    double[] violation = trace.column("max_dual_violation");
    assertTrue(violation[violation.length - 1] <= plain.tolerance(), "the last pass certifies");
    assertEquals(0.0, trace.column("added_arcs")[trace.size() - 1], 0.0);
  }
}
