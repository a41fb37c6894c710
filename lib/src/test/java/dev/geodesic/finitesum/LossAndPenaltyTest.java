package dev.geodesic.finitesum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.HuberLoss;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.MultinomialLogisticLoss;
import dev.geodesic.finitesum.loss.SquaredLoss;
import dev.geodesic.finitesum.prox.ElasticNetPenalty;
import dev.geodesic.finitesum.prox.L1Penalty;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.finitesum.prox.NoPenalty;
import dev.geodesic.finitesum.prox.Regularizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossAndPenaltyTest {
  /** Every loss's derivative against a central difference of its value, at margins from −8 to 8. */
  @Test
  void derivativesMatchFiniteDifferences() {
    List<MarginLoss> losses = List.of(new BinaryLogisticLoss(), new SquaredLoss(), new HuberLoss(0.7),
        new MultinomialLogisticLoss(3));
    double h = 1e-6;
    for (MarginLoss loss : losses) {
      int k = loss.outputs();
      double[] g = new double[k];
      for (double base = -8; base <= 8; base += 0.37) {
        for (double y : k == 1 ? new double[] {0, 1, 2.5} : new double[] {0, 1, 2}) {
          if (loss instanceof BinaryLogisticLoss && y > 1) {
            continue;
          }
          double[] z = new double[k];
          for (int c = 0; c < k; c++) {
            z[c] = base * (c + 1) / k + 0.1 * c;
          }
          loss.derivative(z, 0, y, g, 0);
          for (int c = 0; c < k; c++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[c] += h;
            zm[c] -= h;
            double fd = (loss.value(zp, 0, y) - loss.value(zm, 0, y)) / (2 * h);
            assertEquals(fd, g[c], 1e-7, loss + " z=" + java.util.Arrays.toString(z) + " y=" + y + " k=" + c);
          }
        }
      }
    }
  }

  /** c_ℓ bounds the second derivative (finite differences of ℓ'), and is attained for logistic, squared and softmax. */
  @Test
  void curvatureConstantsBoundTheSecondDerivative() {
    double h = 1e-5;
    BinaryLogisticLoss log = new BinaryLogisticLoss();
    double maxLog = 0;
    for (double z = -10; z <= 10; z += 0.01) {
      maxLog = Math.max(maxLog, (log.derivative(z + h, 1) - log.derivative(z - h, 1)) / (2 * h));
    }
    assertEquals(0.25, log.curvature());
    assertTrue(maxLog <= 0.25 + 1e-9 && maxLog > 0.2499, "max logistic ℓ'' " + maxLog);
    assertEquals(1.0, new SquaredLoss().curvature());
    HuberLoss hub = new HuberLoss(0.5);
    assertEquals(1.0, (hub.derivative(0.1 + h, 0) - hub.derivative(0.1 - h, 0)) / (2 * h), 1e-9);
    assertEquals(0.0, (hub.derivative(2 + h, 0) - hub.derivative(2 - h, 0)) / (2 * h), 1e-9);
    // softmax Hessian diag(p) − ppᵀ: largest eigenvalue over random margins ≤ 1/2, = 1/2 at two equal classes
    MultinomialLogisticLoss soft = new MultinomialLogisticLoss(2);
    double[] g = new double[2];
    double[] gp = new double[2];
    soft.derivative(new double[] {h, -h}, 0, 0, gp, 0);
    soft.derivative(new double[] {-h, h}, 0, 0, g, 0);
    // direction (1, −1)/√2: curvature = (g'(+) − g'(−))·dir / (2h·√2 …) → vᵀHv with v=(1,−1)/√2
    double vHv = ((gp[0] - g[0]) - (gp[1] - g[1])) / (2 * 2 * h);
    assertEquals(0.5, vHv, 1e-6);
    assertEquals(0.5, soft.curvature());
  }

  @Test
  void logisticAcceptsPlusMinusOneLabelsAndRefusesOthers() {
    assertArrayEquals(new double[] {0, 1, 1, 0}, new BinaryLogisticLoss().prepareLabels(new double[] {-1, 1, 1, -1}));
    assertArrayEquals(new double[] {0, 1}, new BinaryLogisticLoss().prepareLabels(new double[] {0, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BinaryLogisticLoss().prepareLabels(new double[] {0, 1, 2}));
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BinaryLogisticLoss().prepareLabels(new double[] {0, -1}));
    assertThrows(IllegalArgumentException.class, () -> new MultinomialLogisticLoss(3).prepareLabels(new double[] {0, 3}));
    assertThrows(IllegalArgumentException.class, () -> new MultinomialLogisticLoss(3).prepareLabels(new double[] {0.5}));
  }

  /** Closed forms: identity, v/(1+ηλ₂), soft-thresholding, and both composed for the elastic net. */
  @Test
  void proxOperatorsMatchTheirClosedForms() {
    double eta = 0.3;
    for (double v = -3; v <= 3; v += 0.125) {
      assertEquals(v, new NoPenalty().prox(v, eta));
      assertEquals(v / (1 + eta * 2.0), new L2Penalty(2.0).prox(v, eta), 1e-15);
      double st = Math.signum(v) * Math.max(Math.abs(v) - eta * 1.5, 0);
      assertEquals(st, new L1Penalty(1.5).prox(v, eta), 1e-15);
      assertEquals(st / (1 + eta * 2.0), new ElasticNetPenalty(1.5, 2.0).prox(v, eta), 1e-15);
    }
  }

  /**
   * The prox's optimality condition v − p ∈ η·∂h(p), and p minimizing ½(x − v)² + η·h(x) against a fine
   * grid (brute force).
   */
  @Test
  void proxSatisfiesItsOptimalityConditionAndBeatsAGrid() {
    double eta = 0.7;
    List<Regularizer> regs = List.of(new NoPenalty(), new L2Penalty(0.8), new L1Penalty(0.6),
        new ElasticNetPenalty(0.6, 0.8));
    for (Regularizer h : regs) {
      for (double v = -2.5; v <= 2.5; v += 0.1) {
        double p = h.prox(v, eta);
        double r = (v - p) / eta; // must be in ∂h(p) = λ₁·sign(p) + λ₂·p (|·| ≤ λ₁ at 0)
        if (p != 0) {
          assertEquals(h.l1() * Math.signum(p) + h.l2() * p, r, 1e-12, h + " v=" + v);
        } else {
          assertTrue(Math.abs(r) <= h.l1() + 1e-12, h + " v=" + v + " r=" + r);
        }
        double best = Double.POSITIVE_INFINITY;
        for (double x = -3; x <= 3; x += 1e-4) {
          best = Math.min(best, 0.5 * (x - v) * (x - v) + eta * h.value(new double[] {x}, 1));
        }
        double atP = 0.5 * (p - v) * (p - v) + eta * h.value(new double[] {p}, 1);
        assertTrue(atP <= best + 1e-12, h + " v=" + v);
        assertTrue(atP >= best - 1e-7, h + " v=" + v + ": grid beats prox?");
      }
    }
  }

  @Test
  void mllibElasticNetMapping() {
    ElasticNetPenalty p = ElasticNetPenalty.fromMllib(0.2, 0.25);
    assertEquals(0.05, p.l1(), 1e-16);
    assertEquals(0.15, p.l2(), 1e-16);
    // MLlib's penalty r·(α‖w‖₁ + (1−α)/2‖w‖²)
    double[] w = {1.0, -2.0};
    assertEquals(0.2 * (0.25 * 3 + 0.75 / 2 * 5), p.value(w, 2), 1e-15);
    assertEquals(new L2Penalty(0.2), Regularizer.of(0, 0.2));
    assertEquals(new L1Penalty(0.2), Regularizer.of(0.2, 0));
    assertThrows(IllegalArgumentException.class, () -> ElasticNetPenalty.fromMllib(1, 1.5));
  }
}
