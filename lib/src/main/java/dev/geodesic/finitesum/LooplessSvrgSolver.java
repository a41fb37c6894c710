package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Loopless proximal SVRG (Kovalev, Horváth &amp; Richtárik 2020, Algorithm 1 "L-SVRG"):
 * g = ∇f_i(x^k) − ∇f_i(w^k) + ∇F(w^k), x^{k+1} = prox_{ηh}(x^k − η·g), and w^{k+1} = x^k with
 * probability p = 1/N (else w^k): the outer loop replaced by a coin, so a full pass happens once per N
 * steps on average. One iteration is N steps (one epoch of stochastic steps plus the refreshes' passes,
 * both counted); the end-of-epoch trace needs one more full pass, not counted in {@code epochs}. Step:
 * {@link #svrgStep}.
 */
public final class LooplessSvrgSolver extends FiniteSumMethod<LooplessSvrgSolver.State> {
  private final FiniteSumProblem problem;
  /** The iterate, μ = ∇F(w), the snapshot's margin derivatives (N·K). */
  public record State(double[] x, double[] mu, double[] snapshotDerivatives) implements Serializable {}

  private final ProximalIterate it;
  private double[] mu;
  private final double[] snap;
  private final double[] nextSnap;
  private final VarianceReduction vr;

  public LooplessSvrgSolver(FiniteSumProblem problem, FiniteSumOptions options) {
    super(problem.shape(), options, svrgStep(problem));
    this.problem = problem;
    this.it = ProximalIterate.create(problem, eta);
    this.snap = new double[problem.rows() * problem.outputs()];
    this.nextSnap = new double[snap.length];
    this.vr = new VarianceReduction(problem, it);
    it.load(new double[problem.parameters()]);
  }

  public LooplessSvrgSolver startingAt(double[] x0) {
    it.load(x0);
    mu = null;
    return this;
  }

  @Override
  public String name() {
    return "lsvrg";
  }

  /** ∇F at x into a new array, the margin derivatives into {@code derivs}. */
  private double[] fullGradient(IterationContext ctx, double[] x, double[] derivs) {
    double[] g = new double[problem.parameters()];
    vr.fullGradient(ctx, x, g, derivs);
    return g;
  }

  @Override
  public Step step(IterationContext ctx) {
    int n = problem.rows();
    if (mu == null) {
      mu = fullGradient(ctx, it.current(), snap);
      it.setDrift(mu);
    }
    double p = 1.0 / n;
    SplittableRandom rnd = seeds.stream("lsvrg", ctx.iteration());
    for (int s = 0; s < n; s++) {
      int i = rnd.nextInt(n);
      boolean refresh = rnd.nextDouble() < p;
      double[] nextMu = refresh ? fullGradient(ctx, it.current(), nextSnap) : null; // at x^k, before the step
      vr.step(i, snap);
      if (refresh) {
        mu = nextMu;
        System.arraycopy(nextSnap, 0, snap, 0, snap.length);
        it.setDrift(mu);
      }
    }
    ctx.oracle().componentsOf(n, n);
    double[] x = it.current();
    double[] g = new double[problem.parameters()];
    double f = problem.smoothValue(x, g);
    return report(ctx, x, f, g);
  }

  @Override
  public double[] iterate() {
    return it.current().clone();
  }

  @Override
  public State state() {
    return new State(it.current().clone(), mu == null ? null : mu.clone(), snap.clone());
  }

  @Override
  public void restore(State s) {
    it.load(s.x());
    System.arraycopy(s.snapshotDerivatives(), 0, snap, 0, snap.length);
    mu = s.mu() == null ? null : s.mu().clone();
    if (mu != null) {
      it.setDrift(mu);
    }
  }
}
