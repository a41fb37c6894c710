package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.ot.ClientMeasure;
import dev.geodesic.jobs.ot.ClientMeasures;
import dev.geodesic.jobs.ot.FedwadCheckpoint;
import dev.geodesic.jobs.ot.FederatedWassersteinJob;
import dev.geodesic.jobs.ot.FederatedWassersteinJob.Pair;
import dev.geodesic.jobs.ot.FederatedWassersteinJob.PairResult;
import dev.geodesic.jobs.report.HeatMapPlot;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.Interpolation;
import dev.geodesic.ot.NetworkSimplex;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.progress.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fedwad}: the federated Wasserstein distance between two clients (two inputs, or one input
 * with two clients), or between all pairs of K clients of one input, with each client's samples kept
 * in the executor that caches them.
 */
@Command(name = "fedwad", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Federated Wasserstein distance (FedWaD): W_p between datasets that stay on their clients;",
        "only interpolating measures, distances and t's cross the network.",
        "Two clients: --input A --input B, or one input with two values in its client column.",
        "K clients: one input split by --client-col gives the K×K matrix of pairwise distances."})
public final class FedwadCommand extends JobCommand {
  @Mixin
  InputOptions input;

  @Option(names = "--rounds", defaultValue = "20", paramLabel = "K", description = "Round budget per pair. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--tol", defaultValue = "1e-3", paramLabel = "T",
      description = "Stop a pair when its relative bracket width (U − L)/U ≤ T. Default: ${DEFAULT-VALUE}.")
  double tol;

  @Option(names = "--support", paramLabel = "S",
      description = "Support-limited interpolation with S atoms (barycentric projection); exact (McCann) interpolation when absent.")
  Integer support;

  @Option(names = "--initial-support", defaultValue = "0", paramLabel = "S",
      description = {"Atoms of the server's first measure ξ⁽⁰⁾ ~ N(0, s²I) under exact interpolation.",
          "Default 0: the size of the pair's smaller client, which keeps ξ's support bounded (a smaller ξ⁽⁰⁾ splits",
          "mass and the support grows each round)."})
  int initialSupport;

  @Option(names = "--initial-scale", defaultValue = "1.0", paramLabel = "s",
      description = "Standard deviation s of ξ⁽⁰⁾'s atoms. Default: ${DEFAULT-VALUE}.")
  double initialScale;

  @Option(names = "--t", defaultValue = "random", paramLabel = "random|VALUE",
      description = "Interpolation time: random (U(0,1) per party and call) or a fixed value in [0,1]. Default: ${DEFAULT-VALUE}.")
  String t;

  @Option(names = "--p", defaultValue = "2", paramLabel = "P", description = "Order p ≥ 1 of W_p (ground cost ‖x−y‖^p). Default: ${DEFAULT-VALUE}.")
  double p;

  @Option(names = "--verify-exact", description = "Also compute the centralized exact W_p (network simplex on the gathered samples) for comparison.")
  boolean verifyExact;

  @Option(names = "--label-augment",
      description = "OTDD-style: each client appends to every sample its label class's mean and √diag(covariance) (needs a label column).")
  boolean labelAugment;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = {"Save the run's state after every round under DIR, and resume from it: a run with the same",
          "inputs and options continues where the last one stopped and ends exactly as an uninterrupted run;",
          "a larger --rounds extends a finished run."})
  String checkpoint;

  private FederatedWasserstein.Config config;

  @Override
  protected void validateOptions() {
    input.validate(1, 2);
    OptionChecks.atLeast("--rounds", rounds, 1);
    OptionChecks.atLeast("--tol", tol, 0);
    OptionChecks.atLeast("--p", p, 1);
    if (support != null) {
      OptionChecks.atLeast("--support", support, 1);
    }
    OptionChecks.atLeast("--initial-support", initialSupport, 0);
    OptionChecks.positive("--initial-scale", initialScale);
    FederatedWasserstein.TimeMode mode = FederatedWasserstein.TimeMode.RANDOM;
    double fixed = 0.5;
    if (!t.equalsIgnoreCase("random")) {
      try {
        fixed = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--t must be random or a number in [0, 1], not '" + t + "'");
      }
      if (!(fixed >= 0 && fixed <= 1)) {
        throw new InvalidInputException("--t must be in [0, 1], got " + t);
      }
      mode = FederatedWasserstein.TimeMode.FIXED;
    }
    config = new FederatedWasserstein.Config(p, rounds, tol, mode, fixed,
        support == null ? Interpolation.EXACT : Interpolation.SUPPORT_LIMITED,
        support != null ? support : initialSupport > 0 ? initialSupport : 1, initialScale, seed);
  }

  @Override
  protected void run(JobRun run) {
    DatasetReader reader = new DatasetReader(run.spark());
    ClientMeasures clients;
    if (input.paths().size() == 2) {
      ValidatedInput a = reader.read(input.spec(0));
      ValidatedInput b = reader.read(input.spec(1));
      clients = ClientMeasures.fromTwoInputs(a, b, labelAugment, partitions);
    } else {
      clients = ClientMeasures.fromClientColumn(reader.read(input.spec(0)), input.clientColumn(), 2, labelAugment, partitions);
    }
    run.executorBlas(clients.executorBlas());
    run.solveStarted();
    List<String> names = clients.clients();
    List<Pair> pairs = FederatedWassersteinJob.allPairs(names.size());
    boolean single = pairs.size() == 1;
    run.log().printf(Locale.ROOT, "[fedwad] %d client(s) %s, %d pair(s), d = %d, %s interpolation%n", names.size(),
        names.size() <= 12 ? names : "", pairs.size(), clients.dimension(),
        support == null ? "exact" : "support-limited (S = " + support + ")");
    Trace trace = new Trace();
    ProgressListener progress = run.progress("round", trace);
    FederatedWassersteinJob job = new FederatedWassersteinJob(
        JavaSparkContext.fromSparkContext(run.spark().sparkContext()), clients, config,
        support == null && initialSupport == 0);
    FedwadCheckpoint store = checkpoint == null ? null
        : FedwadCheckpoint.at(checkpoint, run.spark().sparkContext().hadoopConfiguration());
    String fingerprint = fingerprint(clients);
    FedwadCheckpoint.Snapshot resumed = store == null ? null : store.load(fingerprint).orElse(null);
    double offset = 0;
    if (resumed != null) {
      resumed.trace().forEach(trace::onIteration);
      offset = resumed.trace().isEmpty() ? 0 : resumed.trace().get(resumed.trace().size() - 1).elapsedSeconds();
      run.log().printf(Locale.ROOT, "[fedwad] resuming from %s after round %d%n", checkpoint, resumed.round());
      run.summary().put("resumed_after_round", resumed.round());
    }
    final double elapsedBefore = offset;
    long start = System.nanoTime();
    List<PairResult> results = job.run(pairs, resumed == null ? null : resumed.pairs(),
        resumed == null ? 0 : resumed.round(), (round, records, clientSeconds, serverSeconds) -> {
          IterationRecord r = single ? records.values().iterator().next()
              : aggregate(round, elapsedBefore + (System.nanoTime() - start) * 1e-9, records);
          progress.onIteration(withTimings(r, clientSeconds, serverSeconds));
        }, store == null ? null
            : (round, states) -> store.save(new FedwadCheckpoint.Snapshot(fingerprint, round, states, trace.records())));
    Map<Pair, Double> exact = verifyExact ? exactDistances(clients, pairs, run) : Map.of();
    run.solveFinished();
    writeDistances(run, names, results, exact);
    run.writeTrace(trace);

    boolean allConverged = results.stream().allMatch(r -> r.result().converged());
    int maxRounds = results.stream().mapToInt(r -> r.result().rounds()).max().orElse(0);
    run.summary().put("method", config.interpolation() == Interpolation.EXACT ? "fedwad-exact" : "fedwad-support-limited")
        .put("status", allConverged ? "converged" : "max-iterations")
        .put("iterations", maxRounds)
        .put("rounds", maxRounds)
        .put("p", p)
        .put("t", t)
        .put("clients", names)
        .put("dimension", clients.dimension());
    if (support != null) {
      run.summary().put("support", support);
    }
    if (single) {
      FederatedWasserstein.Result r = results.get(0).result();
      run.summary().put("estimate", r.estimate()).put("upper", r.upper()).put("lower", r.lower());
      if (verifyExact) {
        double ex = exact.get(pairs.get(0));
        run.summary().put("exact", ex).put("relative_error", (r.estimate() - ex) / ex)
            .put("bracket_contains_exact", r.lower() <= ex * (1 + 1e-12) && ex <= r.upper() * (1 + 1e-12));
      }
    } else {
      run.summary().put("pairs", pairs.size());
    }
    clients.unpersist();
    report(run, names, results, exact, trace, single);
  }

  /** What determines the numbers of a run (all but the round budget and tolerance), to match a checkpoint. */
  private String fingerprint(ClientMeasures clients) {
    StringBuilder sb = new StringBuilder();
    sb.append("inputs=").append(input.paths()).append(" format=").append(input.format())
        .append(" clients=").append(clients.clients());
    for (String c : clients.clients()) {
      sb.append(' ').append(c).append(':').append(clients.size(c));
    }
    sb.append(" d=").append(clients.dimension()).append(" p=").append(p).append(" t=").append(t)
        .append(" support=").append(support).append(" initial-support=").append(initialSupport)
        .append(" initial-scale=").append(initialScale).append(" seed=").append(seed)
        .append(" label-augment=").append(labelAugment);
    return sb.toString();
  }

  /** The record with the round's {@code clients_seconds} (Spark job) and {@code server_seconds} (driver) appended. */
  private static IterationRecord withTimings(IterationRecord r, double clientSeconds, double serverSeconds) {
    Map<String, Double> m = new java.util.LinkedHashMap<>(r.metrics());
    m.put("clients_seconds", clientSeconds);
    m.put("server_seconds", serverSeconds);
    return new IterationRecord(r.iteration(), r.elapsedSeconds(), m);
  }

  private static IterationRecord aggregate(int round, double elapsed, Map<Pair, IterationRecord> records) {
    double maxWidth = 0;
    double sumWidth = 0;
    double sumSupport = 0;
    for (IterationRecord r : records.values()) {
      maxWidth = Math.max(maxWidth, r.metric("bracket_width"));
      sumWidth += r.metric("bracket_width");
      sumSupport += r.metric("support");
    }
    int k = records.size();
    return IterationRecord.of(round, elapsed, "active_pairs", k, "max_bracket_width", maxWidth,
        "mean_bracket_width", sumWidth / k, "mean_support", sumSupport / k);
  }

  /** Centralized exact W_p per pair: the clients' samples gathered on the driver (verification only). */
  private Map<Pair, Double> exactDistances(ClientMeasures clients, List<Pair> pairs, JobRun run) {
    run.spark().sparkContext().setJobDescription("fedwad --verify-exact: gather the clients");
    List<ClientMeasure> all = clients.collect();
    run.spark().sparkContext().setJobDescription(null);
    Map<String, DiscreteMeasure> byName = new HashMap<>();
    for (ClientMeasure c : all) {
      byName.put(c.client(), c.measure());
    }
    List<String> names = clients.clients();
    Map<Pair, Double> out = new java.util.concurrent.ConcurrentHashMap<>();
    pairs.parallelStream().forEach(pr -> {
      NetworkSimplex.Result r = new NetworkSimplex().solveAuto(byName.get(names.get(pr.a())), byName.get(names.get(pr.b())), p);
      out.put(pr, r.wasserstein(p));
    });
    run.log().printf(Locale.ROOT, "[fedwad] exact W_%s computed centrally for %d pair(s)%n", OptionChecks.plain(p), pairs.size());
    return out;
  }


  /** distances.parquet: the K×K matrix in long form, both orders and the zero diagonal. */
  private void writeDistances(JobRun run, List<String> names, List<PairResult> results, Map<Pair, Double> exact) {
    List<Row> rows = new ArrayList<>();
    for (String c : names) {
      rows.add(RowFactory.create(c, c, 0.0, 0.0, 0.0, 0, true, verifyExact ? 0.0 : null));
    }
    for (PairResult r : results) {
      FederatedWasserstein.Result f = r.result();
      Double ex = exact.get(r.pair());
      String a = names.get(r.pair().a());
      String b = names.get(r.pair().b());
      rows.add(RowFactory.create(a, b, f.estimate(), f.lower(), f.upper(), f.rounds(), f.converged(), ex));
      rows.add(RowFactory.create(b, a, f.estimate(), f.lower(), f.upper(), f.rounds(), f.converged(), ex));
    }
    run.spark().createDataFrame(rows, Schemas.load(Schemas.FEDWAD_DISTANCES)).coalesce(1)
        .orderBy("client_a", "client_b").write().parquet(run.output().path("distances.parquet"));
  }

  private void report(JobRun run, List<String> names, List<PairResult> results, Map<Pair, Double> exact,
      Trace trace, boolean single) {
    TracePlots plots = new TracePlots();
    if (single) {
      Double ex = exact.isEmpty() ? null : exact.values().iterator().next();
      run.report().section("FedWaD rounds", s -> {
        s.paragraph("Per round: the certified upper bound U = d_A + d_B, the lower bound L = |d_A − d_B|, and the "
            + "estimate min U. " + (ex == null ? "" : String.format(Locale.ROOT, "Exact centralized W_p: %.6g.", ex)));
        plots.metrics("fedwad-bounds", "FedWaD bounds per round", trace, List.of("upper", "lower", "estimate"))
            .ifPresent(s::figure);
        plots.metrics("fedwad-width", "Relative bracket width (U − L)/U", trace, List.of("bracket_width"))
            .ifPresent(s::figure);
        plots.metrics("fedwad-support", "Atoms of ξ", trace, List.of("support")).ifPresent(s::figure);
      });
    } else {
      int k = names.size();
      double[][] m = new double[k][k];
      for (PairResult r : results) {
        m[r.pair().a()][r.pair().b()] = r.result().estimate();
        m[r.pair().b()][r.pair().a()] = r.result().estimate();
      }
      run.report().section("Pairwise federated distances", s -> {
        s.paragraph(k + " clients, " + results.size() + " pairs scheduled together: one Spark job per round for all pairs.");
        s.figure(new HeatMapPlot(HeatMapPlot.Options.defaults().withSize(Math.max(700, 60 * k + 300), Math.max(600, 60 * k + 200))
            .withValues(k <= 16, "0.0#")).render("fedwad-matrix", "FedWaD estimate of W_p", names, m));
        plots.metrics("fedwad-widths", "Bracket width across pairs", trace,
            List.of("max_bracket_width", "mean_bracket_width")).ifPresent(s::figure);
      });
    }
  }
}
