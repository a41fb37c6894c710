package dev.geodesic.finitesum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.distributed.DistributedSvrg;
import dev.geodesic.finitesum.distributed.GradientAggregator;
import dev.geodesic.finitesum.distributed.InMemoryShards;
import dev.geodesic.finitesum.distributed.LocalSolver;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.SquaredLoss;
import dev.geodesic.finitesum.prox.ElasticNetPenalty;
import dev.geodesic.finitesum.prox.L1Penalty;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.CheckpointKeeper;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.ProgressListener;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResumeAndDistributedTest {
  static FiniteSumProblem logistic(boolean sparse) {
    DenseMatrix a = TestData.features(91, 12, 150, sparse ? 0.3 : 1.0, 0.0);
    double[] y = TestData.logisticLabels(92, a, TestData.vector(93, 12, 1.5), 0.4);
    return FiniteSumProblem.of(sparse ? CsrFeatureBlock.fromDense(a) : new DenseFeatureBlock(a), y,
        new BinaryLogisticLoss(), new ElasticNetPenalty(0.01, 0.05), true);
  }

  /** Resuming every solver from its checkpoint after round 3 ends as the uninterrupted run (~1e-12). */
  @Test
  void resumeFromACheckpointEqualsTheUninterruptedRun() {
    List<Supplier<FiniteSumMethod<?>>> makers = List.of(
        () -> new SagaSolver(logistic(true), FiniteSumOptions.defaults()),
        () -> new SagaSolver(logistic(false), FiniteSumOptions.defaults()),
        () -> new SvrgSolver(logistic(true), FiniteSumOptions.defaults()),
        () -> new LooplessSvrgSolver(logistic(false), FiniteSumOptions.defaults()),
        () -> new AcceleratedProximalGradient(logistic(false), FiniteSumOptions.defaults()),
        () -> new DistributedSvrg(InMemoryShards.split(logistic(false), 40, 97, 13), logistic(false).shape(),
            FiniteSumOptions.defaults().withInnerPasses(1)),
        () -> new DistributedSvrg(InMemoryShards.split(logistic(true), 40, 110), logistic(true).shape(),
            FiniteSumOptions.defaults(), LocalSolver.SAGA),
        () -> new DistributedSvrg(InMemoryShards.split(logistic(false), 75, 75), logistic(false).shape(),
            FiniteSumOptions.defaults(), LocalSolver.LOOPLESS_SVRG));
    for (Supplier<FiniteSumMethod<?>> make : makers) {
      check(make.get(), make.get());
    }
  }

  private static <S extends Serializable> void check(FiniteSumMethod<S> straight, FiniteSumMethod<?> other) {
    @SuppressWarnings("unchecked")
    FiniteSumMethod<S> resumed = (FiniteSumMethod<S>) other;
    IterationLoop.Config cfg = IterationLoop.Config.of(StoppingRule.maxIterations(6)).withCheckpointEvery(3);
    CheckpointKeeper<S> keep = new CheckpointKeeper<>();
    FiniteSumResult a = straight.solve(cfg, null, ProgressListener.none(), keep);
    Checkpoint<S> after3 = keep.saved.get(0);
    assertEquals(3, after3.iteration());
    FiniteSumResult b = resumed.solve(cfg, after3, ProgressListener.none(), new CheckpointKeeper<>());
    assertEquals(a.outcome().iterations(), b.outcome().iterations(), straight.name());
    assertEquals(a.epochs(), b.epochs(), 1e-12, straight.name());
    assertTrue(TestData.maxAbsDiff(a.x(), b.x()) <= 1e-12 * Math.max(1, TestData.maxAbs(a.x())),
        straight.name() + ": " + TestData.maxAbsDiff(a.x(), b.x()));
    assertEquals(a.objective(), b.objective(), 1e-12, straight.name());
  }

  /**
   * Unequal shards (40, 97, 13 rows; and 7, 143 sparse): the merged aggregate is the full gradient, and
   * the distributed method reaches FISTA's f* to 1e-8 relative.
   */
  @Test
  void unequalShardsReachTheReferenceOptimum() {
    for (boolean sparse : new boolean[] {false, true}) {
      FiniteSumProblem p = logistic(sparse);
      InMemoryShards shards = sparse ? InMemoryShards.split(p, 7, 143) : InMemoryShards.split(p, 40, 97, 13);
      double[] x = TestData.vector(94, p.parameters(), 0.3);
      GradientAggregator agg = shards.fullGradient(x);
      double[] g = new double[p.parameters()];
      double f = p.smoothValue(x, g);
      assertEquals(f, agg.loss(), 1e-13);
      assertTrue(TestData.maxAbsDiff(g, agg.gradient()) < 1e-13);
      assertEquals(150, agg.count());
      FiniteSumResult ref = SolversTest.reference(p);
      for (LocalSolver local : LocalSolver.values()) {
        DistributedSvrg m = new DistributedSvrg(shards, p.shape(), FiniteSumOptions.defaults()
            .withFstar(ref.objective()).withInnerPasses(1), local);
        FiniteSumResult r = m.solve(new FiniteSumStopping(1e-10 * ref.objective(), 0, 500));
        assertEquals(StopReason.TARGET_REACHED, r.stopReason(), local + " sparse=" + sparse + " " + r.objective());
        assertTrue(SolversTest.relGap(r.objective(), ref.objective()) <= 1e-8);
        assertTrue(r.outcome().counts().messages() > 0);
      }
    }
  }

  /** A lasso on shards: the distributed method also handles the L1 prox (support of the reference). */
  @Test
  void distributedLassoMatchesTheReference() {
    DenseMatrix a = TestData.features(95, 10, 200, 1.0, 0.0);
    double[] truth = {2, 0, 0, -1.5, 0, 0, 0, 1, 0, 0};
    double[] y = TestData.linearLabels(96, a, truth, 0.0, 0.1);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new SquaredLoss(), new L1Penalty(0.05), false);
    FiniteSumResult ref = SolversTest.reference(p);
    FiniteSumResult r = new DistributedSvrg(InMemoryShards.split(p, 120, 80), p.shape(),
        FiniteSumOptions.defaults().withFstar(ref.objective())).solve(new FiniteSumStopping(1e-10 * ref.objective(), 0, 500));
    assertEquals(StopReason.TARGET_REACHED, r.stopReason());
    for (int j = 0; j < 10; j++) {
      assertEquals(ref.weights()[j] == 0, Math.abs(r.weights()[j]) < 1e-6, "feature " + j);
    }
  }

  @Test
  void ridgeWithoutPenaltyOnTheIntercept() {
    // λ₂ applies to W only: with a constant label the intercept takes the label and W stays 0
    DenseMatrix a = TestData.features(97, 3, 50, 1.0, 0.0);
    double[] y = new double[50];
    java.util.Arrays.fill(y, 7.0);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new SquaredLoss(), new L2Penalty(10), true);
    FiniteSumResult r = new SagaSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.tolerance(1e-12, 300));
    assertEquals(7.0, r.intercepts()[0], 1e-9);
    assertTrue(TestData.maxAbs(r.weights()) < 1e-9);
  }
}
