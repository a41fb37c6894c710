package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A guard against a solver that stops terminating (e.g. a cycling pivot rule), not a timing assertion.
@Timeout(120)
class SinkhornSolverTest {

  @Test
  void twoByTwoClosedForm() {
    // C = [[0,1],[1,0]], a = b = (1/2, 1/2): P = [[q, 1/2−q], [1/2−q, q]] with q = 1 / (2(1 + e^{−1/ε})),
    // from d/dq [1 − 2q + ε(2q log 4q + (1 − 2q) log(2 − 4q))] = 0.
    DenseCostMatrix c = DenseCostMatrix.of(DenseMatrix.fromRows(new double[][] {{0, 1}, {1, 0}}));
    double[] w = {0.5, 0.5};
    for (double eps : new double[] {2.0, 0.5, 0.2, 0.05}) {
      SinkhornSolver.Result r = new SinkhornSolver(SinkhornSolver.Config.of(eps)).solve(w, w, c);
      double q = 1.0 / (2.0 * (1.0 + Math.exp(-1.0 / eps)));
      double transport = 1.0 - 2.0 * q;
      double entropic = transport + eps * (2 * q * Math.log(4 * q) + (1 - 2 * q) * Math.log(4 * (0.5 - q)));
      assertEquals(q, r.planEntry(0, 0), 1e-9, "ε=" + eps);
      assertEquals(0.5 - q, r.planEntry(0, 1), 1e-9);
      assertEquals(transport, r.value(SinkhornSolver.Quantity.TRANSPORT_COST), 1e-9);
      assertEquals(entropic, r.value(SinkhornSolver.Quantity.ENTROPIC_COST), 1e-9);
      assertTrue(r.converged());
    }
  }

  @Test
  void marginalsAreSatisfied() {
    DenseMatrix x = TestData.gaussian(21, "x", 3, 30, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(21, "y", 3, 40, 1.0, 1.0);
    double[] a = TestData.randomWeights(21, "a", 30);
    double[] b = TestData.randomWeights(21, "b", 40);
    SinkhornSolver.Result r = new SinkhornSolver(SinkhornSolver.Config.of(0.05))
        .solve(new DiscreteMeasure(x, a), new DiscreteMeasure(y, b), 2.0);
    assertTrue(r.converged());
    double rowErr = 0.0;
    for (int i = 0; i < 30; i++) {
      double s = 0.0;
      for (int j = 0; j < 40; j++) {
        s += r.planEntry(i, j);
      }
      rowErr += Math.abs(s - a[i]);
    }
    assertTrue(rowErr <= 1e-9, "row error " + rowErr);
    for (int j = 0; j < 40; j++) {
      double s = 0.0;
      for (int i = 0; i < 30; i++) {
        s += r.planEntry(i, j);
      }
      assertEquals(b[j], s, 1e-12, "column " + j);
    }
    assertTrue(r.entropicCost() >= r.transportCost() - 1e-12, "KL term is non-negative");
  }

  @Test
  void convergesToTheExactCostAsEpsilonVanishes() {
    DenseMatrix x = TestData.gaussian(23, "x", 2, 25, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(23, "y", 2, 20, 1.5, 0.7);
    DiscreteMeasure mu = new DiscreteMeasure(x, TestData.randomWeights(23, "a", 25));
    DiscreteMeasure nu = new DiscreteMeasure(y, TestData.randomWeights(23, "b", 20));
    double exact = new NetworkSimplex().solve(mu, nu, 2.0).cost();
    double prevGap = Double.POSITIVE_INFINITY;
    for (double eps : new double[] {1.0, 0.1, 0.01, 0.001}) {
      SinkhornSolver.Result r = new SinkhornSolver(SinkhornSolver.Config.of(eps)).solve(mu, nu, 2.0);
      double gap = r.transportCost() - exact;
      assertTrue(gap > -1e-8, "a feasible plan cannot beat the exact optimum: gap " + gap);
      assertTrue(gap < prevGap, "gap must shrink with ε: " + gap + " after " + prevGap);
      prevGap = gap;
    }
    assertTrue(prevGap < 1e-3 * exact, "at ε = 1e-3 the transport cost is within 0.1 %: gap " + prevGap);
  }

  @Test
  void aResumedRunEndsAsTheUninterruptedOneAndStopsForTheRightReason() {
    DenseMatrix x = TestData.gaussian(23, "x", 2, 25, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(23, "y", 2, 20, 3.0, 0.5);
    double[] a = TestData.randomWeights(23, "a", 25);
    double[] b = TestData.randomWeights(23, "b", 20);
    DenseCostMatrix c = DenseCostMatrix.groundCost(x, y, 2.0);
    SinkhornSolver solver = new SinkhornSolver(SinkhornSolver.Config.of(0.01));
    SinkhornSolver.Iterations straight = solver.iterations(a, b, c);
    IterationOutcome whole = new IterationLoop(IterationLoop.Config.of(StoppingRule.never()))
        .run(straight, ProgressListener.none());
    assertEquals(StopReason.CONVERGED, whole.stopReason());
    // Stop after 7 checks (35 iterations, inside an intermediate ε stage), keep the state, resume in a new run.
    java.util.List<Checkpoint<SinkhornSolver.State>> saved = new java.util.ArrayList<>();
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(7))).run(solver.iterations(a, b, c), null,
        ProgressListener.none(), new IterationLoop.Hooks<>() {
          @Override
          public boolean checkpointing() {
            return true;
          }

          @Override
          public void checkpoint(Checkpoint<SinkhornSolver.State> ck) {
            saved.add(ck);
          }
        });
    assertEquals(35, saved.get(0).state().iterations());
    SinkhornSolver.Iterations resumed = solver.iterations(a, b, c);
    IterationOutcome rest = new IterationLoop(IterationLoop.Config.of(StoppingRule.never()))
        .run(resumed, saved.get(0), ProgressListener.none(), new IterationLoop.Hooks<>() {});
    assertEquals(whole.iterations(), rest.iterations());
    SinkhornSolver.Result r1 = straight.result();
    SinkhornSolver.Result r2 = resumed.result();
    assertEquals(r1.iterations(), r2.iterations());
    assertEquals(r1.transportCost(), r2.transportCost(), 0.0);
    assertEquals(r1.entropicCost(), r2.entropicCost(), 0.0);
    // A budget below what convergence needs: max-iterations, not converged.
    SinkhornSolver.Iterations short3 = new SinkhornSolver(new SinkhornSolver.Config(0.01, 0, 0.5, 1e-9, 13))
        .iterations(a, b, c);
    IterationOutcome cut = new IterationLoop(IterationLoop.Config.of(StoppingRule.never())).run(short3, ProgressListener.none());
    assertEquals(StopReason.ITERATION_LIMIT, cut.stopReason());
    assertEquals(13, short3.result().iterations());
    assertEquals(3, cut.iterations()); // checks after 5, 10 and 13 iterations
  }
}
