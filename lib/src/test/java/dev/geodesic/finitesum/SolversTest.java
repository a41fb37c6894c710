package dev.geodesic.finitesum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.data.FeatureBlock;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.HuberLoss;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.MultinomialLogisticLoss;
import dev.geodesic.finitesum.loss.SquaredLoss;
import dev.geodesic.finitesum.prox.ElasticNetPenalty;
import dev.geodesic.finitesum.prox.L1Penalty;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class SolversTest {
  /** The three VR solvers, constructed on a problem with options. */
  static final List<BiFunction<FiniteSumProblem, FiniteSumOptions, FiniteSumMethod<?>>> VR = List.of(
      SagaSolver::new, SvrgSolver::new, LooplessSvrgSolver::new);

  /** The reference: FISTA to a gradient-mapping norm of 1e-11. */
  static FiniteSumResult reference(FiniteSumProblem p) {
    FiniteSumResult r = new AcceleratedProximalGradient(p, FiniteSumOptions.defaults())
        .solve(FiniteSumStopping.tolerance(1e-11, 200_000));
    assertEquals(StopReason.CONVERGED, r.stopReason(), "reference did not converge: " + r.gradMappingNorm());
    return r;
  }

  static double relGap(double f, double fstar) {
    return (f - fstar) / Math.abs(fstar);
  }

  /** Ridge regression: every VR solver reaches the closed form (AᵀA/N + λI)⁻¹Aᵀy/N to 1e-8 relative. */
  @Test
  void ridgeRegressionReachesTheClosedForm() {
    int d = 8;
    int n = 300;
    double lambda = 0.05;
    DenseMatrix a = TestData.features(11, d, n, 1.0, 0.0);
    double[] y = TestData.linearLabels(12, a, TestData.vector(13, d, 1.0), 0.0, 0.3);
    DenseMatrix h = Lapack.get().blas().gram(false, a); // A·Aᵀ (d×d): rows are columns here
    double[] rhs = new double[d];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < d; c++) {
        h.set(j, c, h.get(j, c) / n + (j == c ? lambda : 0));
      }
      for (int i = 0; i < n; i++) {
        rhs[j] += a.get(j, i) * y[i] / n;
      }
    }
    double[] wStar = Lapack.get().cholesky(h).solve(DenseMatrix.column(rhs)).values();
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new SquaredLoss(), new L2Penalty(lambda), false);
    double fstar = p.objective(wStar);
    for (var make : VR) {
      FiniteSumMethod<?> m = make.apply(p, FiniteSumOptions.defaults().withFstar(fstar));
      FiniteSumResult r = m.solve(new FiniteSumStopping(1e-10 * fstar, 0, 400));
      assertEquals(StopReason.TARGET_REACHED, r.stopReason(), m.name());
      assertTrue(relGap(r.objective(), fstar) <= 1e-8, m.name() + " gap " + relGap(r.objective(), fstar));
      assertTrue(TestData.maxAbsDiff(r.weights(), wStar) < 1e-4, m.name());
    }
    // the reference itself reaches the closed form
    FiniteSumResult apg = reference(p);
    assertTrue(TestData.maxAbsDiff(apg.weights(), wStar) < 1e-9);
  }

  /** L2 logistic regression with intercept, and Huber regression: each VR solver reaches FISTA's f*. */
  @Test
  void logisticAndHuberReachTheReferenceOptimum() {
    int d = 10;
    int n = 250;
    DenseMatrix a = TestData.features(21, d, n, 1.0, 0.5);
    double[] yLog = TestData.logisticLabels(22, a, TestData.vector(23, d, 1.0), -0.5);
    double[] yHub = TestData.linearLabels(24, a, TestData.vector(25, d, 1.0), 2.0, 1.0);
    yHub[3] += 40; // outliers, where Huber differs from least squares
    yHub[17] -= 30;
    List<FiniteSumProblem> problems = List.of(
        FiniteSumProblem.of(new DenseFeatureBlock(a), yLog, new BinaryLogisticLoss(), new L2Penalty(1e-2), true),
        FiniteSumProblem.of(new DenseFeatureBlock(a), yHub, new HuberLoss(1.0), new L2Penalty(1e-2), true));
    for (FiniteSumProblem p : problems) {
      FiniteSumResult ref = reference(p);
      for (var make : VR) {
        FiniteSumMethod<?> m = make.apply(p, FiniteSumOptions.defaults().withFstar(ref.objective()));
        FiniteSumResult r = m.solve(new FiniteSumStopping(1e-10 * ref.objective(), 0, 600));
        assertEquals(StopReason.TARGET_REACHED, r.stopReason(), p.loss() + " " + m.name() + " " + r.objective());
        assertTrue(relGap(r.objective(), ref.objective()) <= 1e-8);
        assertTrue(TestData.maxAbsDiff(r.intercepts(), ref.intercepts()) < 1e-3, p.loss() + " " + m.name());
      }
    }
  }

  /**
   * Lasso on a sparse truth (5 of 20 features): SAGA recovers the support, meets the KKT conditions
   * (|∇_j F| ≤ λ₁ on zeros, ∇_j F = −λ₁·sign(w_j) on nonzeros) and FISTA's f*.
   */
  @Test
  void lassoRecoversTheSupportAndMeetsKkt() {
    int d = 20;
    int n = 400;
    double l1 = 0.05;
    DenseMatrix a = TestData.features(31, d, n, 1.0, 0.0);
    double[] truth = new double[d];
    for (int j = 0; j < 5; j++) {
      truth[j] = j % 2 == 0 ? 1.5 : -1.0;
    }
    double[] y = TestData.linearLabels(32, a, truth, 0.0, 0.1);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new SquaredLoss(), new L1Penalty(l1), false);
    FiniteSumResult ref = reference(p);
    for (FeatureBlock block : new FeatureBlock[] {new DenseFeatureBlock(a), CsrFeatureBlock.fromDense(a)}) {
      FiniteSumProblem q = FiniteSumProblem.of(block, y, new SquaredLoss(), new L1Penalty(l1), false);
      FiniteSumResult r = new SagaSolver(q, FiniteSumOptions.defaults()).solve(FiniteSumStopping.tolerance(1e-10, 500));
      assertEquals(StopReason.CONVERGED, r.stopReason());
      assertTrue(relGap(r.objective(), ref.objective()) <= 1e-8);
      double[] g = new double[q.parameters()];
      q.smoothValue(r.x(), g);
      for (int j = 0; j < d; j++) {
        if (j < 5) {
          assertTrue(r.weights()[j] != 0, "lost feature " + j);
          assertEquals(-l1 * Math.signum(r.weights()[j]), g[j], 1e-8, "KKT at nonzero " + j);
        } else {
          assertEquals(0.0, r.weights()[j], 0.0, "spurious feature " + j);
          assertTrue(Math.abs(g[j]) <= l1 + 1e-9, "KKT at zero " + j + ": " + g[j]);
        }
      }
    }
  }

  /**
   * Sparse (lazy just-in-time) and dense kernels on the same data give the same iterates: elastic net
   * (soft-thresholding crossings, the L2 scale folded back when it underflows), logistic with intercept.
   */
  @Test
  void sparseAndDenseLayoutsGiveTheSameIterates() {
    int d = 15;
    int n = 200;
    DenseMatrix a = TestData.features(41, d, n, 0.3, 0.0);
    double[] y = TestData.logisticLabels(42, a, TestData.vector(43, d, 2.0), 0.3);
    Regularizer h = new ElasticNetPenalty(0.02, 0.1);
    FiniteSumProblem dense = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new BinaryLogisticLoss(), h, true)
        .withCenter(null);
    FiniteSumProblem sparse = FiniteSumProblem.of(CsrFeatureBlock.fromDense(a), y, new BinaryLogisticLoss(), h, true);
    // a large step: ρ = 1/(1+ηλ₂) shrinks the scale below 1e-9 after ~2000 steps, so it is folded back
    FiniteSumOptions opt = FiniteSumOptions.defaults().withStep(0.1);
    for (var make : VR) {
      FiniteSumResult rd = make.apply(dense, opt).solve(FiniteSumStopping.epochs(12));
      FiniteSumResult rs = make.apply(sparse, opt).solve(FiniteSumStopping.epochs(12));
      assertEquals(rd.outcome().iterations(), rs.outcome().iterations());
      double scale = TestData.maxAbs(rd.x());
      assertTrue(TestData.maxAbsDiff(rd.x(), rs.x()) <= 1e-12 * scale, rs.method() + " differs by "
          + TestData.maxAbsDiff(rd.x(), rs.x()));
      long zeros = java.util.Arrays.stream(rd.weights()).filter(v -> v == 0.0).count();
      assertTrue(zeros > 0 && zeros < d, "the L1 part should zero some weights: " + zeros);
      for (int k = 0; k < rd.outcome().trace().size(); k++) {
        assertEquals(rd.outcome().trace().records().get(k).metric("objective"),
            rs.outcome().trace().records().get(k).metric("objective"), 1e-12);
      }
    }
  }

  /**
   * Features offset by 10³ with an intercept: the centered problem is the same model, so the solution
   * equals the one on the un-offset data with b shifted by 10³·Σw (FISTA on the un-offset data as the
   * truth); SAGA and SVRG reach it in tens of epochs.
   */
  @Test
  void dataFarFromTheOriginWithIntercept() {
    int d = 6;
    int n = 300;
    DenseMatrix near = TestData.features(51, d, n, 1.0, 0.0);
    DenseMatrix far = TestData.features(51, d, n, 1.0, 1e3);
    double[] y = TestData.logisticLabels(52, near, TestData.vector(53, d, 1.0), 0.2);
    FiniteSumProblem pNear = FiniteSumProblem.of(new DenseFeatureBlock(near), y, new BinaryLogisticLoss(),
        new L2Penalty(1e-2), true).withCenter(null);
    FiniteSumResult truth = reference(pNear);
    double sumW = 0;
    for (double v : truth.weights()) {
      sumW += v;
    }
    FiniteSumProblem pFar = FiniteSumProblem.of(new DenseFeatureBlock(far), y, new BinaryLogisticLoss(),
        new L2Penalty(1e-2), true);
    for (var make : VR) {
      FiniteSumMethod<?> m = make.apply(pFar, FiniteSumOptions.defaults().withFstar(truth.objective()));
      FiniteSumResult r = m.solve(new FiniteSumStopping(1e-10 * truth.objective(), 0, 300));
      assertEquals(StopReason.TARGET_REACHED, r.stopReason(), m.name());
      assertTrue(r.epochs() < 100, m.name() + " took " + r.epochs() + " epochs");
      assertTrue(TestData.maxAbsDiff(r.weights(), truth.weights()) < 1e-4, m.name());
      assertEquals(truth.intercepts()[0] - 1e3 * sumW, r.intercepts()[0], 1e-4 * 1e3, m.name());
    }
  }

  /** Multinomial logistic, K = 3, L2 and intercept: the VR solvers reach FISTA's f*; sparse = dense. */
  @Test
  void multinomialReachesTheReference() {
    int d = 5;
    int n = 240;
    int k = 3;
    DenseMatrix a = TestData.features(61, d, n, 0.6, 0.0);
    double[] y = TestData.multinomialLabels(62, a, TestData.vector(63, d * k, 1.5), k);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new MultinomialLogisticLoss(k),
        new L2Penalty(1e-2), true);
    FiniteSumResult ref = reference(p);
    for (var make : VR) {
      FiniteSumMethod<?> m = make.apply(p, FiniteSumOptions.defaults().withFstar(ref.objective()));
      FiniteSumResult r = m.solve(new FiniteSumStopping(1e-10 * ref.objective(), 0, 600));
      assertEquals(StopReason.TARGET_REACHED, r.stopReason(), m.name());
    }
    FiniteSumProblem dense = p.withCenter(null);
    FiniteSumProblem sparse = FiniteSumProblem.of(CsrFeatureBlock.fromDense(a), y, new MultinomialLogisticLoss(k),
        new ElasticNetPenalty(1e-2, 1e-2), true);
    FiniteSumProblem denseEn = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new MultinomialLogisticLoss(k),
        new ElasticNetPenalty(1e-2, 1e-2), true).withCenter(null);
    assertEquals(dense.parameters(), sparse.parameters());
    FiniteSumResult rd = new SagaSolver(denseEn, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(5));
    FiniteSumResult rs = new SagaSolver(sparse, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(5));
    assertTrue(TestData.maxAbsDiff(rd.x(), rs.x()) <= 1e-12 * TestData.maxAbs(rd.x()));
  }

  /** The smooth loss's gradient (BLAS path, centering, intercept, K = 3) against finite differences of F. */
  @Test
  void problemGradientMatchesFiniteDifferences() {
    int d = 4;
    int n = 30;
    DenseMatrix a = TestData.features(71, d, n, 0.7, 3.0);
    List<MarginLoss> losses = List.of(new BinaryLogisticLoss(), new SquaredLoss(), new HuberLoss(0.5),
        new MultinomialLogisticLoss(3));
    for (MarginLoss loss : losses) {
      double[] y = loss instanceof MultinomialLogisticLoss
          ? TestData.multinomialLabels(72, a, TestData.vector(73, d * 3, 0.3), 3)
          : TestData.logisticLabels(72, a, TestData.vector(73, d, 0.3), 0);
      for (FeatureBlock b : new FeatureBlock[] {new DenseFeatureBlock(a), CsrFeatureBlock.fromDense(a)}) {
        FiniteSumProblem p = FiniteSumProblem.of(b, y, loss, new L2Penalty(0.1), true);
        double[] x = TestData.vector(74, p.parameters(), 0.2);
        double[] g = new double[p.parameters()];
        p.smoothValue(x, g);
        for (int j = 0; j < x.length; j++) {
          double[] xp = x.clone();
          double[] xm = x.clone();
          double h = 1e-6;
          xp[j] += h;
          xm[j] -= h;
          double fd = (p.smoothValue(xp, null) - p.smoothValue(xm, null)) / (2 * h);
          assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), loss + " " + b.layout() + " coordinate " + j);
        }
      }
    }
  }

  @Test
  void stopRulesNameTheReason() {
    DenseMatrix a = TestData.features(81, 5, 100, 1.0, 0.0);
    double[] y = TestData.logisticLabels(82, a, TestData.vector(83, 5, 1.0), 0);
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(a), y, new BinaryLogisticLoss(), new L2Penalty(0.1),
        true);
    FiniteSumResult lim = new SagaSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(3));
    assertEquals(StopReason.EPOCH_LIMIT, lim.stopReason());
    assertEquals(3, lim.outcome().iterations());
    assertEquals(3.0, lim.epochs(), 1e-12);
    FiniteSumResult svrg = new SvrgSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(7));
    assertEquals(2, svrg.outcome().iterations()); // 1 + (2 + 1) per round: 4, then 7 passes
    assertEquals(7.0, svrg.epochs(), 1e-12);
    FiniteSumResult tol = new SagaSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.tolerance(1e-6, 500));
    assertEquals(StopReason.CONVERGED, tol.stopReason());
    assertTrue(tol.gradMappingNorm() <= 1e-6);
    assertEquals(List.of("objective", "grad_mapping_norm", "epochs"), tol.outcome().trace().metricNames());
  }
}
