package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.LinearModelShape;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.SmoothnessSampling;
import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;

/**
 * Communication-efficient distributed SVRG in outer rounds (Lee, Lin, Ma &amp; Yang 2017, "Distributed
 * stochastic variance reduced gradient methods"; SCOPE, Zhao et al. 2017, without the c(u − w) term):
 * per round, one collective for the exact full gradient μ = ∇F(w) at the round's snapshot w, then every
 * shard runs {@code innerPasses} local passes of proximal SVRG on its own rows with μ as the global
 * correction ({@link FiniteSumShard#localPass}), and the new w is the row-weighted average x̄ of the local
 * iterates, optionally over-relaxed: w ← w + γ·(x̄ − w) ({@link #DEFAULT_RELAXATION}). Why: P shards each making
 * n_s = N/P local steps from w, averaged, make the progress of n_s sequential steps, not N — on iid
 * shards the plain average needs P× the rounds of one shard holding everything (measured: 64 rounds
 * on one shard, 126 on two, for Fashion-MNIST at 1e-6). Two collectives per round (the first round adds one for w₀); what crosses the network is x
 * (and μ) down, one gradient sum and one iterate sum per shard up. Data passes per round:
 * 1 + innerPasses (+ the first visits' snapshot derivatives, counted as evaluations).
 */
public final class DistributedSvrg extends FiniteSumMethod<DistributedSvrg.State> {
  /** The snapshot w, μ = ∇F(w) and F(w). */
  public record State(double[] x, double[] mu, double value) implements Serializable {}

  private final ShardedFiniteSum data;
  private final LocalSolver local;
  private final RowSampling sampling;
  private double[] x;
  private double[] mu;
  private double value;
  private double relaxation = DEFAULT_RELAXATION;

  /**
   * The default γ of the combination x = w + γ·(x̄ − w): 1, the plain average. Why γ > 1 can pay: on a
   * quadratic, a shard's pass shrinks the error along a Hessian direction of curvature h by
   * c = (1 − ηh)^{n_s} ∈ [0, 1) and the relaxed average leaves 1 − γ(1 − c): stiff directions (c ≈ 0,
   * the local passes converged there) need γ < 2, soft ones (c ≈ 1 − n_s·ηh, where averaging P shards'
   * n_s steps makes n_s steps of progress, not N) gain γ×. Measured on Fashion-MNIST with 2 shards
   * (FiniteSumRoundsBench): rounds to 1e-6 fall 126 → 70 at γ = 1.8 with the default SVRG step, but at 5×
   * that step γ = 1.8 stalls, and the estimator's small test problems diverged at γ = 1.5 with local SAGA
   * at SAGA's larger step: the noise of the stochastic passes is amplified by γ too. So γ > 1 is an
   * option, not the default.
   */
  public static final double DEFAULT_RELAXATION = 1.0;

  /** The combination's γ in (0, 2): 1 is the plain average. */
  public DistributedSvrg withRelaxation(double gamma) {
    if (!(gamma > 0 && gamma < 2)) {
      throw new IllegalArgumentException("relaxation must be in (0, 2), got " + gamma);
    }
    relaxation = gamma;
    return this;
  }

  public DistributedSvrg(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options) {
    this(data, shape, options, LocalSolver.SVRG);
  }

  public DistributedSvrg(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options, LocalSolver local) {
    this(data, shape, options, local, local.defaultSampling());
  }

  public DistributedSvrg(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options, LocalSolver local,
      RowSampling sampling) {
    super(shape, options, defaultStep(data, shape, local, sampling));
    this.data = data;
    this.local = local;
    this.sampling = sampling;
    this.x = new double[shape.parameters()];
  }

  /**
   * SVRG's 1/(3(L + λ₂)) for every local solver, with L = L_max for uniform draws and L = L̄ (the largest
   * shard mean of L_i) for smoothness-proportional draws, whose variance bound has L̄ where uniform draws
   * have L_max (Xiao &amp; Zhang 2014, Thm 3.1); SAGA's half-uniform mixture has L = max L_i/(n·p_i)
   * ({@link SmoothnessSampling#constant}), at most 2L̄. Local SAGA at the single-machine SAGA step
   * 1/(2L + min(2Nμ, L)) (up to 1.5× larger) was tried and failed the estimator's convergence tests: the
   * shards' SAGA restarts its table at the snapshot every round, which makes it SVRG-like, and SVRG's
   * step is the one its analysis covers.
   */
  public static double defaultStep(ShardedFiniteSum data, LinearModelShape shape, LocalSolver local,
      RowSampling sampling) {
    double l = sampling == RowSampling.SMOOTHNESS
        ? SmoothnessSampling.constant(data.meanRowSmoothness(), data.maxRowSmoothness(), local.smoothnessMixture())
        : data.maxRowSmoothness();
    return svrgStep(l, shape.penalty().l2());
  }

  /** How the shards draw their rows. */
  public RowSampling sampling() {
    return sampling;
  }

  public double relaxation() {
    return relaxation;
  }

  public DistributedSvrg startingAt(double[] x0) {
    x = x0.clone();
    mu = null;
    return this;
  }

  @Override
  public String name() {
    return local.label();
  }

  private void fullGradient(IterationContext ctx) {
    double[] at = x;
    GradientAggregator agg = ctx.remote("full-gradient", () -> data.fullGradient(at));
    mu = agg.gradient();
    value = agg.loss();
    ctx.oracle().componentsOf(data.rows(), data.rows());
    ctx.oracle().messages(2L * data.shards(), 16L * x.length * data.shards());
  }

  @Override
  public Step step(IterationContext ctx) {
    if (mu == null) {
      fullGradient(ctx);
    }
    double passes = options.innerPasses();
    if (local == LocalSolver.LOOPLESS_SVRG) {
      // the round ends at the first coin (probability 1/N per step): L ~ Geometric(1/N), mean N steps
      double u = seeds.stream("lsvrg-round", ctx.iteration()).nextDouble();
      double p = 1.0 / data.rows();
      long steps = p >= 1 ? 1 : Math.max(1L, (long) Math.ceil(Math.log1p(-u) / Math.log1p(-p)));
      passes = (double) steps / data.rows();
    }
    LocalPassPlan plan = new LocalPassPlan(ctx.iteration(), eta, passes, options.seed(), local, data.rows(),
        shape.penalty(), sampling);
    double[] w = x;
    double[] correction = mu;
    IterateAverager avg = ctx.remote("local-passes", () -> data.localPasses(w, correction, plan));
    x = avg.average();
    if (relaxation != 1.0) {
      for (int j = 0; j < x.length; j++) {
        x[j] = w[j] + relaxation * (x[j] - w[j]);
      }
    }
    ctx.oracle().componentsOf(avg.evaluations(), data.rows());
    ctx.oracle().messages(2L * data.shards(), 24L * x.length * data.shards());
    fullGradient(ctx);
    return report(ctx, x, value, mu);
  }

  @Override
  public double[] iterate() {
    return x.clone();
  }

  @Override
  public State state() {
    return new State(x.clone(), mu == null ? null : mu.clone(), value);
  }

  @Override
  public void restore(State s) {
    x = s.x().clone();
    mu = s.mu() == null ? null : s.mu().clone();
    value = s.value();
  }
}
