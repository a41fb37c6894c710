package dev.geodesic.finitesum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.distributed.DistributedSvrg;
import dev.geodesic.finitesum.distributed.InMemoryShards;
import dev.geodesic.finitesum.distributed.LocalSolver;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.linalg.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmoothnessSamplingTest {
  /** The alias table draws row i with frequency L_i/ΣL (within 5 binomial σ over 10⁶ draws), never a zero row. */
  @Test
  void drawsRowsInProportionToTheirSmoothness() {
    double[] l = {0.0, 1.0, 2.0, 3.0, 10.0, 0.5, 0.5};
    SmoothnessSampling s = new SmoothnessSampling(l);
    double sum = 17.0;
    assertEquals(sum / l.length, s.meanSmoothness(), 1e-15);
    int draws = 1_000_000;
    long[] count = new long[l.length];
    SplittableRandom rnd = new SplittableRandom(5);
    for (int t = 0; t < draws; t++) {
      count[s.draw(rnd)]++;
    }
    assertEquals(0, count[0]);
    for (int i = 1; i < l.length; i++) {
      double p = l[i] / sum;
      double sigma = Math.sqrt(draws * p * (1 - p));
      assertTrue(Math.abs(count[i] - draws * p) < 5 * sigma, "row " + i + ": " + count[i] + " vs " + draws * p);
      // the weight undoes the bias: E[ω_i·1{i drawn}] = 1/n per row
      assertEquals(1.0 / l.length, p * s.weight(i), 1e-15);
    }
    // the half-uniform mixture: n·p_i = 1/2 + L_i/(2L̄), so every weight is at most 2 and the zero row is drawn
    SmoothnessSampling half = new SmoothnessSampling(l, 0.5);
    long[] c2 = new long[l.length];
    for (int t = 0; t < draws; t++) {
      c2[half.draw(rnd)]++;
    }
    for (int i = 0; i < l.length; i++) {
      double p = 0.5 / l.length + 0.5 * l[i] / sum;
      assertTrue(Math.abs(c2[i] - draws * p) < 5 * Math.sqrt(draws * p * (1 - p)), "mixture row " + i);
      assertEquals(1.0 / (l.length * p), half.weight(i), 1e-12);
      assertTrue(half.weight(i) <= 2.0);
    }
    double lbar = sum / l.length;
    double worst = 0;
    for (double li : l) {
      worst = Math.max(worst, li / (0.5 + 0.5 * li / lbar));
    }
    assertEquals(worst, SmoothnessSampling.constant(lbar, 10.0, 0.5), 1e-12);
    assertEquals(lbar, SmoothnessSampling.constant(lbar, 10.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new SmoothnessSampling(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> new SmoothnessSampling(new double[] {1, Double.NaN}));
  }

  /**
   * Rows whose norms span a decade (the case the sampling is for): both samplings reach the
   * reference optimum to 1e-8 on unequal shards, with every local solver, and the smoothness-proportional
   * default takes its step from L̄ (the larger step), not L_max.
   */
  @Test
  void bothSamplingsReachTheOptimumOnRowsOfVeryUnequalNorms() {
    DenseMatrix a = TestData.features(71, 8, 160, 1.0, 0.0);
    SplittableRandom r = new SplittableRandom(72);
    double[] v = a.values();
    for (int i = 0; i < 160; i++) {
      double scale = Math.pow(10, r.nextDouble() - 0.5);
      for (int j = 0; j < 8; j++) {
        v[i * 8 + j] *= scale;
      }
    }
    double[] y = TestData.logisticLabels(73, a, TestData.vector(74, 8, 1.0), 0.2);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new BinaryLogisticLoss(), new L2Penalty(0.01),
        true);
    FiniteSumResult ref = SolversTest.reference(p);
    InMemoryShards shards = InMemoryShards.split(p, 100, 60);
    assertTrue(shards.meanRowSmoothness() < 0.5 * shards.maxRowSmoothness());
    for (RowSampling sampling : RowSampling.values()) {
      for (LocalSolver local : LocalSolver.values()) {
        DistributedSvrg m = new DistributedSvrg(shards, p.shape(),
            FiniteSumOptions.defaults().withFstar(ref.objective()).withInnerPasses(1), local, sampling);
        double l = sampling == RowSampling.UNIFORM ? shards.maxRowSmoothness()
            : local == LocalSolver.SAGA ? SmoothnessSampling.constant(shards.meanRowSmoothness(),
                shards.maxRowSmoothness(), 0.5) : shards.meanRowSmoothness();
        assertEquals(1.0 / (3 * (l + 0.01)), m.step(), 1e-15);
        FiniteSumResult res = m.solve(new FiniteSumStopping(1e-10 * ref.objective(), 0, 2000));
        assertEquals(StopReason.TARGET_REACHED, res.stopReason(), sampling + " " + local + " " + res.objective());
        assertTrue(SolversTest.relGap(res.objective(), ref.objective()) <= 1e-8);
      }
    }
  }
}
