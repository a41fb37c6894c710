package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.OracleCounter;
import dev.geodesic.iteration.Step;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Variance-reduced Halpern iteration for cocoercive finite sums (Cai, Alacaoglu &amp; Diakonikolas 2024,
 * Algorithm 1): u_{k+1} = J_{ηG}(λ_k·u₀ + (1 − λ_k)·u_k − η·g_k) with λ_k = 2/(k+4) and g_k the
 * {@link PageEstimator} of F(u_k), refreshed with probability p_k = 1 for k ≤ 1, 4/(k+4) while
 * k − 1 ≤ √n, then 4/(√n+5), the mini-batch b = ⌊√n⌋ drawn without replacement.
 *
 * <p>One iteration of the loop is a round of Halpern steps worth about {@link Config#roundEpochs()}
 * epochs; the refresh coin and the batch of Halpern step k come from the stream ("vr-halpern", k).
 * Neither depends on the iterates, so the mini-batch steps up to the next refresh draw their batches
 * first and {@linkplain FiniteSumOperator#fetch fetch} the components in one call (up to the
 * operator's fetch limit); the steps then run exactly as with the operator itself.
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
    double[] next = new double[u.length];
    FiniteSumOperator f = problem.operator();
    int limit = f.fetchLimit();
    int b = page.batchSize();
    boolean[] marked = new boolean[n];
    List<int[]> batches = new ArrayList<>();
    do {
      SplittableRandom random = seeds.stream("vr-halpern", k);
      double p = refreshProbability(k, n);
      if (p >= 1 || random.nextDouble() < p) {
        double[] at = u;
        Remote.run(ctx, "full evaluation", () -> page.refresh(at, oracle));
        used += n;
        halpernStep(next);
        next = rotate(next);
        continue;
      }
      // Mini-batch steps k, k+1, … up to the next refresh, the round's end or the fetch limit on
      // their distinct components: coins and batches come from the steps' own streams, not from the
      // iterates, so the batches are drawn now and their components fetched in one call.
      batches.clear();
      int distinct = 0;
      long planUsed = used;
      int[] first = page.draw(random);
      batches.add(first);
      distinct += mark(first, marked);
      planUsed += 2L * b;
      while (limit >= b && planUsed < target) {
        SplittableRandom r = seeds.stream("vr-halpern", k + batches.size());
        double q = refreshProbability(k + batches.size(), n);
        if (q >= 1 || r.nextDouble() < q) {
          break;
        }
        int[] s = page.draw(r);
        int fresh = countUnmarked(s, marked);
        if (distinct + fresh > limit) {
          break;
        }
        distinct += mark(s, marked);
        batches.add(s);
        planUsed += 2L * b;
      }
      int[] all = new int[distinct];
      int at = 0;
      for (int i = 0; i < n && at < distinct; i++) {
        if (marked[i]) {
          all[at++] = i;
          marked[i] = false;
        }
      }
      Components local = batches.size() == 1 ? f : ctx.remote("fetch components", () -> f.fetch(all, all.length));
      for (int[] s : batches) {
        double[] here = u;
        double[] before = previous;
        if (local == f) {
          Remote.run(ctx, "mini-batch", () -> page.correct(here, before, s, f, oracle));
        } else {
          page.correct(here, before, s, local, oracle);
        }
        used += 2L * b;
        halpernStep(next);
        next = rotate(next);
      }
    } while (used < target);
    return Remote.report(ctx, problem, u, "halpern_steps", k);
  }

  /** u_{k+1} = J_{ηG}(λ_k·u₀ + (1 − λ_k)·u_k − η·g_k) into {@code next}, λ_k = 2/(k+4). */
  private void halpernStep(double[] next) {
    double lambda = 2.0 / (k + 4);
    ForwardBackwardStep.convex(lambda, anchor, u, next);
    ForwardBackwardStep.apply(problem.resolvent(), next, config.eta(), page.estimate(), next);
  }

  /** previous ← u, u ← next, k ← k + 1; returns the free array for the next step. */
  private double[] rotate(double[] next) {
    double[] t = previous;
    previous = u;
    u = next;
    k++;
    return t;
  }

  /** Marks the unmarked members of s; returns how many it marked. */
  private static int mark(int[] s, boolean[] marked) {
    int fresh = 0;
    for (int i : s) {
      if (!marked[i]) {
        marked[i] = true;
        fresh++;
      }
    }
    return fresh;
  }

  private static int countUnmarked(int[] s, boolean[] marked) {
    int fresh = 0;
    for (int i : s) {
      fresh += marked[i] ? 0 : 1;
    }
    return fresh;
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
