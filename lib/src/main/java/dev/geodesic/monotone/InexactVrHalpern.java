package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.OracleCounter;
import dev.geodesic.iteration.Step;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;

/**
 * Inexact variance-reduced Halpern iteration for monotone Lipschitz finite sums (Cai, Alacaoglu &amp;
 * Diakonikolas 2024, Algorithm 2): u_{k+1} = λ_k·u₀ + (1 − λ_k)·ṽ_k with λ_k = 1/(k+2) and
 * ṽ_k ≈ J_{c(F+G)}(u_k), the zero of the 1-strongly monotone inclusion 0 ∈ Φ(v) + cG(v),
 * Φ(v) = c·F(v) + v − u_k, computed by VR-FoRB (Alacaoglu &amp; Malitsky 2022): with p the snapshot
 * probability and α = 1 − p, v̄ = αv + (1−α)w, v ← J_{γcG}(v̄ − γ[Φ(w) + Φ_i(v) − Φ_i(w_prev)]),
 * w_prev ← w, and with probability p, w ← v (the new point, not u_k) and Φ(w) is recomputed.
 *
 * <p>The inner solver stops by a computable test, not a step count: at every snapshot w, with
 * w⁺ = J_{cG}(w − Φ(w)), the element (w − w⁺) + Φ(w⁺) − Φ(w) of (Φ + cG)(w⁺) has norm at most
 * (1 + L_Φ)·‖w − w⁺‖, L_Φ = 1 + c·L, so 1-strong monotonicity bounds ‖w⁺ − J_{c(F+G)}(u_k)‖ by
 * (1 + L_Φ)·‖w − w⁺‖. The solver returns ṽ_k = w⁺ once that bound is at most
 * σ·‖u_k − w⁺‖/(k+2), an error relative to the fixed-point residual that shrinks like the Halpern
 * step. Each solve continues from the previous one's v, w and w_prev: the test holds for any w, and
 * F(w) carries over (Φ_k(w) = c·F(w) + w − u_k), so the test at the start of a solve costs nothing.
 * Step t of outer iteration k draws its component and coin from the stream ("vr-forb", k, t); the
 * steps up to the next snapshot are {@linkplain FiniteSumOperator#fetch fetched} together (their
 * draws and the test, which changes only at snapshots, do not depend on the iterates between).
 *
 * <p>For comparison with the public code only, {@link Config#schedule} &gt; 0 replaces the test by its
 * fixed count M_k = ⌊schedule·n·ln(k+2)⌋ of inner steps, each solve started afresh at v = w = w_prev = u_k
 * (which costs a full evaluation Φ(u_k), counted here; the public code does not count it) and returning
 * v. Those start evaluations are reported apart ({@code start_epochs}, cumulative) so that the public
 * code's count — epochs minus start_epochs — can be printed beside the full one.
 */
public final class InexactVrHalpern extends ResolventMethod<InexactVrHalpern.State> {
  /**
   * @param c the resolvent scale c of J_{c(F+G)}
   * @param gamma the VR-FoRB step γ
   * @param probability the snapshot probability p, or 0 for 1/n
   * @param accuracy σ &gt; 0 of the inner stopping test
   * @param maxInnerEpochs a safety cap on one resolvent's epochs (the test normally ends it first)
   * @param seed the sampling seed
   * @param schedule 0 for the computable inner test; &gt; 0 for the public code's fixed ⌊schedule·n·ln(k+2)⌋
   *     inner steps per solve (a comparison, not the method of the spec)
   */
  public record Config(double c, double gamma, double probability, double accuracy, double maxInnerEpochs, long seed,
      double schedule) {
    public Config {
      if (!(c > 0) || Double.isInfinite(c) || !(gamma > 0) || Double.isInfinite(gamma)
          || !(probability >= 0 && probability < 1) || !(accuracy > 0) || !(maxInnerEpochs > 0)
          || !(schedule >= 0) || Double.isInfinite(schedule)) {
        throw new IllegalArgumentException("inexact VR-Halpern needs finite c, gamma > 0, probability in [0, 1), "
            + "accuracy > 0, maxInnerEpochs > 0, a finite schedule >= 0");
      }
    }

    /** With the computable inner test. */
    public Config(double c, double gamma, double probability, double accuracy, double maxInnerEpochs, long seed) {
      this(c, gamma, probability, accuracy, maxInnerEpochs, seed, 0);
    }

    /** The same with the public code's fixed inner-step schedule ⌊fraction·n·ln(k+2)⌋ (its 0.05) instead of the test. */
    public Config withSchedule(double fraction) {
      return new Config(c, gamma, probability, accuracy, maxInnerEpochs, seed, fraction);
    }

    /** The reference code's c = √n/‖A‖_F, p = 1/n, γ = 5·√(p(1−p))/(√n+1) on a matrix game. */
    public static Config reference(MatrixGame game, double accuracy, long seed) {
      int n = game.components();
      double p = 1.0 / n;
      return new Config(Math.sqrt(n) / game.frobeniusNorm(), 5 * Math.sqrt(p * (1 - p)) / (Math.sqrt(n) + 1), 0,
          accuracy, 1000, seed);
    }

    /** c = √n/L_Q and γ = √(p(1−p))/L_{Φ,Q} with L_{Φ,Q} = 1 + c·L_Q = 1 + √n. */
    public static Config defaults(FiniteSumOperator f, double accuracy, long seed) {
      int n = f.components();
      double p = 1.0 / n;
      return new Config(Math.sqrt(n) / f.meanSquareLipschitz(), Math.sqrt(p * (1 - p)) / (1 + Math.sqrt(n)), 0,
          accuracy, 1000, seed);
    }
  }

  /**
   * The outer count k, the iterate u_k, and VR-FoRB's v, w, w_prev and F(w) (null before the first
   * evaluation), which the next solve continues from.
   */
  public record State(int k, double[] u, double[] v, double[] w, double[] wPrev, double[] fw, long starts)
      implements Serializable {}

  private final Config config;
  private final double[] anchor;
  private final SeedSequence seeds;
  private final double p;
  private final double lipschitzPhi;
  private double[] v;
  private double[] w;
  private double[] wPrev;
  private double[] fw;
  private int k;
  /** Solves started afresh at u_k (schedule mode), each one full evaluation. */
  private long starts;
  /** The last solve's inner steps and error bound, for the step's metrics (recomputed every step). */
  private long lastInnerSteps;
  private double lastBound;

  public InexactVrHalpern(MonotoneInclusion problem, double[] start, Config config) {
    super(withLipschitz(problem), start, 1.0);
    double l = problem.operator().lipschitz();
    this.config = config;
    this.seeds = SeedSequence.of(config.seed());
    this.p = config.probability() == 0 ? 1.0 / problem.components() : config.probability();
    this.lipschitzPhi = 1 + config.c() * l;
    this.anchor = u.clone();
    this.v = anchor.clone();
    this.w = anchor.clone();
    this.wPrev = anchor.clone();
  }

  /** The problem, once its operator's Lipschitz constant (which the inner test needs) is known. */
  private static MonotoneInclusion withLipschitz(MonotoneInclusion problem) {
    double l = problem.operator().lipschitz();
    if (!(l >= 0) || Double.isInfinite(l)) {
      throw new IllegalArgumentException("the inner stopping test needs the operator's Lipschitz constant");
    }
    return problem;
  }

  @Override
  public Step step(IterationContext ctx) {
    OracleCounter oracle = ctx.oracle();
    double[] resolvent = approximateResolvent(ctx, oracle);
    double lambda = 1.0 / (k + 2);
    ForwardBackwardStep.convex(lambda, anchor, resolvent, u);
    k++;
    if (config.schedule() > 0) {
      return Remote.report(ctx, problem, u, "inner_steps", lastInnerSteps, "inner_bound", lastBound, "start_epochs",
          (double) starts);
    }
    return Remote.report(ctx, problem, u, "inner_steps", lastInnerSteps, "inner_bound", lastBound);
  }

  /** ṽ_k ≈ J_{c(F+G)}(u_k) by VR-FoRB, continuing from the last solve's v, w and w_prev. */
  private double[] approximateResolvent(IterationContext ctx, OracleCounter oracle) {
    FiniteSumOperator f = problem.operator();
    Resolvent jg = problem.resolvent();
    int n = problem.components();
    int d = u.length;
    double c = config.c();
    double gamma = config.gamma();
    double alpha = 1 - p;
    double[] phiW = new double[d];
    double[] plus = new double[d];
    double[] bar = new double[d];
    double[] g = new double[d];
    int[] one = new int[1];
    long budget = (long) Math.ceil(config.maxInnerEpochs() * n);
    long used = 0;
    long t = 0;
    long steps = Long.MAX_VALUE;
    if (config.schedule() > 0) {
      steps = (long) Math.floor(config.schedule() * n * Math.log(k + 2));
      v = u.clone();
      w = u.clone();
      wPrev = u.clone();
      fw = null;
      starts++;
    }
    if (fw == null) {
      fw = new double[d];
      Remote.run(ctx, "full evaluation", () -> f.apply(w, fw));
      oracle.componentsOf(n, n);
      used += n;
    }
    double bound = forwardBackward(fw, phiW, plus);
    int limit = f.fetchLimit();
    LooplessDraws plan = new LooplessDraws();
    while (config.schedule() > 0 ? t < steps : bound > config.accuracy() * distance(u, plus) / (k + 2) && used < budget) {
      // The steps up to the next snapshot (included; the test only changes there), the step count or
      // the budget, or the fetch limit: their draws do not depend on the iterates, so their components
      // come in one fetch (none when the limit is 0).
      plan.clear();
      long planUsed = used;
      boolean snapshot;
      do {
        snapshot = plan.draw(seeds.stream("vr-forb", k, t + plan.size()), n, p);
        planUsed += 2;
      } while (!snapshot && plan.size() < limit
          && (config.schedule() > 0 ? t + plan.size() < steps : planUsed < budget));
      final int[] batch = plan.indices();
      final int count = plan.size();
      Components local = count == 1 ? f : ctx.remote("fetch components", () -> f.fetch(batch, count));
      for (int s = 0; s < count; s++) {
        // Φ_i(v) − Φ_i(w_prev) = c·(F_i(v) − F_i(w_prev)) + (v − w_prev): Φ_i carries the identity part.
        System.arraycopy(phiW, 0, g, 0, d);
        one[0] = plan.index(s);
        if (local == f) {
          Remote.run(ctx, "component", () -> f.addDifferences(one, 1, v, wPrev, c, g));
        } else {
          local.addDifferences(one, 1, v, wPrev, c, g);
        }
        oracle.componentsOf(2, n);
        used += 2;
        for (int j = 0; j < d; j++) {
          g[j] += v[j] - wPrev[j];
          bar[j] = alpha * v[j] + (1 - alpha) * w[j] - gamma * g[j];
        }
        jg.apply(bar, gamma * c, bar);
        System.arraycopy(w, 0, wPrev, 0, d);
        System.arraycopy(bar, 0, v, 0, d);
        if (plan.coin(s)) {
          System.arraycopy(v, 0, w, 0, d);
          Remote.run(ctx, "full evaluation", () -> f.apply(w, fw));
          oracle.componentsOf(n, n);
          used += n;
          bound = forwardBackward(fw, phiW, plus);
        }
        t++;
      }
    }
    lastInnerSteps = t;
    lastBound = bound;
    return config.schedule() > 0 ? v.clone() : plus;
  }

  /**
   * phiW ← Φ(w) = c·F(w) + w − u_k and plus ← J_{cG}(w − Φ(w)); returns the bound (1 + L_Φ)·‖w − plus‖
   * on ‖plus − J_{c(F+G)}(u_k)‖.
   */
  private double forwardBackward(double[] fw, double[] phiW, double[] plus) {
    double c = config.c();
    for (int j = 0; j < w.length; j++) {
      phiW[j] = c * fw[j] + w[j] - u[j];
      plus[j] = w[j] - phiW[j];
    }
    problem.resolvent().apply(plus, c, plus);
    return (1 + lipschitzPhi) * distance(w, plus);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double e = a[j] - b[j];
      s += e * e;
    }
    return Math.sqrt(s);
  }

  @Override
  public State state() {
    return new State(k, u.clone(), v.clone(), w.clone(), wPrev.clone(), fw == null ? null : fw.clone(), starts);
  }

  @Override
  public void restore(State s) {
    k = s.k();
    u = s.u().clone();
    v = s.v().clone();
    w = s.w().clone();
    wPrev = s.wPrev().clone();
    fw = s.fw() == null ? null : s.fw().clone();
    starts = s.starts();
  }
}
