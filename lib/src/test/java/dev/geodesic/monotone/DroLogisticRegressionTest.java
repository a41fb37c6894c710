package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.data.LabeledBlock;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DroLogisticRegressionTest {
  static final int N = 40;
  static final int D = 3;
  static final double LAMBDA = 0.1;

  /** 40 rows in ℝ³ around (3, −2, 1) with logistic labels; group = label. */
  static LabeledBlock data() {
    SplittableRandom r = SeedSequence.of(12).stream("dro");
    double[] x = new double[D * N];
    double[] y = new double[N];
    double[] center = {3, -2, 1};
    double[] truth = {1.5, -1, 0.5};
    for (int i = 0; i < N; i++) {
      double z = -3;
      for (int j = 0; j < D; j++) {
        x[i * D + j] = center[j] + SeedSequence.nextGaussian(r);
        z += truth[j] * (x[i * D + j] - center[j]);
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z - 3)) ? 1 : 0;
    }
    return new LabeledBlock(DenseMatrix.wrap(D, N, x), y);
  }

  static DroLogisticRegression problem(double rho) {
    return new DroLogisticRegression(data(), LAMBDA, rho);
  }

  /** Plain L2 logistic regression by Newton's method: the independent reference for ρ = 0. */
  static double[] newton(LabeledBlock data) {
    double[] w = new double[D + 1];
    double[] x = data.features().values();
    for (int it = 0; it < 50; it++) {
      double[] g = new double[D + 1];
      double[][] h = new double[D + 1][D + 1];
      for (int i = 0; i < N; i++) {
        double[] a = {x[i * D], x[i * D + 1], x[i * D + 2], 1};
        double z = 0;
        for (int j = 0; j <= D; j++) {
          z += a[j] * w[j];
        }
        double s = 1 / (1 + Math.exp(-z));
        for (int j = 0; j <= D; j++) {
          g[j] += (s - data.labels()[i]) * a[j] / N;
          for (int k = 0; k <= D; k++) {
            h[j][k] += s * (1 - s) * a[j] * a[k] / N;
          }
        }
      }
      for (int j = 0; j < D; j++) {
        g[j] += LAMBDA * w[j];
        h[j][j] += LAMBDA;
      }
      double[] step = solve(h, g);
      for (int j = 0; j <= D; j++) {
        w[j] -= step[j];
      }
    }
    return w;
  }

  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }

  /** max_{q∈Q} Σ q_i ℓ_i(w) + (λ/2)‖w‖²: the worst case over the χ²-ball, as lim Π_Q(c + t·ℓ). */
  static double robustLoss(DroLogisticRegression p, double rho, double[] u) {
    double[] z = p.margins(u);
    double[] q = new double[N];
    for (int i = 0; i < N; i++) {
      q[i] = 1.0 / N + 1e6 * DroLogisticRegression.loss(z[i], data().labels()[i]);
    }
    new ChiSquareBallProjection(N, rho).apply(q, 1.0, q);
    double[] v = u.clone();
    System.arraycopy(q, 0, v, D + 1, N);
    return p.objective(v);
  }

  /** The Lipschitz bound λ + R²/4 + ‖Ã‖_F is loose here, so the tests step at 3× the default 0.9/L. */
  @Test
  void withRhoZeroItIsPlainLogisticRegression() {
    DroLogisticRegression p = problem(0);
    MonotoneResult r = new Extragradient(p.inclusion(), p.start(), new Extragradient.Config(2.7 / p.lipschitz()))
        .solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, 1e-9).or(StoppingRule.maxIterations(200_000)));
    assertEquals(StopReason.CONVERGED, r.stopReason());
    double[] w = newton(data());
    for (int j = 0; j <= D; j++) {
      assertEquals(w[j], r.solution()[j], 1e-6, "weight " + j);
    }
  }

  @Test
  void theRobustModelHasTheSmallerWorstCaseLossAndReportsWorstGroupAccuracy() {
    double rho = 0.5;
    DroLogisticRegression p = problem(rho);
    MonotoneResult robust = new Extragradient(p.inclusion(), p.start(), new Extragradient.Config(2.7 / p.lipschitz()))
        .solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, 1e-7).or(StoppingRule.maxIterations(200_000)));
    assertEquals(StopReason.CONVERGED, robust.stopReason());
    double[] q = java.util.Arrays.copyOfRange(robust.solution(), D + 1, D + 1 + N);
    assertTrue(new ChiSquareBallProjection(N, rho).contains(q, 0, 1e-12), "q stays in the chi-square ball");
    double[] erm = new double[p.dimension()];
    System.arraycopy(newton(data()), 0, erm, 0, D + 1);
    double worstRobust = robustLoss(p, rho, robust.solution());
    double worstErm = robustLoss(p, rho, erm);
    assertTrue(worstRobust <= worstErm + 1e-6, worstRobust + " vs ERM " + worstErm);
    assertTrue(worstErm - worstRobust > 1e-4, "the robust model differs from ERM here");
    int[] groups = new int[N];
    for (int i = 0; i < N; i++) {
      groups[i] = (int) data().labels()[i];
    }
    double[] acc = p.groupAccuracies(robust.solution(), groups, 2);
    assertEquals(Math.min(acc[0], acc[1]), p.worstGroupAccuracy(robust.solution(), groups, 2), 0);
    assertTrue(acc[0] >= 0 && acc[0] <= 1 && acc[1] >= 0 && acc[1] <= 1);
  }
}
