package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.CheckpointKeeper;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResumeAndCountingTest {
  /** Policeman and burglar with n = 40 drawn weights. */
  static MatrixGame game() {
    return PolicemanBurglar.game(PolicemanBurglar.drawWeights(40, SeedSequence.of(8)), PolicemanBurglar.THETA);
  }

  static List<Function<MonotoneInclusion, MonotoneMethod<?>>> methods(MatrixGame g) {
    double[] s = g.uniformStart();
    return List.of(
        p -> new VrHalpern(p, s, VrHalpern.Config.reference(g, 4)),
        p -> new VrExtragradient(p, s, VrExtragradient.Config.reference(g, 4)),
        p -> new InexactVrHalpern(p, s, InexactVrHalpern.Config.reference(g, 100, 4)),
        p -> new Extragradient(p, s, Extragradient.Config.reference(g)),
        p -> new AnchoredExtragradient(p, s, AnchoredExtragradient.Config.reference(g)),
        p -> new Halpern(p, s, new Halpern.Config(1 / g.spectralNorm())));
  }

  @Test
  void aResumedRunEndsWhereTheUninterruptedOneDoes() {
    MatrixGame g = game();
    for (Function<MonotoneInclusion, MonotoneMethod<?>> make : methods(g)) {
      resumeMatches(make.apply(g.inclusion()), make.apply(g.inclusion()), make.apply(g.inclusion()));
    }
  }

  @SuppressWarnings("unchecked")
  private static <S extends Serializable> void resumeMatches(MonotoneMethod<S> straight, MonotoneMethod<?> first,
      MonotoneMethod<?> fresh) {
    MonotoneMethod<S> interrupted = (MonotoneMethod<S>) first;
    MonotoneMethod<S> resumed = (MonotoneMethod<S>) fresh;
    String name = straight.getClass().getSimpleName();
    IterationLoop six = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(6)));
    IterationOutcome a = six.run(straight, ProgressListener.none());
    CheckpointKeeper<S> keeper = new CheckpointKeeper<>();
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(3))).run(interrupted, null, ProgressListener.none(), keeper);
    // Continue from the saved state in a fresh method object, as a restarted process would.
    IterationOutcome b = six.run(resumed, keeper.saved.get(keeper.saved.size() - 1), ProgressListener.none(),
        new IterationLoop.Hooks<S>() {});
    assertEquals(3, b.resumedAfter(), name);
    assertEquals(a.counts().componentEvaluations(), b.counts().componentEvaluations(), name);
    double[] x = straight.iterate();
    double[] y = resumed.iterate();
    for (int k = 0; k < x.length; k++) {
      assertEquals(x[k], y[k], 1e-12 * (1 + Math.abs(x[k])), name + " entry " + k);
    }
    assertEquals(a.last().orElseThrow().metric(MonotoneMethod.RESIDUAL), b.last().orElseThrow().metric(MonotoneMethod.RESIDUAL),
        1e-12, name);
  }

  /** Counts every evaluation the methods make, oracle and monitoring alike. */
  static final class CountingOperator implements FiniteSumOperator {
    final FiniteSumOperator inner;
    long applies;
    long components;

    CountingOperator(FiniteSumOperator inner) {
      this.inner = inner;
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public int components() {
      return inner.components();
    }

    @Override
    public void apply(double[] u, double[] out) {
      applies++;
      inner.apply(u, out);
    }

    @Override
    public void addComponent(int i, double[] u, double scale, double[] out) {
      components++;
      inner.addComponent(i, u, scale, out);
    }

    @Override
    public double lipschitz() {
      return inner.lipschitz();
    }

    @Override
    public double meanSquareLipschitz() {
      return inner.meanSquareLipschitz();
    }
  }

  /**
   * The oracle's component count equals the evaluations made, less the monitoring ones: one full
   * evaluation per iteration for the reported residual and one for the result's recomputed residual.
   */
  @Test
  void epochsAreComponentEvaluationsOverN() {
    MatrixGame g = game();
    int n = g.components();
    for (Function<MonotoneInclusion, MonotoneMethod<?>> make : methods(g)) {
      CountingOperator counting = new CountingOperator(g);
      MonotoneInclusion p = new MonotoneInclusion(counting, g.inclusion().resolvent());
      MonotoneMethod<?> m = make.apply(p);
      MonotoneResult r = m.solve(StoppingRule.maxDataPasses(30));
      String name = m.getClass().getSimpleName();
      long monitoring = r.outcome().iterations() + 1L;
      long made = counting.components + (long) n * (counting.applies - monitoring);
      assertEquals(made, r.outcome().counts().componentEvaluations(), name);
      assertEquals((double) made / n, r.epochs(), 1e-9, name);
      assertTrue(r.epochs() >= 30, name);
    }
  }
}
