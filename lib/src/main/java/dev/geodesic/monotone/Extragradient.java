package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;

/**
 * Korpelevich's extragradient method (1976) with a resolvent: u_{k+½} = J_{ηG}(u_k − η·F(u_k)),
 * u_{k+1} = J_{ηG}(u_k − η·F(u_{k+½})). Two full evaluations (2 epochs) per iteration; converges for
 * monotone L-Lipschitz F with η &lt; 1/L.
 */
public final class Extragradient extends ResolventMethod<double[]> {
  /** @param eta the step η (the reference uses 5/‖A‖₂ on the policeman-and-burglar game) */
  public record Config(double eta) {
    public Config {
      if (!(eta > 0) || Double.isInfinite(eta)) {
        throw new IllegalArgumentException("extragradient needs a finite eta > 0");
      }
    }

    /** The reference code's η = 5/‖A‖₂ on a matrix game. */
    public static Config reference(MatrixGame game) {
      return new Config(5 / game.spectralNorm());
    }

    /** η = 0.9/L. */
    public static Config defaults(FiniteSumOperator f) {
      return new Config(0.9 / f.lipschitz());
    }
  }

  private final double eta;

  public Extragradient(MonotoneInclusion problem, double[] start, Config config) {
    super(problem, start, config.eta());
    this.eta = config.eta();
  }

  @Override
  public Step step(IterationContext ctx) {
    int n = problem.components();
    double[] f = new double[u.length];
    double[] half = new double[u.length];
    Remote.run(ctx, "full evaluation", () -> problem.operator().apply(u, f));
    ForwardBackwardStep.apply(problem.resolvent(), u, eta, f, half);
    Remote.run(ctx, "full evaluation", () -> problem.operator().apply(half, f));
    ctx.oracle().componentsOf(2L * n, n);
    ForwardBackwardStep.apply(problem.resolvent(), u, eta, f, half);
    u = half;
    return Remote.report(ctx, problem, u);
  }

  @Override
  public double[] state() {
    return u.clone();
  }

  @Override
  public void restore(double[] s) {
    u = s.clone();
  }
}
