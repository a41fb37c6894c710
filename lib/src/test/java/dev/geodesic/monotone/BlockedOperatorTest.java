package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Blocks of unequal sizes (one empty) reproduce the whole operator: full, single and batched evaluations. */
class BlockedOperatorTest {
  static void assertSameOperator(FiniteSumOperator whole, BiFunction<Integer, Integer, ComponentBlock> block, int[] bounds) {
    List<ComponentBlock> blocks = new ArrayList<>();
    for (int p = 0; p + 1 < bounds.length; p++) {
      blocks.add(block.apply(bounds[p], bounds[p + 1]));
    }
    BlockedOperator blocked = new BlockedOperator(blocks, whole.dimension(), whole.lipschitz(),
        whole.meanSquareLipschitz(), whole.cocoercivity());
    assertEquals(whole.components(), blocked.components());
    SplittableRandom r = new SplittableRandom(4);
    double[] u = new double[whole.dimension()];
    double[] v = new double[whole.dimension()];
    for (int k = 0; k < u.length; k++) {
      u[k] = r.nextDouble();
      v[k] = r.nextDouble();
    }
    double[] a = new double[u.length];
    double[] b = new double[u.length];
    whole.apply(u, a);
    blocked.apply(u, b);
    close(a, b, whole);
    int[] batch = {0, whole.components() - 1, whole.components() / 2, bounds[1]};
    java.util.Arrays.fill(a, 0);
    java.util.Arrays.fill(b, 0);
    whole.addDifferences(batch, batch.length, u, v, 0.25, a);
    for (ComponentBlock blk : blocks) {
      blk.addDifferences(batch, batch.length, u, v, 0.25, b);
    }
    close(a, b, whole);
    java.util.Arrays.fill(a, 0);
    java.util.Arrays.fill(b, 0);
    whole.addComponent(batch[2], u, 2.0, a);
    blocked.addComponent(batch[2], u, 2.0, b);
    close(a, b, whole);
  }

  static void close(double[] a, double[] b, Object what) {
    for (int k = 0; k < a.length; k++) {
      assertEquals(a[k], b[k], 1e-11 * (1 + Math.abs(a[k])), what.getClass().getSimpleName() + " entry " + k);
    }
  }

  @Test
  void matrixGameBlocksWithMoreRowsThanColumns() {
    SplittableRandom r = new SplittableRandom(6);
    double[][] rows = new double[9][4];
    for (double[] row : rows) {
      for (int j = 0; j < 4; j++) {
        row[j] = 3 + r.nextDouble();
      }
    }
    MatrixGame g = new MatrixGame(DenseMatrix.fromRows(rows));
    assertSameOperator(g, g::block, new int[] {0, 2, 2, 7, 9});
    MatrixGame wide = new MatrixGame(g.payoff().transpose());
    assertSameOperator(wide, wide::block, new int[] {0, 5, 9});
  }

  @Test
  void policemanBurglarBlocksAreGeneratedExactlyAsTheGame() {
    double[] w = PolicemanBurglar.drawWeights(30, SeedSequence.of(2));
    MatrixGame g = PolicemanBurglar.game(w, 0.8);
    assertSameOperator(g, (lo, hi) -> PolicemanBurglar.block(w, 0.8, lo, hi), new int[] {0, 11, 12, 30});
    MatrixGameBlock b = PolicemanBurglar.block(w, 0.8, 5, 9);
    MatrixGameBlock c = g.block(5, 9);
    assertEquals(c.rowsFrobeniusSquared(), b.rowsFrobeniusSquared(), 0);
  }

  @Test
  void bilinearAndDroBlocks() {
    RegularizedBilinear bil = RegularizedBilinear.random(7, 5, 2.0, 1.0, 0.5, SeedSequence.of(3));
    assertSameOperator(bil, bil::block, new int[] {0, 3, 7});
    DroLogisticRegression dro = DroLogisticRegressionTest.problem(0.4);
    assertSameOperator(dro, dro::block, new int[] {0, 13, 13, 40});
  }
}
