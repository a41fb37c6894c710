package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.OracleCounter;
import dev.geodesic.iteration.Step;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Variance-reduced Halpern iteration for cocoercive finite sums (Cai, Alacaoglu &amp; Diakonikolas 2024,
 * Algorithm 1): u_{k+1} = J_{ηG}(λ_k·u₀ + (1 − λ_k)·u_k − η·g_k) with λ_k = 2/(k+4) and g_k the
 * {@link PageEstimator} of F(u_k), refreshed with probability p_k = 1 for k ≤ 1, 4/(k+4) while
 * k − 1 ≤ √n, then 4/(√n+5), the mini-batch b = ⌊√n⌋ drawn without replacement.
 *
 * <p>One iteration of the loop is a round of Halpern steps worth about {@link Config#roundEpochs()}
 * epochs; the refresh coin and the batch of Halpern step k come from the stream ("vr-halpern", k).
 */
public final class VrHalpern extends ResolventMethod<VrHalpern.State> {
  /**
   * @param eta the step η
   * @param batchSize b, or 0 for ⌊√n⌋
   * @param roundEpochs epochs of Halpern steps per loop iteration (the residual is checked once a round)
   * @param seed the seed of the sampling streams
   */
  public record Config(double eta, int batchSize, double roundEpochs, long seed) {
    public Config {
      if (!(eta > 0) || Double.isInfinite(eta) || batchSize < 0 || !(roundEpochs > 0)) {
        throw new IllegalArgumentException("VR-Halpern needs a finite eta > 0, batchSize >= 0, roundEpochs > 0");
      }
    }

    /** The reference code's parameters on a matrix game: η = 5/‖A‖_F, b = ⌊√n⌋, a round per epoch. */
    public static Config reference(MatrixGame game, long seed) {
      return new Config(5 / game.frobeniusNorm(), 0, 1.0, seed);
    }

    /** η = 1/(2·L_Q) from the operator's mean-square Lipschitz constant. */
    public static Config defaults(FiniteSumOperator f, long seed) {
      return new Config(0.5 / f.meanSquareLipschitz(), 0, 1.0, seed);
    }
  }

  /** The Halpern step count k, the iterate u_k, the previous u_{k−1} and the estimate g_{k−1}. */
  public record State(int k, double[] u, double[] previous, double[] estimate) implements Serializable {}

  private final Config config;
  private final double[] anchor;
  private final PageEstimator page;
  private final SeedSequence seeds;
  private final int n;
  private double[] previous;
  private int k;

  public VrHalpern(MonotoneInclusion problem, double[] start, Config config) {
    super(problem, start, 1.0);
    this.config = config;
    this.n = problem.components();
    this.anchor = u.clone();
    this.previous = anchor.clone();
    int b = config.batchSize() == 0 ? (int) Math.floor(Math.sqrt(n)) : config.batchSize();
    this.page = new PageEstimator(problem.operator(), Math.max(1, Math.min(b, n)));
    this.seeds = SeedSequence.of(config.seed());
  }

  /** p_k as in the reference code: 1 for k ≤ 1, 4/(k+4) while k − 1 ≤ √n, then 4/(√n+5). */
  static double refreshProbability(int k, int n) {
    if (k <= 1) {
      return 1.0;
    }
    double rootN = Math.sqrt(n);
    return k - 1 <= rootN ? 4.0 / (k + 4) : 4.0 / (rootN + 5);
  }

  @Override
  public Step step(IterationContext ctx) {
    OracleCounter oracle = ctx.oracle();
    long target = Math.max(1, (long) Math.ceil(config.roundEpochs() * n));
    long used = 0;
    double eta = config.eta();
    double[] next = new double[u.length];
    do {
      SplittableRandom random = seeds.stream("vr-halpern", k);
      double p = refreshProbability(k, n);
      if (p >= 1 || random.nextDouble() < p) {
        double[] at = u;
        Remote.run(ctx, "full evaluation", () -> page.refresh(at, oracle));
        used += n;
      } else {
        double[] at = u;
        double[] before = previous;
        Remote.run(ctx, "mini-batch", () -> page.correct(at, before, random, oracle));
        used += 2L * page.batchSize();
      }
      double lambda = 2.0 / (k + 4);
      double[] g = page.estimate();
      ForwardBackwardStep.convex(lambda, anchor, u, next);
      ForwardBackwardStep.apply(problem.resolvent(), next, eta, g, next);
      double[] t = previous;
      previous = u;
      u = next;
      next = t;
      k++;
    } while (used < target);
    return Remote.report(ctx, problem, u, "halpern_steps", k);
  }

  @Override
  public State state() {
    return new State(k, u.clone(), previous.clone(), page.state());
  }

  @Override
  public void restore(State s) {
    k = s.k();
    u = s.u().clone();
    previous = s.previous().clone();
    page.restore(s.estimate());
  }
}
