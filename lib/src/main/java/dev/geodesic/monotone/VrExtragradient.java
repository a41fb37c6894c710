package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.OracleCounter;
import dev.geodesic.iteration.Step;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;

/**
 * Loopless variance-reduced extragradient (Alacaoglu &amp; Malitsky 2022, Algorithm 1): with a snapshot
 * w and F(w), each step draws i uniformly and sets ū = αu + (1−α)w, u_½ = J_{γG}(ū − γF(w)),
 * u ← J_{γG}(ū − γ[F(w) + F_i(u_½) − F_i(w)]) (2 component evaluations); then with probability p,
 * w ← u and F(w) is recomputed (n evaluations). α = 1 − p.
 *
 * <p>A loop iteration is a round of about {@link Config#roundEpochs()} epochs; step t draws its
 * component and coin from the stream ("vr-eg", t). The steps between two snapshots need only their
 * own components and F(w), so their components are {@linkplain FiniteSumOperator#fetch fetched} in
 * one call (up to the operator's fetch limit) and the steps run where the method runs.
 */
public final class VrExtragradient extends ResolventMethod<VrExtragradient.State> {
  /**
   * @param gamma the step γ
   * @param probability the snapshot probability p, or 0 for 1/n
   * @param roundEpochs epochs per loop iteration
   * @param seed the sampling seed
   */
  public record Config(double gamma, double probability, double roundEpochs, long seed) {
    public Config {
      if (!(gamma > 0) || Double.isInfinite(gamma) || !(probability >= 0 && probability <= 1) || !(roundEpochs > 0)) {
        throw new IllegalArgumentException("VR-EG needs a finite gamma > 0, probability in [0, 1], roundEpochs > 0");
      }
    }

    /** The reference code's parameters: p = 1/n, γ = 3√p/‖A‖_F. */
    public static Config reference(MatrixGame game, long seed) {
      return new Config(3 * Math.sqrt(1.0 / game.components()) / game.frobeniusNorm(), 0, 1.0, seed);
    }

    /** p = 1/n, γ = 0.99·√p/L_Q (Alacaoglu &amp; Malitsky 2022, Theorem 2.5 with α = 1 − p). */
    public static Config defaults(FiniteSumOperator f, long seed) {
      return new Config(0.99 * Math.sqrt(1.0 / f.components()) / f.meanSquareLipschitz(), 0, 1.0, seed);
    }
  }

  /** The step count t, the iterate u, the snapshot w and F(w). */
  public record State(long t, double[] u, double[] snapshot, double[] snapshotValue) implements Serializable {}

  private final Config config;
  private final SeedSequence seeds;
  private final double p;
  private double[] w;
  private double[] fw;
  private long t;

  public VrExtragradient(MonotoneInclusion problem, double[] start, Config config) {
    super(problem, start, config.gamma());
    this.config = config;
    this.seeds = SeedSequence.of(config.seed());
    this.p = config.probability() == 0 ? 1.0 / problem.components() : config.probability();
    this.w = u.clone();
  }

  @Override
  public Step step(IterationContext ctx) {
    OracleCounter oracle = ctx.oracle();
    int n = problem.components();
    FiniteSumOperator f = problem.operator();
    Resolvent j = problem.resolvent();
    double gamma = config.gamma();
    double alpha = 1 - p;
    long used = 0;
    if (fw == null) {
      fw = new double[u.length];
      Remote.run(ctx, "full evaluation", () -> f.apply(w, fw));
      oracle.componentsOf(n, n);
      used += n;
    }
    long target = Math.max(1, (long) Math.ceil(config.roundEpochs() * n));
    int d = u.length;
    double[] bar = new double[d];
    double[] half = new double[d];
    double[] g = new double[d];
    int[] one = new int[1];
    int limit = f.fetchLimit();
    LooplessDraws plan = new LooplessDraws();
    while (used < target) {
      // The steps up to the next snapshot (included), the round's end or the fetch limit: their draws
      // do not depend on the iterates, so their components come in one fetch (none when limit is 0).
      plan.clear();
      long planUsed = used;
      boolean snapshot;
      do {
        snapshot = plan.draw(seeds.stream("vr-eg", t + plan.size()), n, p);
        planUsed += snapshot ? 2 + n : 2;
      } while (!snapshot && planUsed < target && plan.size() < limit);
      final int[] batch = plan.indices();
      final int count = plan.size();
      Components local = count == 1 ? f : ctx.remote("fetch components", () -> f.fetch(batch, count));
      for (int s = 0; s < count; s++) {
        ForwardBackwardStep.convex(alpha, u, w, bar);
        ForwardBackwardStep.apply(j, bar, gamma, fw, half);
        System.arraycopy(fw, 0, g, 0, d);
        one[0] = plan.index(s);
        if (local == f) {
          Remote.run(ctx, "component", () -> f.addDifferences(one, 1, half, w, 1.0, g));
        } else {
          local.addDifferences(one, 1, half, w, 1.0, g);
        }
        oracle.componentsOf(2, n);
        used += 2;
        ForwardBackwardStep.apply(j, bar, gamma, g, u);
        if (plan.coin(s)) {
          System.arraycopy(u, 0, w, 0, d);
          Remote.run(ctx, "full evaluation", () -> f.apply(w, fw));
          oracle.componentsOf(n, n);
          used += n;
        }
        t++;
      }
    }
    return Remote.report(ctx, problem, u);
  }

  @Override
  public State state() {
    return new State(t, u.clone(), w.clone(), fw == null ? null : fw.clone());
  }

  @Override
  public void restore(State s) {
    t = s.t();
    u = s.u().clone();
    w = s.snapshot().clone();
    fw = s.snapshotValue() == null ? null : s.snapshotValue().clone();
  }
}
