package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.random.SeedSequence;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The regularized bilinear problem: closed-form saddle point, cocoercive, so every method applies. */
class CocoerciveProblemTest {
  /** B 8 × 6 standard normal, a and b centred at 5 (a saddle point away from the origin), μ = 1, ν = 2. */
  static RegularizedBilinear problem() {
    SplittableRandom r = SeedSequence.of(9).stream("bilinear");
    double[][] rows = new double[8][6];
    for (double[] row : rows) {
      for (int j = 0; j < 6; j++) {
        row[j] = SeedSequence.nextGaussian(r);
      }
    }
    double[] a = new double[6];
    double[] b = new double[8];
    for (int j = 0; j < 6; j++) {
      a[j] = 5 + SeedSequence.nextGaussian(r);
    }
    for (int i = 0; i < 8; i++) {
      b[i] = 5 + SeedSequence.nextGaussian(r);
    }
    return new RegularizedBilinear(DenseMatrix.fromRows(rows), a, b, 1.0, 2.0);
  }

  static double distance(double[] x, double[] y) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += (x[k] - y[k]) * (x[k] - y[k]);
    }
    return Math.sqrt(s);
  }

  @Test
  void theResidualIsZeroAtTheClosedFormSaddlePointOnly() {
    RegularizedBilinear p = problem();
    double[] star = p.saddlePoint();
    MonotoneInclusion inc = p.inclusion();
    double scale = Math.sqrt(java.util.Arrays.stream(star).map(v -> v * v).sum());
    assertTrue(scale > 1, "the saddle point is away from the origin");
    assertEquals(0, inc.residual(star, 1.0), 1e-12 * scale);
    double[] moved = star.clone();
    moved[3] += 1e-3;
    assertTrue(inc.residual(moved, 1.0) > 1e-4);
  }

  @Test
  void componentsAverageToTheOperator() {
    for (FiniteSumOperator f : List.<FiniteSumOperator>of(problem(), new MatrixGame(MatrixGameMethodsTest.smallGame()),
        DroLogisticRegressionTest.problem(0.3))) {
      SplittableRandom r = new SplittableRandom(1);
      double[] u = new double[f.dimension()];
      for (int k = 0; k < u.length; k++) {
        u[k] = r.nextDouble();
      }
      double[] full = new double[u.length];
      f.apply(u, full);
      double[] sum = new double[u.length];
      for (int i = 0; i < f.components(); i++) {
        f.addComponent(i, u, 1.0 / f.components(), sum);
      }
      for (int k = 0; k < u.length; k++) {
        assertEquals(full[k], sum[k], 1e-10 * (1 + Math.abs(full[k])), f.getClass().getSimpleName() + " entry " + k);
      }
    }
  }

  /** Lieder (2021): Halpern with λ_k = 1/(k+2) on a nonexpansive T has ‖u_K − T(u_K)‖ ≤ 2‖u₀ − u*‖/(K+1). */
  @Test
  void halpernMeetsItsLastIterateBound() {
    RegularizedBilinear p = problem();
    double[] star = p.saddlePoint();
    double eta = 1 / p.cocoercivity(); // T = I − ηF is nonexpansive for η ≤ 2/L_c
    double[] start = new double[p.dimension()];
    double d0 = distance(start, star);
    for (int k : new int[] {1, 2, 5, 10, 50, 200}) {
      Halpern h = new Halpern(p.inclusion(), start, new Halpern.Config(eta));
      h.solve(StoppingRule.maxIterations(k));
      double[] u = h.iterate();
      double[] f = new double[u.length];
      p.apply(u, f);
      double fixedPointResidual = eta * Math.sqrt(java.util.Arrays.stream(f).map(v -> v * v).sum());
      assertTrue(fixedPointResidual <= 2 * d0 / (k + 1) * (1 + 1e-12), "K = " + k);
    }
  }

  /**
   * Where theory makes the residual monotone: EG on an affine F(u) = Mu + c with M normal and monotone
   * (μ = ν: M = μI + a skew part) and G = 0 maps F(u_k) to F(u_{k+1}) = (I − ηM + η²M²)F(u_k); with
   * ηL ≤ 1 the spectrum w = ηz lies in the half-disc {|w| ≤ 1, Re w ≥ 0}, where |1 − w + w²| ≤ 1 (on its
   * boundary: |2cos θ − 1| on the arc, √(1 − t² + t⁴) on the axis), so ‖F(u_k)‖ never increases.
   */
  @Test
  void extragradientsResidualNeverIncreasesOnANormalAffineOperator() {
    SplittableRandom r = SeedSequence.of(12).stream("bilinear");
    double[][] rows = new double[8][6];
    for (double[] row : rows) {
      for (int j = 0; j < 6; j++) {
        row[j] = 3 * SeedSequence.nextGaussian(r);
      }
    }
    double[] a = new double[6];
    double[] b = new double[8];
    java.util.Arrays.fill(a, 5);
    java.util.Arrays.fill(b, -5);
    RegularizedBilinear p = new RegularizedBilinear(DenseMatrix.fromRows(rows), a, b, 0.2, 0.2);
    for (double eta : new double[] {1 / p.lipschitz(), 0.3 / p.lipschitz()}) {
      MonotoneResult res = new Extragradient(p.inclusion(), new double[p.dimension()], new Extragradient.Config(eta))
          .solve(StoppingRule.maxIterations(300));
      List<IterationRecord> t = res.outcome().trace().records();
      for (int k = 1; k < t.size(); k++) {
        double before = t.get(k - 1).metric(MonotoneMethod.RESIDUAL);
        double after = t.get(k).metric(MonotoneMethod.RESIDUAL);
        assertTrue(after <= before * (1 + 1e-12), "eta " + eta + ", iteration " + k + ": " + before + " -> " + after);
      }
      assertTrue(t.get(t.size() - 1).metric(MonotoneMethod.RESIDUAL) < 0.5 * t.get(0).metric(MonotoneMethod.RESIDUAL));
    }
  }

  @Test
  void vrHalpernsResidualDecaysToTheSaddlePoint() {
    RegularizedBilinear p = problem();
    double[] star = p.saddlePoint();
    double[] start = new double[p.dimension()];
    MonotoneResult r = new VrHalpern(p.inclusion(), start, VrHalpern.Config.defaults(p, 5))
        .solve(StoppingRule.maxDataPasses(20_000));
    List<IterationRecord> t = r.outcome().trace().records();
    double first = t.get(0).metric(MonotoneMethod.RESIDUAL);
    // The O(1/k) rate: sampled at 20, 200 and 20000 epochs, the residual falls at least 5× per decade-ish step.
    double at20 = t.get(19).metric(MonotoneMethod.RESIDUAL);
    double at200 = t.get(199).metric(MonotoneMethod.RESIDUAL);
    double last = t.get(t.size() - 1).metric(MonotoneMethod.RESIDUAL);
    assertTrue(at200 < at20 / 5 && last < at200 / 20, at20 + " " + at200 + " " + last);
    assertTrue(last < 1e-3 * first, "residual " + first + " -> " + last);
    assertTrue(distance(r.solution(), star) < 1e-3 * distance(start, star));
  }

  @Test
  void everyMethodFindsTheSaddlePoint() {
    RegularizedBilinear p = problem();
    double[] star = p.saddlePoint();
    double[] start = new double[p.dimension()];
    MonotoneInclusion inc = p.inclusion();
    List<MonotoneMethod<?>> methods = List.of(
        new Extragradient(inc, start, Extragradient.Config.defaults(p)),
        new AnchoredExtragradient(inc, start, AnchoredExtragradient.Config.defaults(p)),
        new Halpern(inc, start, Halpern.Config.defaults(p)),
        new VrHalpern(inc, start, VrHalpern.Config.defaults(p, 2)),
        new VrExtragradient(inc, start, VrExtragradient.Config.defaults(p, 2)),
        new InexactVrHalpern(inc, start, InexactVrHalpern.Config.defaults(p, 1.0, 2)));
    for (MonotoneMethod<?> m : methods) {
      String name = m.getClass().getSimpleName();
      // EG and VR-EG converge linearly on a strongly monotone F; the anchored methods at their O(1/k) rate
      // (inexact VR-Halpern with n = 8 pays ~18 epochs per outer step: residual ≈ 55/k).
      double tol = name.endsWith("Extragradient") && !name.startsWith("Anchored") ? 1e-8
          : name.equals("InexactVrHalpern") ? 5e-2 : 1e-2;
      MonotoneResult r = m.solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, tol).or(StoppingRule.maxDataPasses(50_000)));
      assertEquals(StopReason.CONVERGED, r.stopReason(), name + " residual " + r.residual());
      // 1/min(μ,ν)-strong monotonicity: ‖u − u*‖ ≤ ‖F(u)‖/μ.
      assertTrue(distance(r.solution(), star) <= r.residual() / 1.0 + 1e-12, name);
      assertEquals(r.residual(), r.outcome().last().orElseThrow().metric(MonotoneMethod.RESIDUAL), 0, name);
    }
  }
}
