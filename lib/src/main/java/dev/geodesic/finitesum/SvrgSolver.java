package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Proximal SVRG (Johnson &amp; Zhang 2013; prox form of Xiao &amp; Zhang 2014, Prox-SVRG): per outer round
 * a snapshot w̃ with μ = ∇F(w̃), then m steps w ← prox_{ηh}(w − η·(∇f_i(w) − ∇f_i(w̃) + μ)), i uniform,
 * and the last inner iterate becomes the next snapshot (option "last"). For a linear model
 * ∇f_i(w) − ∇f_i(w̃) = (α_i(w) − α_i(w̃))·a_i, so the snapshot's margin derivatives α_i(w̃) are kept from
 * the full-gradient pass and an inner step costs one row product. m = {@code innerPasses}·N (default
 * 2N), step {@link #svrgStep}. One iteration is one outer round: m/N + 1 data passes, the full gradient
 * at the new snapshot also giving the trace's objective and gradient mapping.
 */
public final class SvrgSolver extends FiniteSumMethod<SvrgSolver.State> {
  private final FiniteSumProblem problem;
  /** The snapshot (= the iterate between rounds), μ = ∇F there, and its margin derivatives (N·K). */
  public record State(double[] x, double[] mu, double[] snapshotDerivatives, double snapshotValue)
      implements Serializable {}

  private final ProximalIterate it;
  private double[] mu;
  private final double[] snap;
  private double snapValue;
  private final VarianceReduction vr;

  public SvrgSolver(FiniteSumProblem problem, FiniteSumOptions options) {
    super(problem.shape(), options, svrgStep(problem));
    this.problem = problem;
    this.it = ProximalIterate.create(problem, eta);
    this.snap = new double[problem.rows() * problem.outputs()];
    this.vr = new VarianceReduction(problem, it);
    it.load(new double[problem.parameters()]);
  }

  public SvrgSolver startingAt(double[] x0) {
    it.load(x0);
    mu = null;
    return this;
  }

  @Override
  public String name() {
    return "svrg";
  }

  /** Full pass at the current iterate: μ, the snapshot derivatives and F. */
  private void snapshot(IterationContext ctx) {
    double[] g = new double[problem.parameters()];
    java.util.Arrays.fill(snap, 0.0);
    snapValue = vr.fullGradient(ctx, it.current(), g, snap);
    mu = g;
    it.setDrift(mu);
  }

  @Override
  public Step step(IterationContext ctx) {
    if (mu == null) {
      snapshot(ctx);
    }
    int n = problem.rows();
    long m = Math.max(1L, Math.round(options.innerPasses() * n));
    SplittableRandom rnd = seeds.stream("svrg-index", ctx.iteration());
    for (long s = 0; s < m; s++) {
      int i = rnd.nextInt(n);
      vr.step(i, snap);
    }
    ctx.oracle().componentsOf(m, n);
    snapshot(ctx);
    return report(ctx, it.current(), snapValue, mu);
  }

  @Override
  public double[] iterate() {
    return it.current().clone();
  }

  @Override
  public State state() {
    return new State(it.current().clone(), mu == null ? null : mu.clone(), snap.clone(), snapValue);
  }

  @Override
  public void restore(State s) {
    it.load(s.x());
    System.arraycopy(s.snapshotDerivatives(), 0, snap, 0, snap.length);
    snapValue = s.snapshotValue();
    mu = s.mu() == null ? null : s.mu().clone();
    if (mu != null) {
      it.setDrift(mu);
    }
  }
}
