package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StoppingRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The stochastic steps run on fetched copies of their pre-drawn components give the iterates of the
 * steps evaluated one call each where the components live (fetch limit 0), for every fetch limit, on
 * a game (linear components) and on DRO logistic regression (nonlinear ones); and no fetch asks for
 * more distinct components than the limit.
 */
class FetchedStepsTest {
  /** Blocks standing in for partitions, with a fetch limit; counts the remote calls a Spark operator would make. */
  static final class Partitioned implements FiniteSumOperator {
    final BlockedOperator inner;
    final int limit;
    int fetches;
    int evaluations;

    Partitioned(BlockedOperator inner, int limit) {
      this.inner = inner;
      this.limit = limit;
    }

    @Override
    public int fetchLimit() {
      return limit;
    }

    @Override
    public Components fetch(int[] indices, int count) {
      int[] distinct = Arrays.stream(indices, 0, count).sorted().distinct().toArray();
      assertTrue(distinct.length <= limit, distinct.length + " > " + limit);
      fetches++;
      List<ComponentBlock> copies = new ArrayList<>();
      for (int i : distinct) {
        for (ComponentBlock b : inner.blocks()) {
          if (i >= b.from() && i < b.to()) {
            copies.add(b.component(i));
          }
        }
      }
      return new FetchedComponents(copies);
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
      evaluations++;
      inner.apply(u, out);
    }

    @Override
    public void addComponent(int i, double[] u, double scale, double[] out) {
      evaluations++;
      inner.addComponent(i, u, scale, out);
    }

    @Override
    public void addDifferences(int[] indices, int count, double[] u, double[] v, double scale, double[] out) {
      evaluations++;
      inner.addDifferences(indices, count, u, v, scale, out);
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

  static BlockedOperator blocked(FiniteSumOperator whole, java.util.function.BiFunction<Integer, Integer, ComponentBlock> block) {
    int[] bounds = BlockedOperator.evenBounds(whole.components(), 3);
    List<ComponentBlock> blocks = new ArrayList<>();
    for (int q = 0; q < 3; q++) {
      blocks.add(block.apply(bounds[q], bounds[q + 1]));
    }
    return new BlockedOperator(blocks, whole.dimension(), whole.lipschitz(), whole.meanSquareLipschitz(),
        whole.cocoercivity());
  }

  /** Runs {@code make} with fetch limit 0 and with the given limits; the iterates agree to 1e-12. */
  static void sameIterates(String what, BlockedOperator op, Resolvent g, double epochs,
      Function<MonotoneInclusion, MonotoneMethod<?>> make, int... limits) {
    Partitioned direct = new Partitioned(op, 0);
    MonotoneResult ref = make.apply(new MonotoneInclusion(direct, g)).solve(StoppingRule.maxDataPasses(epochs));
    assertEquals(0, direct.fetches);
    for (int limit : limits) {
      Partitioned fetching = new Partitioned(op, limit);
      MonotoneResult r = make.apply(new MonotoneInclusion(fetching, g)).solve(StoppingRule.maxDataPasses(epochs));
      String at = what + ", fetch limit " + limit;
      assertEquals(ref.epochs(), r.epochs(), 0, at);
      double scale = Arrays.stream(ref.solution()).map(Math::abs).max().orElse(1);
      for (int k = 0; k < ref.solution().length; k++) {
        assertEquals(ref.solution()[k], r.solution()[k], 1e-12 * scale, at + ", entry " + k);
      }
      // Never more remote calls; with room for several steps' components, fewer: the fetches replace
      // the per-step evaluations between full ones (a single step is evaluated where it lives).
      int calls = fetching.evaluations + fetching.fetches;
      assertTrue(limit == limits[0] ? calls <= direct.evaluations : fetching.fetches > 0 && calls < direct.evaluations,
          at + ": " + fetching.evaluations + " + " + fetching.fetches + " calls vs " + direct.evaluations);
    }
  }

  @Test
  void gameStepsOnFetchedComponentsAreTheDirectOnes() {
    MatrixGame game = ResumeAndCountingTest.game();
    BlockedOperator op = blocked(game, game::block);
    Resolvent g = game.inclusion().resolvent();
    double[] s = game.uniformStart();
    // b = ⌊√40⌋ = 6: limit 8 holds one batch (two only if they overlap), 200 many.
    sameIterates("vr-halpern", op, g, 40, p -> new VrHalpern(p, s, VrHalpern.Config.reference(game, 3)), 8, 200);
    sameIterates("vr-eg", op, g, 40, p -> new VrExtragradient(p, s, VrExtragradient.Config.reference(game, 3)), 1, 7, 1000);
    InexactVrHalpern.Config inexact = InexactVrHalpern.Config.reference(game, 100, 3);
    sameIterates("vr-halpern-inexact", op, g, 40, p -> new InexactVrHalpern(p, s, inexact), 5, 1000);
    sameIterates("vr-halpern-inexact schedule", op, g, 40, p -> new InexactVrHalpern(p, s, inexact.withSchedule(0.05)),
        3, 1000);
  }

  @Test
  void droStepsOnFetchedComponentsAreTheDirectOnes() {
    DroLogisticRegression dro = DroLogisticRegressionTest.problem(0.4);
    BlockedOperator op = blocked(dro, dro::block);
    Resolvent g = dro.inclusion().resolvent();
    double[] s = dro.start();
    sameIterates("dro vr-eg", op, g, 20, p -> new VrExtragradient(p, s, VrExtragradient.Config.defaults(dro, 3)), 4, 500);
    sameIterates("dro vr-halpern", op, g, 20, p -> new VrHalpern(p, s, VrHalpern.Config.defaults(dro, 3)), 13, 500);
  }
}
