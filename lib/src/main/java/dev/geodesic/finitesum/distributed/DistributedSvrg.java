package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.LinearModelShape;
import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;

/**
 * Communication-efficient distributed SVRG in outer rounds (Lee, Lin, Ma &amp; Yang 2017, "Distributed
 * stochastic variance reduced gradient methods"; SCOPE, Zhao et al. 2017, without the c(u − w) term):
 * per round, one collective for the exact full gradient μ = ∇F(w) at the round's snapshot w, then every
 * shard runs {@code innerPasses} local passes of proximal SVRG on its own rows with μ as the global
 * correction ({@link FiniteSumShard#localPass}), and the new w is the row-weighted average of the local
 * iterates. Two collectives per round (the first round adds one for w₀); what crosses the network is x
 * (and μ) down, one gradient sum and one iterate sum per shard up. Data passes per round:
 * 1 + innerPasses (+ the first visits' snapshot derivatives, counted as evaluations).
 */
public final class DistributedSvrg extends FiniteSumMethod<DistributedSvrg.State> {
  /** The snapshot w, μ = ∇F(w) and F(w). */
  public record State(double[] x, double[] mu, double value) implements Serializable {}

  private final ShardedFiniteSum data;
  private final LocalSolver local;
  private double[] x;
  private double[] mu;
  private double value;

  public DistributedSvrg(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options) {
    this(data, shape, options, LocalSolver.SVRG);
  }

  public DistributedSvrg(ShardedFiniteSum data, LinearModelShape shape, FiniteSumOptions options, LocalSolver local) {
    super(shape, options, svrgStep(data.maxRowSmoothness(), shape.penalty().l2()));
    this.data = data;
    this.local = local;
    this.x = new double[shape.parameters()];
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
        shape.penalty());
    double[] w = x;
    double[] correction = mu;
    IterateAverager avg = ctx.remote("local-passes", () -> data.localPasses(w, correction, plan));
    x = avg.average();
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
