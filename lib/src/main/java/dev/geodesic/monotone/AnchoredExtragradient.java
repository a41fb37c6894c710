package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;

/**
 * Extra anchored gradient, EAG (Yoon &amp; Ryu 2021), with a resolvent as in the reference code:
 * ū_k = u_k + λ_k(u₀ − u_k), u_{k+½} = J_{ηG}(ū_k − η·F(u_k)), u_{k+1} = J_{ηG}(ū_k − η·F(u_{k+½})),
 * λ_k = 1/(k+2). The anchor gives the O(1/k) last-iterate rate of the residual; 2 epochs per iteration.
 */
public final class AnchoredExtragradient extends ResolventMethod<AnchoredExtragradient.State> {
  /** @param eta the step η */
  public record Config(double eta) {
    public Config {
      if (!(eta > 0) || Double.isInfinite(eta)) {
        throw new IllegalArgumentException("anchored extragradient needs a finite eta > 0");
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

  /** The iteration count k and the iterate u_k. */
  public record State(int k, double[] u) implements Serializable {}

  private final double eta;
  private final double[] anchor;
  private int k;

  public AnchoredExtragradient(MonotoneInclusion problem, double[] start, Config config) {
    super(problem, start, config.eta());
    this.eta = config.eta();
    this.anchor = u.clone();
  }

  @Override
  public Step step(IterationContext ctx) {
    int n = problem.components();
    double lambda = 1.0 / (k + 2);
    double[] bar = new double[u.length];
    double[] f = new double[u.length];
    double[] half = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      bar[j] = u[j] + lambda * (anchor[j] - u[j]);
    }
    Remote.run(ctx, "full evaluation", () -> problem.operator().apply(u, f));
    ForwardBackwardStep.apply(problem.resolvent(), bar, eta, f, half);
    Remote.run(ctx, "full evaluation", () -> problem.operator().apply(half, f));
    ctx.oracle().componentsOf(2L * n, n);
    ForwardBackwardStep.apply(problem.resolvent(), bar, eta, f, half);
    u = half;
    k++;
    return Remote.report(ctx, problem, u);
  }

  @Override
  public State state() {
    return new State(k, u.clone());
  }

  @Override
  public void restore(State s) {
    k = s.k();
    u = s.u().clone();
  }
}
