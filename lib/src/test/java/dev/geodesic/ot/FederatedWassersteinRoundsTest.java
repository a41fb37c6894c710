package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class FederatedWassersteinRoundsTest {
  /** Four clients of unequal sizes, far apart. */
  private static List<DiscreteMeasure> clients() {
    int[] sizes = {30, 22, 41, 17};
    List<DiscreteMeasure> out = new ArrayList<>();
    for (int k = 0; k < sizes.length; k++) {
      out.add(DiscreteMeasure.uniform(TestData.gaussian(31, "client" + k, 3, sizes[k], 2.0 * k, 1.0 + 0.25 * k)));
    }
    return out;
  }

  private static FederatedWassersteinRounds rounds(FederatedWasserstein.Config cfg, List<DiscreteMeasure> cs) {
    List<LocalWassersteinClient> local = cs.stream().map(m -> LocalWassersteinClient.of(m, cfg)).toList();
    int[] sizes = cs.stream().mapToInt(DiscreteMeasure::size).toArray();
    return FederatedWassersteinRounds.forPairs(cfg, FederatedWassersteinRounds.allPairs(cs.size()), sizes, 3,
        WassersteinClients.of(local));
  }

  @Test
  void everyPairEqualsItsOwnTwoClientRunAndTheBracketHoldsTheExactDistance() {
    List<DiscreteMeasure> cs = clients();
    FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(5).withRounds(6).withTolerance(0)
        .withInitial(0, 1.0);
    FederatedWassersteinRounds all = rounds(cfg, cs);
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(6)))
        .run(all, ProgressListener.none());
    assertEquals(StopReason.ITERATION_LIMIT, out.stopReason());
    assertEquals(6, out.iterations());
    assertEquals(6, all.pairs().size());
    // 6 pairs × 6 rounds × 2 client solves; 4 messages per pair and round.
    assertEquals(72, out.counts().componentEvaluations());
    assertEquals(144, out.counts().messages());
    for (FederatedWassersteinRounds.PairResult r : all.results()) {
      DiscreteMeasure a = cs.get(r.pair().a());
      DiscreteMeasure b = cs.get(r.pair().b());
      FederatedWasserstein.Result alone = new FederatedWasserstein(
          cfg.withSeed(FederatedWassersteinRounds.pairSeed(5, r.pair()))).run(a, b, ProgressListener.none());
      assertEquals(alone, r.result(), "pair " + r.pair());
      double exact = new NetworkSimplex().solve(a, b, 2).wasserstein(2);
      assertTrue(r.result().lower() <= exact * (1 + 1e-9) && exact <= r.result().upper() * (1 + 1e-9),
          r.pair() + ": " + r.result() + " vs " + exact);
    }
    assertEquals(List.of("active_pairs", "max_bracket_width", "mean_bracket_width", "mean_support"),
        out.trace().metricNames());
  }

  @Test
  void aResumedMultiPairRunEndsAsTheUninterruptedOne() {
    List<DiscreteMeasure> cs = clients();
    FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(8).withRounds(7).withTolerance(0)
        .withInitial(0, 1.0);
    FederatedWassersteinRounds straight = rounds(cfg, cs);
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(7))).run(straight, ProgressListener.none());

    // Three rounds under a budget of 3 (checkpointed at the end), then resumed under 7 in a new run.
    List<Checkpoint<FederatedWassersteinRounds.State>> saved = new ArrayList<>();
    IterationLoop.Hooks<FederatedWassersteinRounds.State> keep = new IterationLoop.Hooks<>() {
      @Override
      public boolean checkpointing() {
        return true;
      }

      @Override
      public void checkpoint(Checkpoint<FederatedWassersteinRounds.State> c) {
        saved.add(c);
      }
    };
    FederatedWasserstein.Config three = cfg.withRounds(3);
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(3))).run(rounds(three, cs), null,
        ProgressListener.none(), keep);
    assertEquals(3, saved.get(saved.size() - 1).iteration());
    FederatedWassersteinRounds resumed = rounds(cfg, cs);
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(7)))
        .run(resumed, saved.get(saved.size() - 1), ProgressListener.none(), new IterationLoop.Hooks<>() {});
    assertEquals(7, out.iterations());
    assertEquals(3, out.resumedAfter());
    for (int i = 0; i < straight.results().size(); i++) {
      assertEquals(straight.results().get(i), resumed.results().get(i));
    }
  }
}
