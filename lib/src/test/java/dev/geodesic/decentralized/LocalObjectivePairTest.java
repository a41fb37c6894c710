package dev.geodesic.decentralized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.random.SeedSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-product pair evaluation equals the two evaluations it replaces. */
class LocalObjectivePairTest {
  static void assertSameAsApart(LocalObjective f, DenseMatrix x, DenseMatrix y) {
    LocalObjective.Paired p = f.evaluatePair(x, y);
    DenseMatrix gx = f.euclideanGradient(x);
    LocalObjective.Evaluated ey = f.evaluate(y);
    assertTrue(p.gradient().maxAbsDifference(gx) <= 1e-12 * Math.max(1, gx.frobeniusNorm()), "∇f_i(x)");
    assertTrue(p.common().gradient().maxAbsDifference(ey.gradient()) <= 1e-12 * Math.max(1, ey.gradient().frobeniusNorm()),
        "∇f_i(y)");
    assertEquals(ey.value(), p.common().value(), 1e-12 * Math.max(1, Math.abs(ey.value())), "f_i(y)");
    assertEquals(f.value(y), p.common().value(), 1e-12 * Math.max(1, Math.abs(ey.value())), "f_i(y) by value()");
  }

  @Test
  void pcaBothRoutesAndProcrustes() {
    // rows far from the origin (offset 5), an agent with fewer rows than d/2 (the two-pass route)
    List<DenseMatrix> blocks = Fixtures.pcaBlocks(12, 3, 0.5, new int[] {40, 5}, 5.0, 4);
    StiefelManifold st = new StiefelManifold(12, 3);
    DenseMatrix x = st.randomPoint(SeedSequence.of(1), "x");
    DenseMatrix y = st.randomPoint(SeedSequence.of(2), "y");
    for (PcaObjective.Route route : PcaObjective.Route.values()) {
      for (DenseMatrix b : blocks) {
        assertSameAsApart(PcaObjective.of(b, 0.3, route), x, y);
      }
    }
    DenseMatrix targets = Fixtures.pcaBlocks(3, 1, 0.5, new int[] {40}, -2.0, 5).get(0);
    assertSameAsApart(ProcrustesObjective.of(blocks.get(0), targets, 0.25), x, y);
  }
}
