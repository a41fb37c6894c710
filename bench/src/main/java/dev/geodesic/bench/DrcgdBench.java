package dev.geodesic.bench;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.PcaDataGenerator;
import dev.geodesic.decentralized.Agents;
import dev.geodesic.decentralized.DecentralizedMethod;
import dev.geodesic.decentralized.DecentralizedSetup;
import dev.geodesic.decentralized.DrcgdGradientTracking;
import dev.geodesic.decentralized.GroundTruth;
import dev.geodesic.decentralized.LocalAgents;
import dev.geodesic.decentralized.PcaObjective;
import dev.geodesic.decentralized.StepSchedule;
import dev.geodesic.decentralized.StiefelConsensusMethod;
import dev.geodesic.graph.ChebyshevGossip;
import dev.geodesic.graph.CommunicationGraph;
import dev.geodesic.graph.Gossip;
import dev.geodesic.graph.MetropolisHastingsMixing;
import dev.geodesic.graph.MixingMatrix;
import dev.geodesic.graph.PlainGossip;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.progress.Trace;
import dev.geodesic.random.SeedSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The two settings of Chen et al. (ICLR 2024) for DRCGD and its baselines, every method side by
 * side with the paper's figures (read from its plots) and the spec's numpy prototype:
 * <ul>
 *   <li>{@code synthetic}: 16 agents × 1000 rows, d = 10, r = 5, eigengap 0.8 (the lib's
 *       PcaDataGenerator, leading eigenvalues 1, tail 0.2), ring, t = 10, 200 iterations, f_i
 *       normalised by 1/m_i; constant steps 0.05…0.3; Chebyshev gossip on/off; an Erdős–Rényi(0.6) graph.
 *   <li>{@code fashion}: Fashion-MNIST train set /255 (uncentered), a seeded random even split over 20
 *       agents, ring, t = 1, r = 5, 1000 iterations.
 *   <li>{@code cost N D}: the BLAS work of one {@code drcgd} iteration on PCA with Gramians, alone on one
 *       thread: N agents (default 20), each ∇f_i(x_i) and (f_i, ∇f_i)(x̄) for a D×D Gramian (default 784), r = 5,
 *       as two products and as the one product G_i·[x_i | x̄] — the part of an iteration's job that is not Spark.
 *   <li>{@code search}: what makes a tracked method reach d_s ≤ 1e-8 on Fashion-MNIST, and at how many
 *       communication rounds (gossip rounds t, plain or Chebyshev, step, safeguard).
 * </ul>
 * Usage: {@code DrcgdBench synthetic|fashion|search [method:t:plain|chebyshev:step[:iterations] ...]} (search: the runs to
 * make instead of the built-in list); {@code -Dfashion.dir=DIR} for another Fashion-MNIST directory.
 */
public final class DrcgdBench {
  private DrcgdBench() {}

  private static String[] searchSpecs;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "synthetic";
    Path dir = Path.of(System.getProperty("fashion.dir", "/usr/share/datasets/fashion-mnist"));
    searchSpecs = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : null;
    System.out.printf(Locale.ROOT, "# BLAS %s%n", Blas.get().implementationName());
    switch (mode) {
      case "synthetic" -> synthetic();
      case "fashion" -> fashion(dir, false);
      case "search" -> fashion(dir, true);
      case "cost" -> cost(args.length > 1 ? Integer.parseInt(args[1]) : 20, args.length > 2 ? Integer.parseInt(args[2]) : 784);
      default -> throw new IllegalArgumentException("mode is synthetic, fashion, search or cost, not " + mode);
    }
  }

  /** The agents' local work of one PCA iteration with d×d Gramians, timed on this thread. */
  static void cost(int agents, int d) {
    int r = 5;
    java.util.Random random = new java.util.Random(1);
    List<PcaObjective> objectives = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      DenseMatrix g = DenseMatrix.zeros(d, d);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          double v = random.nextDouble();
          g.set(a, b, v);
          g.set(b, a, v);
        }
      }
      objectives.add(PcaObjective.ofGramian(g, 1.0));
    }
    StiefelManifold st = new StiefelManifold(d, r);
    DenseMatrix x = st.randomPoint(SeedSequence.of(1), "cost");
    DenseMatrix xbar = st.randomPoint(SeedSequence.of(2), "cost");
    for (boolean paired : new boolean[] {false, true}) {
      double sink = 0;
      int reps = 30;
      long best = Long.MAX_VALUE;
      long total = 0;
      for (int rep = 0; rep < reps + 5; rep++) {
        long t0 = System.nanoTime();
        for (PcaObjective f : objectives) {
          sink += paired ? f.evaluatePair(x, xbar).common().value()
              : f.euclideanGradient(x).get(0, 0) + f.evaluate(xbar).value();
        }
        long t = System.nanoTime() - t0;
        if (rep >= 5) {
          best = Math.min(best, t);
          total += t;
        }
      }
      System.out.printf(Locale.ROOT, "agents %d, d = %d, r = %d, %s: local work of one iteration %.1f ms (best), %.1f ms"
          + " (mean of %d) on one thread [%s]%s%n", agents, d, r, paired ? "one product G_i[x_i|x̄]" : "two products",
          best / 1e6, total / 1e6 / reps, reps, Blas.get().implementationName(), Double.isNaN(sink) ? " (NaN)" : "");
    }
  }

  /** One run's figures. */
  record Row(String label, double[] ds, double consensus, double grad, double gap, double rounds, long bytes,
      int roundsTo1e8, int halvings, double seconds, String stop) {}

  static Row run(String label, StiefelConsensusMethod<?> m, int iterations, int[] at) {
    return run(label, m, iterations, at, 1e-13);
  }

  /** Runs until d_s ≤ target, a non-finite d_s or the budget. */
  static Row run(String label, StiefelConsensusMethod<?> m, int iterations, int[] at, double target) {
    Trace trace = new Trace();
    long t0 = System.nanoTime();
    var r = m.solve(StoppingRule.anyOf(StoppingRule.nonFinite("subspace_distance"),
        StoppingRule.atMost("subspace_distance", target, StopReason.TARGET_REACHED), StoppingRule.maxIterations(iterations)),
        trace);
    double secs = (System.nanoTime() - t0) * 1e-9;
    double[] ds = trace.column("subspace_distance");
    double[] rounds = trace.column("communication_rounds");
    double[] out = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      out[k] = ds[Math.min(at[k], ds.length) - 1];
    }
    int to = -1;
    for (int k = 0; k < ds.length; k++) {
      if (ds[k] <= 1e-8) {
        to = (int) rounds[k];
        break;
      }
    }
    int halvings = m instanceof DrcgdGradientTracking g ? g.halvings() : 0;
    return new Row(label, out, r.last().consensusError(), r.last().gradNorm(), r.last().objectiveGap(),
        rounds[rounds.length - 1], r.outcome().counts().bytes(), to, halvings, secs, r.stopReason().label());
  }

  static void synthetic() {
    synthetic(0.8, "eigengap 0.8 read as λ_5 − λ_6 (leading eigenvalues 1, tail 0.2)", true);
    synthetic(0.2, "eigengap 0.8 read as λ_6/λ_5 (leading eigenvalues 1, tail 0.8)", false);
  }

  static void synthetic(double gap, String reading, boolean details) {
    int n = 16;
    int d = 10;
    int r = 5;
    SeedSequence seeds = SeedSequence.of(2024);
    PcaDataGenerator gen = new PcaDataGenerator(PcaDataGenerator.Config.withEigengap(d, r, 0.0, gap), seeds);
    List<DenseMatrix> blocks = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      blocks.add(gen.generate(seeds, p, 1000).features());
    }
    Agents agents = new LocalAgents(PcaObjective.agents(blocks, PcaObjective.Route.AUTO));
    GroundTruth truth = GroundTruth.pca(blocks, r);
    DenseMatrix x0 = new StiefelManifold(d, r).randomPoint(seeds, "x0");
    MixingMatrix ring = MetropolisHastingsMixing.of(CommunicationGraph.ring(n));
    int t = 10;
    System.out.printf(Locale.ROOT, "## Synthetic: n = %d, m_i = 1000, d = %d, r = %d, %s (λ_r, λ_r+1 of (1/N)AᵀA: %.3f, %.3f),"
        + " ring σ₂ = %.4f, t = %d, 200 iterations%n", n, d, r, reading, truth.eigenvalues()[r - 1], truth.eigenvalues()[r],
        ring.secondLargestSingularValue(), t);
    int[] at = {200};
    double[] steps = {0.05, 0.1, 0.2, 0.3};
    String[] proto = {"2.3e-1 | 1.8e+0 | —", "4.6e-2 | 1.4e+0 | 6.1e-9", "8.1e-3 | 7.7e-1 | 2.2e-12", "2.4e-3 | 2.8e-1 | 6.4e-14"};
    System.out.println();
    System.out.println("d_s(x̄, x*) after 200 iterations, constant step (prototype: DPRGD | DRCGD | drcgd-gt):");
    System.out.println("| step | drcgd | drcgd-gt | dprgd | drdgd | drgta | prototype |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (int s = 0; s < steps.length; s++) {
      DecentralizedSetup setup = new DecentralizedSetup(agents, new PlainGossip(ring, t), StepSchedule.constant(steps[s]), x0, truth);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %.2f |", steps[s]));
      for (DecentralizedMethod m : DecentralizedMethod.values()) {
        Row row = run(m.label(), m.create(setup), 200, at);
        line.append(String.format(Locale.ROOT, " %.1e%s |", row.ds()[0], row.halvings() > 0 ? " (" + row.halvings() + "½)" : ""));
      }
      System.out.println(line.append(' ').append(proto[s]).append(" |"));
    }
    if (!details) {
      return;
    }
    System.out.println();
    System.out.println("All metrics at step 0.2 (paper, its α̂ = 0.05: DRCGD consensus 4e-2, ‖grad‖ 0.15, f−f* 1.8e-4, d_s 2.8e-3;"
        + " DPRGD 7e-2, 0.3, 8e-4, 6e-3), plain W^t vs Chebyshev gossip (same t = 10 exchanges), ring and Erdős–Rényi(0.6):");
    header();
    MixingMatrix er = MetropolisHastingsMixing.of(CommunicationGraph.erdosRenyi(n, 0.6, seeds));
    for (MixingMatrix w : List.of(ring, er)) {
      for (boolean cheb : new boolean[] {false, true}) {
        Gossip g = cheb ? new ChebyshevGossip(w, t) : new PlainGossip(w, t);
        DecentralizedSetup setup = new DecentralizedSetup(agents, g, StepSchedule.constant(0.2), x0, truth);
        for (DecentralizedMethod m : DecentralizedMethod.values()) {
          print(run(String.format(Locale.ROOT, "%s, %s σ₂=%.3f, %s", m.label(), w == ring ? "ring" : "ER(0.6)",
              w.secondLargestSingularValue(), g.kind()), m.create(setup), 200, at));
        }
      }
    }
    System.out.println();
    System.out.println("The paper's own schedule, fixed α = α̂/√K with α̂ = 0.05, K = 200 (α = 0.0035), ring, plain W^t:");
    header();
    DecentralizedSetup paper = new DecentralizedSetup(agents, new PlainGossip(ring, t),
        StepSchedule.constant(0.05 / Math.sqrt(200)), x0, truth);
    for (DecentralizedMethod m : DecentralizedMethod.values()) {
      print(run(m.label(), m.create(paper), 200, at));
    }
    System.out.println();
    System.out.println("Diminishing α_k = α̂/√(k+1), α̂ = 1.0, ring, plain W^t:");
    header();
    DecentralizedSetup dim = new DecentralizedSetup(agents, new PlainGossip(ring, t), StepSchedule.diminishing(1.0), x0, truth);
    for (DecentralizedMethod m : DecentralizedMethod.values()) {
      print(run(m.label(), m.create(dim), 200, at));
    }
  }

  static void header() {
    System.out.println("| run | d_s | consensus | ‖grad f(x̄)‖ | f(x̄) − f* | rounds | MB sent | rounds to d_s ≤ 1e-8 | halvings | seconds | stop |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  }

  static void print(Row r) {
    StringBuilder ds = new StringBuilder();
    for (double v : r.ds()) {
      ds.append(ds.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2e", v));
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %.1e | %.1e | %.1e | %.0f | %.1f | %s | %d | %.1f | %s |%n", r.label(), ds,
        r.consensus(), r.grad(), r.gap(), r.rounds(), r.bytes() / 1e6, r.roundsTo1e8() < 0 ? "—" : Integer.toString(r.roundsTo1e8()),
        r.halvings(), r.seconds(), r.stop());
  }

  static void fashion(Path dir, boolean search) throws Exception {
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    if (!Files.exists(images)) {
      System.out.println("## Fashion-MNIST: " + images + " not found, skipped");
      return;
    }
    long t0 = System.nanoTime();
    DenseMatrix all = IdxReader.readImages(images, Integer.MAX_VALUE, IdxReader.PixelScale.UNIT_INTERVAL);
    int n = 20;
    int d = all.rows();
    int total = all.cols();
    // a seeded random even split: a Fisher–Yates permutation of the images
    int[] perm = new int[total];
    for (int k = 0; k < total; k++) {
      perm[k] = k;
    }
    // SPLIT_SEED: another random split, to see how much the constant-step plateaus depend on which rows an agent holds
    long splitSeed = Long.parseLong(System.getenv().getOrDefault("SPLIT_SEED", "2024"));
    SplittableRandom rnd = SeedSequence.of(splitSeed).stream("bench.fashion.split");
    for (int k = total - 1; k > 0; k--) {
      int j = rnd.nextInt(k + 1);
      int tmp = perm[k];
      perm[k] = perm[j];
      perm[j] = tmp;
    }
    // SPLIT_PERM / X0_FILE: another implementation's split (big-endian int32 row indices) and x0 (big-endian
    // float64, d×5 column-major), so that both run from the same start on the same agents
    if (System.getenv("SPLIT_PERM") != null) {
      try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(
          java.nio.file.Files.newInputStream(java.nio.file.Path.of(System.getenv("SPLIT_PERM")))))) {
        for (int k = 0; k < total; k++) {
          perm[k] = in.readInt();
        }
      }
    }
    List<DenseMatrix> blocks = new ArrayList<>();
    int per = total / n;
    for (int i = 0; i < n; i++) {
      DenseMatrix b = DenseMatrix.zeros(d, per);
      for (int c = 0; c < per; c++) {
        System.arraycopy(all.values(), perm[i * per + c] * d, b.values(), c * d, d);
      }
      blocks.add(b);
    }
    List<dev.geodesic.decentralized.LocalObjective> objectives = PcaObjective.agents(blocks, PcaObjective.Route.GRAMIAN);
    DenseMatrix sum = DenseMatrix.zeros(d, d);
    for (var o : objectives) {
      Blas.get().axpy(1.0, ((PcaObjective) o).gramian(), sum);
    }
    GroundTruth truth = GroundTruth.pca(sum, (long) per * n, 5);
    Agents agents = new LocalAgents(objectives);
    DenseMatrix x0 = new StiefelManifold(d, 5).randomPoint(SeedSequence.of(2024), "x0");
    if (System.getenv("X0_FILE") != null) {
      try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(
          java.nio.file.Files.newInputStream(java.nio.file.Path.of(System.getenv("X0_FILE")))))) {
        for (int k = 0; k < x0.values().length; k++) {
          x0.values()[k] = in.readDouble();
        }
      }
    }
    MixingMatrix ring = MetropolisHastingsMixing.of(CommunicationGraph.ring(n));
    double[] ev = truth.eigenvalues();
    System.out.printf(Locale.ROOT, "## Fashion-MNIST: %d × %d /255, %d agents × %d, ring σ₂ = %.4f, r = 5; eigenvalues of (1/N)AᵀA:"
        + " %.2f %.2f %.2f %.2f %.3f | %.3f; split seed %d; load + Gramians %.1f s%n", total, d, n, per, ring.secondLargestSingularValue(),
        ev[0], ev[1], ev[2], ev[3], ev[4], ev[5], splitSeed, (System.nanoTime() - t0) * 1e-9);
    int[] at = {100, 250, 500, 1000};
    if (!search) {
      System.out.println("t = 1, plain W^t; d_s at 100 / 250 / 500 / 1000 iterations (prototype and paper in the spec)");
      header();
      Object[][] runs = {{DecentralizedMethod.DPRGD, 0.01}, {DecentralizedMethod.DPRGD, 0.05}, {DecentralizedMethod.DPRGD, 0.2},
          {DecentralizedMethod.DRCGD, 0.02}, {DecentralizedMethod.DRCGD, 0.05}, {DecentralizedMethod.DRDGD, 0.05},
          {DecentralizedMethod.DRGTA, 0.05}, {DecentralizedMethod.DRCGD_GT, 0.05}};
      for (Object[] spec : runs) {
        DecentralizedMethod m = (DecentralizedMethod) spec[0];
        double step = (Double) spec[1];
        DecentralizedSetup setup = new DecentralizedSetup(agents, new PlainGossip(ring, 1), StepSchedule.constant(step), x0, truth);
        print(run(m.label() + ", α = " + step, m.create(setup), 1000, at));
      }
      DecentralizedSetup noSafe = new DecentralizedSetup(agents, new PlainGossip(ring, 1), StepSchedule.constant(0.05), x0, truth);
      print(run("drcgd-gt without safeguard, α = 0.05", new DrcgdGradientTracking(noSafe, null), 1000, at));
      return;
    }
    System.out.println("Tracked methods, runs stopped at d_s ≤ 1e-8 or their budget: d_s at 100 / 250 / 500 / last"
        + " iteration (budget), communication rounds (t per iteration) to d_s ≤ 1e-8");
    header();
    // (method, t, chebyshev, step): the levers of the spec — more gossip, accelerated gossip, the step
    Object[][] runs = {
        {DecentralizedMethod.DRGTA, 1, false, 0.01}, {DecentralizedMethod.DRGTA, 4, false, 0.05},
        {DecentralizedMethod.DRGTA, 4, true, 0.05}, {DecentralizedMethod.DRGTA, 8, true, 0.2},
        {DecentralizedMethod.DRCGD_GT, 8, false, 0.05}, {DecentralizedMethod.DRCGD_GT, 4, true, 0.05}};
    if (searchSpecs != null) {
      runs = new Object[searchSpecs.length][];
      for (int k = 0; k < searchSpecs.length; k++) {
        String[] p = searchSpecs[k].split(":");
        runs[k] = new Object[] {DecentralizedMethod.fromLabel(p[0]), Integer.parseInt(p[1]), p[2].startsWith("cheb"),
            Double.parseDouble(p[3]), p.length > 4 ? Integer.parseInt(p[4]) : 600};
      }
    }
    for (Object[] spec : runs) {
      DecentralizedMethod m = (DecentralizedMethod) spec[0];
      int t = (Integer) spec[1];
      boolean cheb = (Boolean) spec[2];
      double step = (Double) spec[3];
      int budget = spec.length > 4 ? (Integer) spec[4] : 600;
      Gossip g = cheb ? new ChebyshevGossip(ring, t) : new PlainGossip(ring, t);
      DecentralizedSetup setup = new DecentralizedSetup(agents, g, StepSchedule.constant(step), x0, truth);
      int[] marks = {100, 250, 500, budget};
      print(run(String.format(Locale.ROOT, "%s, t = %d %s (contraction %.3f), α = %s, ≤ %d iterations", m.label(), t,
          g.kind(), g.contraction(), step, budget), m.create(setup), budget, marks, 1e-8));
    }
  }
}
