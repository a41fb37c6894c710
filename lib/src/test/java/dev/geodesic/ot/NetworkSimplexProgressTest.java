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
    NetworkSimplex.Result plain = new NetworkSimplex().solveAuto(mu, nu, 2);
    Trace trace = new Trace();
    NetworkSimplex.Result observed = new NetworkSimplex().solveAuto(mu, nu, 2, trace);
    assertEquals(plain.cost(), observed.cost(), 0.0);
    assertArrayEquals(plain.planMass(), observed.planMass(), 0.0);
    double[] pivots = trace.size() == 0 ? new double[0] : trace.column("pivots");
    for (int k = 0; k < pivots.length; k++) {
      assertTrue(pivots[k] <= plain.iterations());
      assertTrue(k == 0 || pivots[k] > pivots[k - 1]);
      assertTrue(trace.column("entering_reduced_cost")[k] < 0, "an entering arc has a negative reduced cost");
    }
  }
}
