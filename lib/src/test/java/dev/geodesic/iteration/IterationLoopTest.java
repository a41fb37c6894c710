package dev.geodesic.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IterationLoopTest {
  /** Newton's iteration for √a: x ← (x + a/x)/2, residual |x² − a|. */
  static final class Newton implements IterativeMethod<double[]> {
    final double a;
    double x;

    Newton(double a, double x0) {
      this.a = a;
      this.x = x0;
    }

    @Override
    public Step step(IterationContext ctx) {
      double q = ctx.remote("divide", () -> a / x);
      ctx.oracle().componentsOf(1, 1);
      x = 0.5 * (x + q);
      return Step.of("x", x, "residual", Math.abs(x * x - a));
    }

    @Override
    public double[] state() {
      return new double[] {x};
    }

    @Override
    public void restore(double[] s) {
      x = s[0];
    }
  }

  /**
   * Stochastic gradient on f(x) = ½x² with noise drawn from the stream ("noise", k): its path depends
   * on every iteration's randomness, so only a run that keys randomness by iteration resumes exactly.
   */
  static class NoisyGradient implements IterativeMethod<Double> {
    final SeedSequence seeds = SeedSequence.of(7);
    double x = 10;

    @Override
    public Step step(IterationContext ctx) {
      double g = x + 0.1 * SeedSequence.nextGaussian(seeds.stream("noise", ctx.iteration()));
      x -= 0.1 * g;
      ctx.oracle().messages(2, 16);
      return Step.of("x", x, "objective", 0.5 * x * x);
    }

    @Override
    public Double state() {
      return x;
    }

    @Override
    public void restore(Double s) {
      x = s;
    }
  }

  @Test
  void newtonConvergesToTheSquareRootAndSaysSo() {
    IterationLoop loop = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.converged("residual", 1e-14).or(StoppingRule.maxIterations(100))));
    Newton m = new Newton(2, 1);
    IterationOutcome out = loop.run(m, ProgressListener.none());
    assertEquals(StopReason.CONVERGED, out.stopReason());
    assertEquals(Math.sqrt(2), m.x, 1e-15);
    // Quadratic convergence from x0 = 1: 1.5, 1.4167, 1.414216, 1.41421356237469, 1.4142135623731: 5 steps.
    assertEquals(5, out.iterations());
    assertEquals(5, out.counts().componentEvaluations());
    assertEquals(5.0, out.counts().dataPasses(), 0);
    assertEquals(5, out.trace().size());
  }

  @Test
  void theFirstRuleThatFiresNamesTheReason() {
    // Converges exactly on iteration 5 and the budget is 5: convergence is listed first, so it wins.
    IterationOutcome a = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.anyOf(StoppingRule.converged("residual", 1e-14), StoppingRule.maxIterations(5))))
        .run(new Newton(2, 1), ProgressListener.none());
    assertEquals(StopReason.CONVERGED, a.stopReason());
    IterationOutcome b = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.maxIterations(5).or(StoppingRule.converged("residual", 1e-14))))
        .run(new Newton(2, 1), ProgressListener.none());
    assertEquals(StopReason.ITERATION_LIMIT, b.stopReason());
    IterationOutcome c = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.converged("residual", 1e-14).or(StoppingRule.maxIterations(3))))
        .run(new Newton(2, 1), ProgressListener.none());
    assertEquals(StopReason.ITERATION_LIMIT, c.stopReason());
    assertEquals(3, c.iterations());
    IterationOutcome d = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxDataPasses(2)))
        .run(new Newton(2, 1), ProgressListener.none());
    assertEquals(StopReason.EPOCH_LIMIT, d.stopReason());
    assertEquals(2, d.iterations());
  }

  @Test
  void divergenceAndTimeLimitStopTheRun() {
    IterativeMethod<Double> doubling = new NoisyGradient() {
      @Override
      public Step step(IterationContext ctx) {
        x = x * 1e100;
        return Step.of("objective", x * x);
      }
    };
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.nonFinite("objective").or(StoppingRule.maxIterations(100)))).run(doubling, ProgressListener.none());
    assertEquals(StopReason.DIVERGED, out.stopReason());
    assertEquals(2, out.iterations()); // 1e101² = 1e202 is finite, 1e201² overflows
    IterationOutcome slow = new IterationLoop(IterationLoop.Config.of(
        StoppingRule.timeLimit(0.05).or(StoppingRule.maxIterations(1_000_000)))).run(new NoisyGradient() {
          @Override
          public Step step(IterationContext ctx) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
            return super.step(ctx);
          }
        }, ProgressListener.none());
    assertEquals(StopReason.TIME_LIMIT, slow.stopReason());
    assertTrue(slow.iterations() >= 3 && slow.iterations() < 1000, "iterations " + slow.iterations());
    assertTrue(slow.elapsedSeconds() >= 0.05);
  }

  @Test
  void theMethodsOwnStopEndsTheRun() {
    IterativeMethod<Double> threeSteps = new NoisyGradient() {
      @Override
      public Step step(IterationContext ctx) {
        Step s = super.step(ctx);
        return ctx.iteration() == 3 ? s.stopping(StopReason.CONVERGED) : s;
      }
    };
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(10)))
        .run(threeSteps, ProgressListener.none());
    assertEquals(StopReason.CONVERGED, out.stopReason());
    assertEquals(3, out.iterations());
  }

  @Test
  void aResumedRunEndsExactlyAsAnUninterruptedOne() {
    IterationLoop.Config cfg = IterationLoop.Config.of(StoppingRule.maxIterations(40)).withCheckpointEvery(7);
    CheckpointKeeper<Double> straight = new CheckpointKeeper<>();
    NoisyGradient full = new NoisyGradient();
    IterationOutcome a = new IterationLoop(cfg).run(full, null, ProgressListener.none(), straight);
    // checkpoints after 7, 14, 21, 28, 35 and the last one, 40
    assertEquals(List.of(7, 14, 21, 28, 35, 40), straight.saved.stream().map(Checkpoint::iteration).toList());
    assertEquals(StopReason.ITERATION_LIMIT, straight.saved.get(5).stopReason());

    // "Kill" after 21: a new method object resumes from the checkpoint of iteration 21.
    List<IterationRecord> resumedRecords = new ArrayList<>();
    NoisyGradient resumed = new NoisyGradient();
    IterationOutcome b = new IterationLoop(cfg).run(resumed, straight.saved.get(2), resumedRecords::add, new CheckpointKeeper<>());
    assertEquals(full.x, resumed.x, 0.0);
    assertEquals(40, b.iterations());
    assertEquals(21, b.resumedAfter());
    assertEquals(19, resumedRecords.size());
    assertEquals(22, resumedRecords.get(0).iteration());
    assertEquals(40, b.trace().size());
    assertEquals(a.counts().messages(), b.counts().messages());
    assertEquals(80, b.counts().messages());
    for (int k = 0; k < 40; k++) {
      assertEquals(a.trace().records().get(k).metric("x"), b.trace().records().get(k).metric("x"), 0.0, "iteration " + (k + 1));
    }
    assertTrue(b.elapsedSeconds() >= straight.saved.get(2).elapsedSeconds());
  }

  @Test
  void aLargerBudgetExtendsAFinishedRunAndAConvergedRunStaysConverged() {
    CheckpointKeeper<Double> k10 = new CheckpointKeeper<>();
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(10))).run(new NoisyGradient(), null,
        ProgressListener.none(), k10);
    Checkpoint<Double> last = k10.saved.get(k10.saved.size() - 1);
    // Same budget: nothing left to do, no step taken.
    NoisyGradient same = new NoisyGradient();
    IterationOutcome again = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(10)))
        .run(same, last, ProgressListener.none(), new CheckpointKeeper<>());
    assertEquals(StopReason.ITERATION_LIMIT, again.stopReason());
    assertEquals(10, again.iterations());
    // Larger budget: continues to 25 and equals a straight 25-iteration run.
    NoisyGradient extended = new NoisyGradient();
    IterationOutcome more = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(25)))
        .run(extended, last, ProgressListener.none(), new CheckpointKeeper<>());
    NoisyGradient straight = new NoisyGradient();
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(25))).run(straight, ProgressListener.none());
    assertEquals(25, more.iterations());
    assertEquals(straight.x, extended.x, 0.0);

    CheckpointKeeper<double[]> conv = new CheckpointKeeper<>();
    new IterationLoop(IterationLoop.Config.of(StoppingRule.converged("residual", 1e-14).or(StoppingRule.maxIterations(50))))
        .run(new Newton(2, 1), null, ProgressListener.none(), conv);
    Checkpoint<double[]> done = conv.saved.get(conv.saved.size() - 1);
    assertEquals(StopReason.CONVERGED, done.stopReason());
    IterationOutcome still = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(500)))
        .run(new Newton(2, 1), done, ProgressListener.none(), new CheckpointKeeper<>());
    assertEquals(StopReason.CONVERGED, still.stopReason());
    assertEquals(5, still.iterations());
  }

  @Test
  void remoteWorkIsTimedApartFromLocalWork() {
    IterativeMethod<Double> m = new NoisyGradient() {
      @Override
      public Step step(IterationContext ctx) {
        ctx.remote("sleep", () -> {
          try {
            Thread.sleep(30);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          return null;
        });
        return super.step(ctx);
      }
    };
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(3))
        .withTimings("remote_seconds", "local_seconds")).run(m, ProgressListener.none());
    for (IterationRecord r : out.trace().records()) {
      assertTrue(r.metric("remote_seconds") >= 0.03, r.toString());
      assertTrue(r.metric("local_seconds") >= 0 && r.metric("local_seconds") < r.metric("remote_seconds"), r.toString());
    }
    assertEquals(List.of("x", "objective", "remote_seconds", "local_seconds"), out.trace().metricNames());
  }
}
