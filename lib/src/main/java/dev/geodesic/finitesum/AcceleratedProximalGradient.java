package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;

/**
 * FISTA (Beck &amp; Teboulle 2009) with backtracking on L and gradient-based adaptive restart
 * (O'Donoghue &amp; Candès 2015): the full-gradient reference the tests take f* from. Per iteration, at
 * the extrapolated point y: z = prox_{h/L}(y − ∇F(y)/L), doubling L until
 * F(z) ≤ F(y) + ∇F(y)ᵀ(z − y) + (L/2)‖z − y‖² (Beck &amp; Teboulle's eq. 3.5); then momentum
 * t' = (1 + √(1 + 4t²))/2, y = z + ((t − 1)/t')(z − x), reset to t = 1, y = z when
 * (y − z)ᵀ(z − x) > 0. L starts at L_max/64 (L_max bounds the global constant) and never decreases.
 * Every evaluation of F (with ∇F) is one data pass; the trace's gradient mapping is taken at 1/L.
 */
public final class AcceleratedProximalGradient extends FiniteSumMethod<AcceleratedProximalGradient.State> {
  private final FiniteSumProblem problem;
  /** x, the extrapolated y, the momentum t and the Lipschitz estimate L. */
  public record State(double[] x, double[] y, double t, double lipschitz) implements Serializable {}

  private double[] x;
  private double[] y;
  private double t = 1.0;
  private double lip;

  public AcceleratedProximalGradient(FiniteSumProblem problem, FiniteSumOptions options) {
    super(problem.shape(), options, 1.0 / problem.maxRowSmoothness());
    this.problem = problem;
    this.x = new double[problem.parameters()];
    this.y = x.clone();
    this.lip = Double.isNaN(options.step()) ? problem.maxRowSmoothness() / 64 : 1.0 / options.step();
  }

  public AcceleratedProximalGradient startingAt(double[] x0) {
    x = x0.clone();
    y = x0.clone();
    t = 1.0;
    return this;
  }

  @Override
  public String name() {
    return "apg";
  }

  @Override
  public Step step(IterationContext ctx) {
    int p = problem.parameters();
    int n = problem.rows();
    double[] gy = new double[p];
    double fy = problem.smoothValue(y, gy);
    ctx.oracle().componentsOf(n, n);
    double[] z = new double[p];
    double[] gz = new double[p];
    double fz;
    while (true) {
      problem.proxGradientStep(y, gy, 1.0 / lip, z);
      fz = problem.smoothValue(z, gz);
      ctx.oracle().componentsOf(n, n);
      double lin = 0.0;
      double sq = 0.0;
      for (int j = 0; j < p; j++) {
        double dz = z[j] - y[j];
        lin += gy[j] * dz;
        sq += dz * dz;
      }
      // relative slack: near the optimum both sides agree to rounding and must not force L up
      if (fz <= fy + lin + 0.5 * lip * sq + 1e-15 * Math.abs(fy) || !Double.isFinite(fy) || sq == 0.0) {
        break;
      }
      lip *= 2;
    }
    double restart = 0.0;
    for (int j = 0; j < p; j++) {
      restart += (y[j] - z[j]) * (z[j] - x[j]);
    }
    if (restart > 0) {
      t = 1.0;
      x = z;
      y = z.clone();
    } else {
      double tn = 0.5 * (1 + Math.sqrt(1 + 4 * t * t));
      double beta = (t - 1) / tn;
      double[] yn = new double[p];
      for (int j = 0; j < p; j++) {
        yn[j] = z[j] + beta * (z[j] - x[j]);
      }
      x = z;
      y = yn;
      t = tn;
    }
    return report(ctx, x, fz, gz, 1.0 / lip);
  }

  /** 1/L, the step of the last iteration. */
  @Override
  public double step() {
    return 1.0 / lip;
  }

  /** The current Lipschitz estimate L. */
  public double lipschitz() {
    return lip;
  }

  @Override
  public double[] iterate() {
    return x.clone();
  }

  @Override
  public State state() {
    return new State(x.clone(), y.clone(), t, lip);
  }

  @Override
  public void restore(State s) {
    x = s.x().clone();
    y = s.y().clone();
    t = s.t();
    lip = s.lipschitz();
  }
}
