package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import java.io.Serializable;

/**
 * Plain Halpern iteration (Halpern 1967; Diakonikolas 2020 for its O(1/k) residual rate) on the
 * forward-backward map T = J_{ηG}(I − ηF): u_{k+1} = λ_k·u₀ + (1 − λ_k)·T(u_k), λ_k = 1/(k+2). T is
 * nonexpansive when F is (1/L)-cocoercive and η ≤ 2/L, which is when the rate holds (not for a merely
 * monotone F such as a bilinear game). One full evaluation (1 epoch) per iteration.
 */
public final class Halpern extends ResolventMethod<Halpern.State> {
  /** @param eta the step η */
  public record Config(double eta) {
    public Config {
      if (!(eta > 0) || Double.isInfinite(eta)) {
        throw new IllegalArgumentException("Halpern needs a finite eta > 0");
      }
    }

    /** η = 1/L_c for an operator with cocoercivity constant L_c, else 0.5/L. */
    public static Config defaults(FiniteSumOperator f) {
      double c = f.cocoercivity();
      return new Config(Double.isNaN(c) ? 0.5 / f.lipschitz() : 1.0 / c);
    }
  }

  /** The iteration count k and the iterate u_k. */
  public record State(int k, double[] u) implements Serializable {}

  private final double eta;
  private final double[] anchor;
  private int k;

  public Halpern(MonotoneInclusion problem, double[] start, Config config) {
    super(problem, start, config.eta());
    this.eta = config.eta();
    this.anchor = u.clone();
  }

  @Override
  public Step step(IterationContext ctx) {
    int n = problem.components();
    double lambda = 1.0 / (k + 2);
    double[] f = new double[u.length];
    double[] at = u;
    Remote.run(ctx, "full evaluation", () -> problem.operator().apply(at, f));
    ctx.oracle().componentsOf(n, n);
    double[] t = new double[u.length];
    ForwardBackwardStep.apply(problem.resolvent(), u, eta, f, t);
    ForwardBackwardStep.convex(lambda, anchor, t, t);
    u = t;
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
