package dev.geodesic.ot;

import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.random.SeedSequence;
import java.util.List;
import java.util.SplittableRandom;

/**
 * FedWaD, the federated Wasserstein distance (Rakotomamonjy, Nadjahi &amp; Ralaivola, ICLR 2024): the
 * server's loop of {@code specs/fedwad.md}. Each round k the server sends ξ⁽ᵏ⁾ to clients A and B, which
 * return d_A = W_p(ξ, μ), d_B = W_p(ξ, ν) and interpolants ξ_A = Interp(ξ → μ, t_A), ξ_B = Interp(ξ → ν, t_B);
 * the server records U⁽ᵏ⁾ = d_A + d_B ≥ W_p(μ, ν) and L⁽ᵏ⁾ = |d_A − d_B| ≤ W_p(μ, ν) (triangle
 * inequalities) and moves to ξ⁽ᵏ⁺¹⁾: by default one of the two interpolants ({@link ServerStep#SELECT}, which
 * escapes the couplings the paper's step locks onto), or the paper's ξ⁽ᵏ⁺¹⁾ = Interp(ξ_B → ξ_A, t_S), an OT
 * solve on interpolants only ({@link ServerStep#INTERPOLATE}).
 * The estimate is min_k U⁽ᵏ⁾ inside the certified bracket [max_k L⁽ᵏ⁾, min_k U⁽ᵏ⁾]; the loop stops when
 * (U − L)/U ≤ tolerance or after {@link Config#maxRounds()} rounds.
 *
 * <p>Randomness (ξ⁽⁰⁾ ~ N(0, s²I) on S uniform atoms; t ~ U(0,1) per party per call) comes from
 * {@link SeedSequence} streams {@code ("fedwad-xi0")} and {@code ("fedwad-t", party, round)}, party 0 = A,
 * 1 = B, 2 = server, so a seeded run is reproducible whatever computes the clients.
 *
 * <p>Support: with {@link Interpolation#EXACT} every interpolant has up to |ξ| + n − 1 atoms, so the
 * support of ξ can grow from round to round. With uniform weights, n = m and S = n all plans are
 * permutations and ξ keeps n atoms; otherwise plans split mass and the support grows without bound (7-d
 * clients of 1500 and 1100 points: 1100 → 2630 → 3155 → 3977 atoms over 4 rounds), and with it the cost of
 * each round. So the server re-quantizes ({@link Requantization}) both interpolants before its solve and the
 * new ξ after it to at most {@link Config#maxSupport()} atoms: the bounds stay certified because the clients
 * compute them on the ξ they receive; only the monotonicity of U is lost, and the estimate is min_k U⁽ᵏ⁾.
 * {@link Interpolation#SUPPORT_LIMITED} keeps S atoms at the price of an approximate geodesic.
 *
 * <p>Per round the listener receives: {@code upper} = U⁽ᵏ⁾ and {@code lower} = L⁽ᵏ⁾ of that round,
 * {@code estimate} = min U so far, {@code bracket_width} = (min U − max L)/min U, {@code support} = atoms of
 * ξ⁽ᵏ⁾, the {@code t_a}, {@code t_b}, {@code t_server} drawn for the round ({@code t_server} is drawn but
 * unused in the last round, which needs no server solve), and {@code lower_bound}, the
 * {@link SummaryLowerBounds.Kind#code() code} of the bound that gives max L so far (0 = |d_A − d_B|,
 * 1 = Gelbrich, 2 = 1-D projection), and {@code lower_triangle} = |d_A − d_B| of the round (the bound
 * without summaries).
 *
 * <p>Lower bound: before the first round the server may ask both clients for summaries (moments, then
 * quantiles of projections, {@link SummaryLowerBounds}); L⁽ᵏ⁾ is then the larger of |d_A − d_B| and the best
 * summary bound.
 */
public final class FederatedWasserstein {
  /** How each party picks its interpolation time. */
  public enum TimeMode {
    /** t ~ U(0, 1), independently per party and call (the spec's recommended default). */
    RANDOM,
    /** t = {@link Config#fixedT()} for everyone. */
    FIXED
  }

  /**
   * How the server forms ξ⁽ᵏ⁺¹⁾ from the clients' interpolants ξ_A (toward μ) and ξ_B (toward ν).
   *
   * <p>Why {@link #SELECT} is the default: with the paper's step, ξ⁽ᵏ⁺¹⁾ = Interp(ξ_B → ξ_A, t_S) with t_S ~ U(0, 1),
   * ξ stays in the interior of a path between μ and ν, and in high dimension every plan (both clients' and the
   * server's) can keep following the threads of one suboptimal coupling π of μ and ν: ξ is then π's displacement
   * interpolation, both legs are optimal, and no t short of ≈ 1 for both clients at once reveals a cheaper pairing.
   * Measured on Gaussian clouds of 2000 and 1300 points in d = 50 (FedWaD seed 4, no support cap): min U stuck at
   * +2.01 % from round 13 to 20 although t_A or t_B ≈ 0.9 were drawn. A client's own solve re-optimizes the
   * pairing once ξ is close to the other client's data (at ξ = (1 − s)·x + s·y along π, client B's plan swaps two
   * threads that improve π as soon as s is small against the gain), and keeping one interpolant moves ξ a random
   * fraction toward μ or ν each round, so ξ visits both ends. U never increases either way (exact interpolation):
   * W(μ, ξ_A) + W(ξ_A, ν) ≤ (1 − t_A)·d_A + t_A·d_A + d_B = U. Same case, same t's: +0.010 % after 13 rounds.
   * Near an end |d_A − d_B| is close to U, so the certified bracket closes too and {@code --tol} can stop a run.
   * What it costs in privacy: the measure a client receives can come close to the other client's samples
   * ({@code docs/design.md}, FedWaD, "The server's step").
   */
  public enum ServerStep {
    /** ξ⁽ᵏ⁺¹⁾ = ξ_A or ξ_B, each with probability ½ (t_S ∈ {0, 1}): no server OT solve. */
    SELECT("select"),
    /** ξ⁽ᵏ⁺¹⁾ = Interp(ξ_B → ξ_A, t_S), t_S from the {@link TimeMode} (the paper's step; one server solve per round). */
    INTERPOLATE("interpolate");

    private final String label;

    ServerStep(String label) {
      this.label = label;
    }

    /** The name used on the command line and in summaries. */
    public String label() {
      return label;
    }

    /** The step named {@code label} ({@code select} or {@code interpolate}). */
    public static ServerStep fromLabel(String label) {
      for (ServerStep s : values()) {
        if (s.label.equalsIgnoreCase(label)) {
          return s;
        }
      }
      throw new IllegalArgumentException("server step must be select or interpolate, got '" + label + "'");
    }
  }

  /**
   * @param p ground-cost exponent of W_p
   * @param maxRounds K, the round budget
   * @param tolerance stop when (U − L)/U ≤ tolerance
   * @param timeMode random or fixed t
   * @param fixedT t when timeMode is FIXED
   * @param interpolation exact (McCann) or support-limited (barycentric) interpolation
   * @param initialSupport S, atoms of ξ⁽⁰⁾; 0 for the size of the pair's smaller client (see
   *     {@link #autoInitialSupport()})
   * @param initialScale s, ξ⁽⁰⁾ ~ N(0, s²I)
   * @param seed the run's seed
   * @param maxSupport cap on the atoms of ξ under exact interpolation (re-quantized by {@link Requantization}
   *     when the server's step exceeds it); 0 for automatic ({@link #autoMaxSupport()})
   * @param serverStep how the server forms the next ξ ({@link ServerStep}); the time mode applies to the clients'
   *     t_A, t_B always and to t_S only under {@link ServerStep#INTERPOLATE}
   */
  public record Config(double p, int maxRounds, double tolerance, TimeMode timeMode, double fixedT,
      Interpolation interpolation, int initialSupport, double initialScale, long seed, int maxSupport,
      ServerStep serverStep) {
    /** A configuration with the automatic support cap and the default server step. */
    public Config(double p, int maxRounds, double tolerance, TimeMode timeMode, double fixedT,
        Interpolation interpolation, int initialSupport, double initialScale, long seed) {
      this(p, maxRounds, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, seed, 0);
    }

    /** A configuration with the default server step, {@link ServerStep#SELECT}. */
    public Config(double p, int maxRounds, double tolerance, TimeMode timeMode, double fixedT,
        Interpolation interpolation, int initialSupport, double initialScale, long seed, int maxSupport) {
      this(p, maxRounds, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, seed, maxSupport,
          ServerStep.SELECT);
    }

    public Config {
      PointCloudCost.checkExponent(p);
      if (maxRounds < 1) {
        throw new IllegalArgumentException("maxRounds must be >= 1");
      }
      if (!(tolerance >= 0)) {
        throw new IllegalArgumentException("tolerance must be >= 0");
      }
      if (!(fixedT >= 0 && fixedT <= 1)) {
        throw new IllegalArgumentException("fixedT must be in [0, 1]");
      }
      if (initialSupport < 0 || !(initialScale > 0) || Double.isInfinite(initialScale)) {
        throw new IllegalArgumentException("initialSupport must be >= 0 and initialScale finite and > 0");
      }
      if (maxSupport < 0) {
        throw new IllegalArgumentException("maxSupport must be >= 0");
      }
      java.util.Objects.requireNonNull(serverStep, "serverStep");
    }

    /**
     * Whether the support cap is automatic ({@code maxSupport = 0}): {@link #resolvedFor} sets it to the larger of S
     * and, with the default server step ({@link ServerStep#SELECT}), n + m, the pair's two sizes: a point on the
     * geodesic between μ and ν, where FedWaD's ξ should end, has at most n + m − 1 atoms (a basic optimal plan's
     * support), so that cap costs nothing there, and with no server solve it fits the time budget (2000 vs 1300
     * points, d = 50, five seeds through the command: 0.0000–0.42 % above the exact W₂ after 20 rounds in 34–43 s of
     * solve_seconds, against 0.0034–0.92 % in 26–28 s with max(n, m)). With {@link ServerStep#INTERPOLATE} the
     * server also solves a cap × cap problem every round, and the cap stays max(n, m) (n + m: 0.09–2.1 % against
     * 0.26–2.7 % but 74–75 s against 32 s). A server that does not know the clients' sizes caps at 2S
     * ({@code docs/design.md}, "The default cap, measured over seeds", "The server's step").
     */
    public boolean autoMaxSupport() {
      return maxSupport == 0;
    }

    /**
     * Whether ξ⁽⁰⁾ takes as many atoms as the pair's smaller client ({@code initialSupport = 0}): with
     * uniform weights the plans are then (close to) permutations and exact interpolation keeps the
     * support bounded; a smaller ξ⁽⁰⁾ splits mass and the support grows round after round (measured:
     * 100 → 14 375 atoms over 8 rounds against n = 2000).
     */
    public boolean autoInitialSupport() {
      return initialSupport == 0;
    }

    /** This configuration with the automatic ξ⁽⁰⁾ size resolved for clients of n and m atoms. */
    public Config resolvedFor(int n, int m) {
      Config c = autoInitialSupport() ? withInitial(Math.min(n, m), initialScale) : this;
      int cap = c.serverStep() == ServerStep.SELECT ? n + m : Math.max(n, m);
      return c.autoMaxSupport() ? c.withMaxSupport(Math.max(c.initialSupport(), cap)) : c;
    }

    /** This configuration with at most {@code cap} atoms in ξ (exact interpolation). */
    public Config withMaxSupport(int cap) {
      return new Config(p, maxRounds, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, seed, cap, serverStep);
    }

    /** p = 2, K = 20, tolerance 1e-3, random t, exact interpolation, S = 100, s = 1, the server selects. */
    public static Config defaults(long seed) {
      return new Config(2.0, 20, 1e-3, TimeMode.RANDOM, 0.5, Interpolation.EXACT, 100, 1.0, seed);
    }

    public Config withRounds(int k) {
      return new Config(p, k, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, seed, maxSupport, serverStep);
    }

    public Config withTolerance(double tol) {
      return new Config(p, maxRounds, tol, timeMode, fixedT, interpolation, initialSupport, initialScale, seed, maxSupport, serverStep);
    }

    public Config withFixedT(double t) {
      return new Config(p, maxRounds, tolerance, TimeMode.FIXED, t, interpolation, initialSupport, initialScale, seed, maxSupport, serverStep);
    }

    public Config withInterpolation(Interpolation i) {
      return new Config(p, maxRounds, tolerance, timeMode, fixedT, i, initialSupport, initialScale, seed, maxSupport, serverStep);
    }

    public Config withInitial(int support, double scale) {
      return new Config(p, maxRounds, tolerance, timeMode, fixedT, interpolation, support, scale, seed, maxSupport, serverStep);
    }

    public Config withServerStep(ServerStep step) {
      return new Config(p, maxRounds, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, seed,
          maxSupport, step);
    }

    public Config withSeed(long s) {
      return new Config(p, maxRounds, tolerance, timeMode, fixedT, interpolation, initialSupport, initialScale, s, maxSupport, serverStep);
    }
  }

  /**
   * @param estimate min_k U⁽ᵏ⁾, the FedWaD estimate of W_p(μ, ν) (equal to {@code upper})
   * @param upper certified upper bound min_k U⁽ᵏ⁾
   * @param lower certified lower bound max_k L⁽ᵏ⁾
   * @param rounds rounds run
   * @param converged whether (upper − lower)/upper ≤ tolerance was reached
   * @param lowerBound which bound gives {@code lower}
   */
  public record Result(double estimate, double upper, double lower, int rounds, boolean converged,
      SummaryLowerBounds.Kind lowerBound) {
    /** Why the run stopped: the bracket met the tolerance, or the round budget ran out. */
    public StopReason stopReason() {
      return converged ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT;
    }
  }

  private final Config config;
  private final NetworkSimplex solver;

  /** A server whose solves price on all cores (it runs on the driver or the caller's thread). */
  public FederatedWasserstein(Config config) {
    this(config, new NetworkSimplex(NetworkSimplex.Config.defaults(), 0));
  }

  public FederatedWasserstein(Config config, NetworkSimplex serverSolver) {
    this.config = config;
    this.solver = serverSolver;
  }

  public Config config() {
    return config;
  }

  /** FedWaD between two in-memory measures (each behind a {@link LocalWassersteinClient}). */
  public Result run(DiscreteMeasure mu, DiscreteMeasure nu, ProgressListener listener) {
    if (mu.dimension() != nu.dimension()) {
      throw new IllegalArgumentException("dimension mismatch: " + mu.dimension() + " vs " + nu.dimension());
    }
    Config c = config.resolvedFor(mu.size(), nu.size());
    return new FederatedWasserstein(c, solver).run(LocalWassersteinClient.of(mu, c), LocalWassersteinClient.of(nu, c),
        mu.dimension(), listener);
  }

  /**
   * The server loop over two clients whose measures live in R^dimension, run by the iteration core
   * (one iteration per round; the clients' answers are its remote work).
   */
  public Result run(WassersteinClient a, WassersteinClient b, int dimension, ProgressListener listener) {
    if (config.autoInitialSupport()) {
      throw new IllegalArgumentException("initialSupport 0 (the smaller client's size) needs the clients' sizes");
    }
    FederatedWassersteinRounds rounds = new FederatedWassersteinRounds(List.of(new FederatedWassersteinRounds.Pair(0, 1)),
        List.of(config), dimension, WassersteinClients.of(List.of(a, b)), solver);
    new IterationLoop(IterationLoop.Config.of(StoppingRule.maxIterations(config.maxRounds()))).run(rounds, listener);
    return rounds.results().get(0).result();
  }

  /** A fresh server state for one pair of clients in R^dimension (see {@link Server}). */
  public Server server(int dimension) {
    return new Server(dimension);
  }

  /**
   * A server that continues from a saved {@link ServerState}: with the same seed, p and interpolation
   * it goes on exactly as the saved run would have. The round budget and tolerance are this
   * configuration's, so a finished run can be extended with more rounds.
   */
  public Server resume(ServerState state) {
    return new Server(state);
  }

  /**
   * What a server needs to continue: ξ of the next round, the rounds done, the best bounds so far,
   * whether they met the tolerance, and the seconds spent.
   */
  public record ServerState(DiscreteMeasure xi, int round, double bestUpper, double bestLower, boolean converged,
      double elapsedSeconds, SummaryLowerBounds.Bound summaryBound, SummaryLowerBounds.Kind bestKind)
      implements java.io.Serializable {}

  /**
   * The server's side of one FedWaD run, advanced a round at a time: read {@link #xi()} and the
   * clients' times, obtain both {@link ClientReply replies} however the clients are reached, then
   * {@link #receive} them. A distributed caller runs many servers (pairs of clients) side by side
   * and gathers all their clients' replies in one step per round.
   */
  public final class Server {
    private final SeedSequence seeds;
    private final long start;
    private DiscreteMeasure xi;
    private int round;
    private double bestU = Double.POSITIVE_INFINITY;
    private double bestL = 0.0;
    private SummaryLowerBounds.Kind bestKind = SummaryLowerBounds.Kind.TRIANGLE;
    /** The best bound from the clients' summaries; null until the summaries are in. */
    private SummaryLowerBounds.Bound summaryBound;
    private boolean converged;
    private boolean finished;
    /** The last round's interpolants and t_S when the budget stopped the run before the server's step. */
    private DiscreteMeasure pendingA;
    private DiscreteMeasure pendingB;
    private double pendingT;

    private Server(int dimension) {
      this.seeds = SeedSequence.of(config.seed());
      this.xi = initialMeasure(seeds, dimension);
      this.start = System.nanoTime();
    }

    private Server(ServerState s) {
      this.seeds = SeedSequence.of(config.seed());
      this.xi = s.xi();
      this.round = s.round();
      this.bestU = s.bestUpper();
      this.bestL = s.bestLower();
      this.bestKind = s.bestKind();
      this.summaryBound = s.summaryBound();
      this.converged = s.converged();
      this.finished = converged || round >= config.maxRounds();
      this.start = System.nanoTime() - (long) (s.elapsedSeconds() * 1e9);
    }

    /**
     * ξ⁽ᵏ⁺¹⁾ = Interp(ξ_B → ξ_A, t_S): the server's only OT solve, on interpolants only; at t_S = 0 or 1 (always
     * under {@link ServerStep#SELECT}) the interpolant itself, with no solve.
     */
    private DiscreteMeasure serverStep(DiscreteMeasure xb, DiscreteMeasure xa, double tS) {
      int cap = config.autoMaxSupport() ? 2 * config.initialSupport() : config.maxSupport();
      if (tS == 0.0 || tS == 1.0) {
        DiscreteMeasure kept = tS == 0.0 ? xb : xa;
        return config.interpolation() == Interpolation.EXACT ? Requantization.reduce(kept, cap, config.p()).measure() : kept;
      }
      if (config.interpolation() != Interpolation.EXACT) {
        NetworkSimplex.Result r = solver.solveAuto(xb, xa, config.p());
        return config.interpolation().apply(xb, xa, r.plan(), tS);
      }
      // Bounded support: re-quantize both interpolants before the solve (which then costs at most cap × cap)
      // and the new ξ after it. Safe for the bracket, which the clients compute on the ξ they receive.
      DiscreteMeasure b = Requantization.reduce(xb, cap, config.p()).measure();
      DiscreteMeasure a = Requantization.reduce(xa, cap, config.p()).measure();
      NetworkSimplex.Result r = solver.solveAuto(b, a, config.p());
      return Requantization.reduce(McCannInterpolation.interpolate(b, a, r.plan(), tS), cap, config.p()).measure();
    }

    /**
     * The state to save after a round (see {@link FederatedWasserstein#resume}). When the round budget
     * stopped the run, this first makes the server's step it skipped, so the state holds ξ of the
     * next round.
     */
    public ServerState state() {
      if (pendingA != null) {
        xi = serverStep(pendingB, pendingA, pendingT);
        pendingA = null;
        pendingB = null;
      }
      return new ServerState(xi, round, bestU, bestL, converged, (System.nanoTime() - start) * 1e-9, summaryBound,
          bestKind);
    }

    /** ξ⁽ᵏ⁾, the measure both clients receive this round. */
    public DiscreteMeasure xi() {
      return xi;
    }

    /** Client A's interpolation time t_A this round. */
    public double timeA() {
      return drawT(seeds, 0, round);
    }

    /** Client B's interpolation time t_B this round. */
    public double timeB() {
      return drawT(seeds, 1, round);
    }

    public int round() {
      return round;
    }

    public boolean finished() {
      return finished;
    }

    /** Whether the clients' summaries are still to be asked for (before the first round). */
    public boolean needsSummaries() {
      return summaryBound == null;
    }

    /**
     * Sets the certified lower bound computed from the clients' summaries ({@link SummaryLowerBounds#best});
     * every round's lower bound is then the larger of it and |d_A − d_B|. {@code Bound(0, TRIANGLE)} records
     * that the clients gave none.
     */
    public void summaryBound(SummaryLowerBounds.Bound bound) {
      summaryBound = bound;
    }

    /**
     * Records the round's bounds from the two replies and, unless the run stops here, moves to
     * ξ⁽ᵏ⁺¹⁾ = Interp(ξ_B → ξ_A, t_S), the server's only OT solve.
     *
     * @return the round's trace record
     */
    public IterationRecord receive(ClientReply ra, ClientReply rb) {
      if (finished) {
        throw new IllegalStateException("the run has finished");
      }
      double tA = timeA();
      double tB = timeB();
      double tS = config.serverStep() == ServerStep.SELECT
          ? (seeds.stream("fedwad-t", 2, this.round).nextDouble() < 0.5 ? 0.0 : 1.0)
          : drawT(seeds, 2, this.round);
      double upper = ra.distance() + rb.distance();
      SummaryLowerBounds.Bound here = new SummaryLowerBounds.Bound(Math.abs(ra.distance() - rb.distance()),
          SummaryLowerBounds.Kind.TRIANGLE);
      if (summaryBound != null) {
        here = here.max(summaryBound);
      }
      double lower = here.value();
      bestU = Math.min(bestU, upper);
      if (lower > bestL) {
        bestL = lower;
        bestKind = here.kind();
      }
      double width = bestU > 0 ? (bestU - bestL) / bestU : 0.0;
      int support = xi.size();
      this.round++;
      converged = width <= config.tolerance();
      finished = converged || this.round == config.maxRounds();
      IterationRecord rec = IterationRecord.of(this.round, (System.nanoTime() - start) * 1e-9,
          "upper", upper, "lower", lower, "estimate", bestU, "bracket_width", width,
          "support", support, "t_a", tA, "t_b", tB, "t_server", tS, "lower_bound", bestKind.code(),
          "lower_triangle", Math.abs(ra.distance() - rb.distance()));
      if (!finished) {
        xi = serverStep(rb.interpolant(), ra.interpolant(), tS);
      } else if (!converged) {
        // Keep what the next ξ needs, so that a saved state can be resumed with a larger budget.
        pendingA = ra.interpolant();
        pendingB = rb.interpolant();
        pendingT = tS;
      }
      return rec;
    }

    /** The result so far (final once {@link #finished()}). */
    public Result result() {
      return new Result(bestU, bestU, bestL, round, converged, bestKind);
    }
  }

  private DiscreteMeasure initialMeasure(SeedSequence seeds, int d) {
    if (config.autoInitialSupport()) {
      throw new IllegalArgumentException("initialSupport 0 (the smaller client's size) must be resolved first");
    }
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be >= 1");
    }
    SplittableRandom r = seeds.stream("fedwad-xi0");
    int s = config.initialSupport();
    double[] v = new double[d * s];
    for (int k = 0; k < v.length; k++) {
      v[k] = config.initialScale() * SeedSequence.nextGaussian(r);
    }
    return DiscreteMeasure.uniform(DenseMatrix.wrap(d, s, v));
  }

  private double drawT(SeedSequence seeds, int party, int round) {
    return config.timeMode() == TimeMode.FIXED ? config.fixedT() : seeds.stream("fedwad-t", party, round).nextDouble();
  }
}
