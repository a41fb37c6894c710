package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationContext;

/**
 * What SVRG and loopless SVRG share for a linear model: the full pass at a snapshot w̃ (∇F(w̃) and the
 * margin derivatives α_i(w̃)), and the inner step w ← prox_{ηh}(w − η·((α_i(w) − α_i(w̃))·a_i + μ)),
 * μ = ∇F(w̃) being the iterate's drift.
 */
final class VarianceReduction {
  private final FiniteSumProblem problem;
  private final ProximalIterate it;
  private final double[] z;
  private final double[] a;
  private final double[] delta;

  VarianceReduction(FiniteSumProblem problem, ProximalIterate it) {
    this.problem = problem;
    this.it = it;
    this.z = new double[problem.outputs()];
    this.a = new double[problem.outputs()];
    this.delta = new double[problem.outputs()];
  }

  /**
   * One full pass at x, counted as N component evaluations: g ← ∇F(x) (g starts at zero), the margin
   * derivatives into {@code derivs}; returns F(x).
   */
  double fullGradient(IterationContext ctx, double[] x, double[] g, double[] derivs) {
    double value = problem.lossSum(x, g, derivs) / problem.rows();
    for (int j = 0; j < g.length; j++) {
      g[j] /= problem.rows();
    }
    ctx.oracle().componentsOf(problem.rows(), problem.rows());
    return value;
  }

  /** The inner step at row i against the snapshot's margin derivatives {@code snap} (N·K). */
  void step(int i, double[] snap) {
    int k = problem.outputs();
    it.margins(i, z);
    problem.loss().derivative(z, 0, problem.labels()[i], a, 0);
    for (int c = 0; c < k; c++) {
      delta[c] = a[c] - snap[i * k + c];
    }
    it.step(i, delta);
  }
}
