package dev.geodesic.jobs.ot;

import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.report.HeatMapPlot;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.FederatedWassersteinRounds.Pair;
import dev.geodesic.ot.FederatedWassersteinRounds.PairResult;
import dev.geodesic.ot.Interpolation;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import dev.geodesic.jobs.output.TableWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** What a FedWaD run writes: {@code distances.parquet}, its summary fields and its report section. */
final class FedwadOutputs {
  private final JobRun run;
  private final List<String> names;
  private final int dimension;
  private final FederatedWassersteinJob.Settings settings;

  FedwadOutputs(JobRun run, List<String> names, int dimension, FederatedWassersteinJob.Settings settings) {
    this.run = run;
    this.names = names;
    this.dimension = dimension;
    this.settings = settings;
  }

  void write(List<PairResult> results, Map<Pair, Double> exact, IterationOutcome outcome) {
    writeDistances(results, exact);
    FederatedWasserstein.Config config = settings.config();
    boolean single = results.size() == 1;
    run.summary().put("method", config.interpolation() == Interpolation.EXACT ? "fedwad-exact" : "fedwad-support-limited")
        .put("rounds", outcome.iterations())
        .put("p", config.p())
        .put("t", settings.timeLabel())
        .put("server_step", config.serverStep().label())
        .put("clients", names)
        .put("dimension", dimension);
    if (config.interpolation() == Interpolation.SUPPORT_LIMITED) {
      run.summary().put("support", config.initialSupport());
    } else if (!config.autoMaxSupport()) {
      run.summary().put("max_support", config.maxSupport());
    }
    if (single) {
      FederatedWasserstein.Result r = results.get(0).result();
      run.summary().put("estimate", r.estimate()).put("upper", r.upper()).put("lower", r.lower())
          .put("lower_bound", r.lowerBound().name().toLowerCase(Locale.ROOT));
      if (settings.verifyExact()) {
        double ex = exact.get(results.get(0).pair());
        run.summary().put("exact", ex).put("relative_error", (r.estimate() - ex) / ex)
            .put("bracket_contains_exact", r.lower() <= ex * (1 + 1e-12) && ex <= r.upper() * (1 + 1e-12));
      }
      report(outcome.trace(), exact.isEmpty() ? null : exact.values().iterator().next());
    } else {
      run.summary().put("pairs", results.size());
      reportMatrix(results, outcome.trace());
    }
  }

  /** distances.parquet: the K×K matrix in long form, both orders and the zero diagonal. */
  private void writeDistances(List<PairResult> results, Map<Pair, Double> exact) {
    boolean verify = settings.verifyExact();
    List<Row> rows = new ArrayList<>();
    for (String c : names) {
      rows.add(RowFactory.create(c, c, 0.0, 0.0, 0.0, 0, true, verify ? 0.0 : null));
    }
    for (PairResult r : results) {
      FederatedWasserstein.Result f = r.result();
      Double ex = exact.get(r.pair());
      String a = names.get(r.pair().a());
      String b = names.get(r.pair().b());
      rows.add(RowFactory.create(a, b, f.estimate(), f.lower(), f.upper(), f.rounds(), f.converged(), ex));
      rows.add(RowFactory.create(b, a, f.estimate(), f.lower(), f.upper(), f.rounds(), f.converged(), ex));
    }
    rows.sort(Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1)));
    TableWriter.write(run.spark(), rows, Schemas.FEDWAD_DISTANCES, run.output(), "distances.parquet");
  }

  private void report(Trace trace, Double exact) {
    TracePlots plots = new TracePlots();
    Trace bracket = bestSoFar(trace, exact);
    run.report().section("FedWaD rounds", s -> {
      s.paragraph("The certified bracket as best-so-far bounds: min over rounds of U = d_A + d_B, and max over rounds "
          + "of L, the larger of |d_A − d_B| and the summary bounds (Gelbrich, 1-D projections); the estimate is min U. "
          + (exact == null ? "" : String.format(Locale.ROOT, "Exact centralized W_p: %.6g (drawn as 'exact').", exact)));
      plots.metrics("fedwad-bounds", "FedWaD certified bracket (best so far)", bracket,
          exact == null ? List.of("upper", "lower") : List.of("upper", "lower", "exact")).ifPresent(s::figure);
      plots.metrics("fedwad-width", "Relative bracket width (U − L)/U", trace, List.of("bracket_width"))
          .ifPresent(s::figure);
      plots.metrics("fedwad-support", "Atoms of ξ", trace, List.of("support")).ifPresent(s::figure);
    });
  }

  /** Running min of U and running max of L per round (the per-round L jumps around), with the exact value. */
  static Trace bestSoFar(Trace trace, Double exact) {
    Trace out = new Trace();
    double u = Double.POSITIVE_INFINITY;
    double l = 0.0;
    for (IterationRecord r : trace.records()) {
      u = Math.min(u, r.metric("upper"));
      l = Math.max(l, r.metric("lower"));
      out.onIteration(exact == null ? IterationRecord.of(r.iteration(), r.elapsedSeconds(), "upper", u, "lower", l)
          : IterationRecord.of(r.iteration(), r.elapsedSeconds(), "upper", u, "lower", l, "exact", exact));
    }
    return out;
  }

  private void reportMatrix(List<PairResult> results, Trace trace) {
    int k = names.size();
    double[][] m = new double[k][k];
    for (PairResult r : results) {
      m[r.pair().a()][r.pair().b()] = r.result().estimate();
      m[r.pair().b()][r.pair().a()] = r.result().estimate();
    }
    TracePlots plots = new TracePlots();
    run.report().section("Pairwise federated distances", s -> {
      s.paragraph(k + " clients, " + results.size() + " pairs scheduled together: one Spark job per round for all pairs.");
      s.figure(new HeatMapPlot(HeatMapPlot.Options.defaults().withSize(Math.max(700, 60 * k + 300), Math.max(600, 60 * k + 200))
          .withValues(k <= 16, "0.0#")).render("fedwad-matrix", "FedWaD estimate of W_p", names, m));
      plots.metrics("fedwad-widths", "Bracket width across pairs", trace,
          List.of("max_bracket_width", "mean_bracket_width")).ifPresent(s::figure);
    });
  }
}
