package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Proximal SAGA (Defazio, Bach &amp; Lacoste-Julien 2014, Algorithm 1 with the prox step of §3): a table
 * of the last gradient of every f_j — for a linear model the K margin derivatives α_j, since
 * ∇f_j = α_j ⊗ a_j — and per step, j uniform,
 * w ← prox_{ηh}(w − η·((α_j(w) − α_j^old)·a_j + (1/N)Σ_i α_i·a_i)), then α_j^old ← α_j(w).
 * The table starts at zero as scikit-learn's does (no initial pass). One iteration is N steps (one
 * epoch); sparse rows take lazy updates ({@link ProximalIterate.Lazy}). Default step: {@link #sagaStep}.
 *
 * <p>The end-of-epoch objective and gradient mapping need one full pass that SAGA itself does not use;
 * it is not counted in {@code epochs} (so epochs compare with scikit-learn's), but it is in the time.
 */
public final class SagaSolver extends FiniteSumMethod<SagaSolver.State> {
  private final FiniteSumProblem problem;
  /** The iterate, the table of margin derivatives (N·K) and its mean gradient (the drift). */
  public record State(double[] x, double[] table, double[] drift) implements Serializable {}

  private final ProximalIterate it;
  private final double[] table;
  private final double[] g;
  private final double[] z;
  private final double[] delta;

  public SagaSolver(FiniteSumProblem problem, FiniteSumOptions options) {
    super(problem.shape(), options, sagaStep(problem));
    this.problem = problem;
    this.it = ProximalIterate.create(problem, eta);
    this.table = new double[problem.rows() * problem.outputs()];
    this.g = new double[problem.parameters()];
    this.z = new double[problem.outputs()];
    this.delta = new double[problem.outputs()];
    it.load(new double[problem.parameters()]);
  }

  /** Starts from {@code x0} instead of zero. */
  public SagaSolver startingAt(double[] x0) {
    it.load(x0);
    return this;
  }

  @Override
  public String name() {
    return "saga";
  }

  @Override
  public Step step(IterationContext ctx) {
    int n = problem.rows();
    int k = problem.outputs();
    double[] y = problem.labels();
    double invN = 1.0 / n;
    var loss = problem.loss();
    SplittableRandom rnd = seeds.stream("saga-index", ctx.iteration());
    for (int s = 0; s < n; s++) {
      int i = rnd.nextInt(n);
      it.margins(i, z);
      loss.derivative(z, 0, y[i], g, 0);
      int o = i * k;
      for (int c = 0; c < k; c++) {
        delta[c] = g[c] - table[o + c];
        table[o + c] = g[c];
      }
      it.stepAndAddToDrift(i, delta, invN);
    }
    ctx.oracle().componentsOf(n, n);
    double[] x = it.current();
    double f = problem.smoothValue(x, g);
    return report(ctx, x, f, g);
  }

  @Override
  public double[] iterate() {
    return it.current().clone();
  }

  @Override
  public State state() {
    return new State(it.current().clone(), table.clone(), it.drift.clone());
  }

  @Override
  public void restore(State s) {
    it.load(s.x());
    System.arraycopy(s.table(), 0, table, 0, table.length);
    it.setDrift(s.drift());
  }
}
