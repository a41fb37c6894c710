package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Matrix games: every method against the exact LP value (support enumeration), certified by the duality gap. */
class MatrixGameMethodsTest {
  /** A random 6 × 5 game with entries in 1 + [−1, 1] (off the origin: the constant shifts the value, not the equilibrium). */
  static DenseMatrix smallGame() {
    SplittableRandom r = new SplittableRandom(2024);
    double[][] rows = new double[6][5];
    for (double[] row : rows) {
      for (int j = 0; j < 5; j++) {
        row[j] = 1 + 2 * r.nextDouble() - 1;
      }
    }
    return DenseMatrix.fromRows(rows);
  }

  /**
   * The methods guaranteed for monotone Lipschitz F, with the residual each reaches within the budget:
   * EG and VR-EG converge linearly on this polyhedral problem, the anchored methods at the O(1/k)
   * Halpern rate. (Halpern and VR-Halpern need a cocoercive F, which a matrix game is not; on this
   * game their residual stalls near 0.6, so they are tested on {@link CocoerciveProblemTest}'s problem.)
   */
  static Map<String, Function<MatrixGame, MonotoneMethod<?>>> methods() {
    Map<String, Function<MatrixGame, MonotoneMethod<?>>> m = new LinkedHashMap<>();
    m.put("eg", g -> new Extragradient(g.inclusion(), g.uniformStart(), new Extragradient.Config(0.9 / g.spectralNorm())));
    m.put("eag", g -> new AnchoredExtragradient(g.inclusion(), g.uniformStart(),
        new AnchoredExtragradient.Config(0.9 / g.spectralNorm())));
    m.put("vr-eg", g -> new VrExtragradient(g.inclusion(), g.uniformStart(), VrExtragradient.Config.defaults(g, 3)));
    m.put("vr-halpern-inexact", g -> new InexactVrHalpern(g.inclusion(), g.uniformStart(),
        InexactVrHalpern.Config.defaults(g, 10.0, 3)));
    return m;
  }

  static final Map<String, Double> TARGET = Map.of("eg", 1e-4, "vr-eg", 3e-4, "eag", 3e-3, "vr-halpern-inexact", 3e-3);

  @Test
  void theExactSolverFindsAnEquilibriumWithZeroGapAndResidual() {
    MatrixGame game = new MatrixGame(smallGame());
    SupportEnumeration.Equilibrium e = SupportEnumeration.solve(game.payoff());
    double[] u = new double[11];
    System.arraycopy(e.x(), 0, u, 0, 5);
    System.arraycopy(e.y(), 0, u, 5, 6);
    assertEquals(0, game.dualityGap(u), 1e-9);
    assertEquals(e.value(), game.value(u), 1e-9);
    assertEquals(0, game.inclusion().residual(u, 1.0), 1e-9);
    assertTrue(e.value() > 0.5 && e.value() < 1.5);
  }

  @Test
  void everyMethodsLastIterateApproachesTheLpValueAndTheGapCertifiesIt() {
    MatrixGame game = new MatrixGame(smallGame());
    double value = SupportEnumeration.solve(game.payoff()).value();
    for (Map.Entry<String, Function<MatrixGame, MonotoneMethod<?>>> e : methods().entrySet()) {
      MonotoneMethod<?> method = e.getValue().apply(game);
      double target = TARGET.get(e.getKey());
      MonotoneResult r = method.solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, target)
          .or(StoppingRule.maxDataPasses(40_000)));
      double gap = game.dualityGap(r.solution());
      double v = game.value(r.solution());
      assertEquals(StopReason.CONVERGED, r.stopReason(), e.getKey() + " residual " + r.residual());
      assertTrue(Math.abs(v - value) <= gap + 1e-12, e.getKey() + ": the gap must bound the value error");
      assertTrue(gap <= target, e.getKey() + " gap " + gap);
      assertTrue(Math.abs(v - value) <= target, e.getKey());
      // The reported last-iterate residual is the one recomputed from the output.
      double reported = r.outcome().last().orElseThrow().metric(MonotoneMethod.RESIDUAL);
      assertEquals(r.residual(), reported, 0, e.getKey());
      assertTrue(reported <= target);
    }
  }

  @Test
  void policemanAndBurglarWithTheReferenceWeights() throws Exception {
    Path csv = Path.of("../../shared/data/policeman-burglar-w500.csv");
    if (!Files.exists(csv)) {
      csv = Path.of("/work/shared/data/policeman-burglar-w500.csv");
    }
    MatrixGame game = PolicemanBurglar.game(PolicemanBurglar.readWeights(csv), PolicemanBurglar.THETA);
    assertEquals(500, game.components());
    assertEquals(492.3, game.spectralNorm(), 0.05); // spec §2: ‖A‖₂ ≈ 492.3
    // EG with η = 5/‖A‖₂: the spec's public code first reaches residual 0.05 after 471 epochs.
    MonotoneResult r = new Extragradient(game.inclusion(), game.uniformStart(), Extragradient.Config.reference(game))
        .solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, 0.05).or(StoppingRule.maxDataPasses(600)));
    assertEquals(StopReason.CONVERGED, r.stopReason());
    assertTrue(r.epochs() >= 0.9 * 471 && r.epochs() <= 1.1 * 471, "EG reached 0.05 after " + r.epochs() + " epochs");
    assertTrue(game.dualityGap(r.solution()) >= 0);
  }

  @Test
  void drawnWeightsAreSeedDeterminedAndTheGameMatchesItsFormula() {
    double[] w = PolicemanBurglar.drawWeights(7, dev.geodesic.random.SeedSequence.of(4));
    assertEquals(w[3], PolicemanBurglar.drawWeights(7, dev.geodesic.random.SeedSequence.of(4))[3], 0);
    MatrixGame g = PolicemanBurglar.game(w, 0.8);
    assertEquals(w[4] * (1 - Math.exp(-0.8 * 2)), g.payoff().get(2, 4), 1e-15);
    assertEquals(0, g.payoff().get(5, 5), 0);
  }
}
