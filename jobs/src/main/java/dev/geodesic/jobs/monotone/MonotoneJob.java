package dev.geodesic.jobs.monotone;

import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.output.TableWriter;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.monotone.AnchoredExtragradient;
import dev.geodesic.monotone.DroLogisticBlock;
import dev.geodesic.monotone.Extragradient;
import dev.geodesic.monotone.FiniteSumOperator;
import dev.geodesic.monotone.Halpern;
import dev.geodesic.monotone.InexactVrHalpern;
import dev.geodesic.monotone.MonotoneInclusion;
import dev.geodesic.monotone.MonotoneMethod;
import dev.geodesic.monotone.VrExtragradient;
import dev.geodesic.monotone.VrHalpern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs one finite-sum monotone method on a {@link MonotoneProblem} through the
 * {@link IterativeJobDriver} and writes the summary ({@code residual}, {@code epochs}; for games
 * {@code value} and {@code duality_gap}), {@code solution.parquet} and the report. The method is the
 * single-machine one from {@code lib/}; only its operator is distributed.
 */
public final class MonotoneJob {
  /**
   * @param method vr-halpern, vr-halpern-inexact, eg, eag, vr-eg or halpern
   * @param maxEpochs the epoch budget
   * @param targetResidual stop when the residual is at most this (null: budget only)
   * @param step the method's step (η, or γ for vr-eg and the VR-FoRB step), null for the defaults
   * @param innerAccuracy σ of vr-halpern-inexact's inner stopping test
   * @param seed the sampling seed
   * @param compareErm dro-logistic: also solve plain logistic regression (ρ = 0) with the same method and budget
   * @param fetchBytes the most component data one Spark job brings to the driver for the stochastic steps (0: none)
   */
  public record Settings(String method, double maxEpochs, Double targetResidual, Double step, double innerAccuracy,
      long seed, boolean compareErm, long fetchBytes) {}

  private final JobRun run;
  private final MonotoneProblem problem;
  private final Settings settings;
  private final IterativeJobDriver driver;

  /** dro-logistic with a {@code client} column: the input, whose clients are the groups of the accuracies; else null. */
  private final dev.geodesic.jobs.io.ValidatedInput groups;

  MonotoneJob(JobRun run, MonotoneProblem problem, Settings settings, IterativeJobDriver.Options options,
      dev.geodesic.jobs.io.ValidatedInput groups) {
    this.run = run;
    this.groups = groups;
    this.problem = problem.withFetchBytes(settings.fetchBytes());
    this.settings = settings;
    this.driver = new IterativeJobDriver(run, options);
  }

  /** The method with the reference code's parameters on games (spec §2), the operator's defaults otherwise. */
  MonotoneMethod<?> method() {
    return method(problem.inclusion());
  }

  private MonotoneMethod<?> method(MonotoneInclusion inc) {
    FiniteSumOperator f = inc.operator();
    double[] u0 = problem.start();
    boolean game = problem.isGame();
    int n = f.components();
    double p = 1.0 / n;
    Double s = settings.step();
    long seed = settings.seed();
    switch (settings.method()) {
      case "eg":
        return new Extragradient(inc, u0, new Extragradient.Config(s != null ? s
            : game ? 5 / problem.gameNorms().spectral() : 0.9 / f.lipschitz()));
      case "eag":
        return new AnchoredExtragradient(inc, u0, new AnchoredExtragradient.Config(s != null ? s
            : game ? 5 / problem.gameNorms().spectral() : 0.9 / f.lipschitz()));
      case "halpern":
        return new Halpern(inc, u0, s != null ? new Halpern.Config(s) : Halpern.Config.defaults(f));
      case "vr-halpern":
        return new VrHalpern(inc, u0, new VrHalpern.Config(s != null ? s
            : game ? 5 / problem.gameNorms().frobenius() : VrHalpern.Config.defaults(f, seed).eta(), 0, 1.0, seed));
      case "vr-eg":
        return new VrExtragradient(inc, u0, new VrExtragradient.Config(s != null ? s
            : game ? 3 * Math.sqrt(p) / problem.gameNorms().frobenius() : VrExtragradient.Config.defaults(f, seed).gamma(),
            0, 1.0, seed));
      case "vr-halpern-inexact": {
        InexactVrHalpern.Config d = game
            ? new InexactVrHalpern.Config(Math.sqrt(n) / problem.gameNorms().frobenius(),
                5 * Math.sqrt(p * (1 - p)) / (Math.sqrt(n) + 1), 0, settings.innerAccuracy(), 1000, seed)
            : InexactVrHalpern.Config.defaults(f, settings.innerAccuracy(), seed);
        return new InexactVrHalpern(inc, u0, s == null ? d
            : new InexactVrHalpern.Config(d.c(), s, 0, d.accuracy(), d.maxInnerEpochs(), seed));
      }
      default:
        throw new IllegalArgumentException("unknown method " + settings.method());
    }
  }

  public void run() {
    MonotoneMethod<?> method = method();
    run.solveStarted();
    FiniteSumOperator f = problem.inclusion().operator();
    run.log().printf(Locale.ROOT, "[monotone] %s by %s: n = %d components, dimension %d, %d partition(s), "
        + "up to %d fetched components per job%n", problem.kind(), settings.method(), f.components(), f.dimension(),
        problem.operator().blocks().getNumPartitions(), problem.operator().fetchLimit());
    long jobsBefore = problem.operator().jobs();
    StoppingRule budget = StoppingRule.maxDataPasses(settings.maxEpochs());
    StoppingRule rule = (settings.targetResidual() == null ? budget
        : StoppingRule.atMost(MonotoneMethod.RESIDUAL, settings.targetResidual(), dev.geodesic.iteration.StopReason.TARGET_REACHED)
            .or(budget)).or(StoppingRule.nonFinite(MonotoneMethod.RESIDUAL));
    IterationOutcome outcome = driver.run("iteration", method,
        IterationLoop.Config.of(rule).withTimings("spark_seconds", "driver_seconds"),
        problem.kind() + " m=" + problem.m() + " n=" + problem.n());
    long solveJobs = problem.operator().jobs() - jobsBefore;
    double[] u = method.iterate();
    run.spark().sparkContext().setJobDescription("monotone: final residual and summary");
    double[] fu = new double[u.length];
    f.apply(u, fu);
    double residual = problem.inclusion().residualGiven(u, fu, 1.0);
    run.solveFinished();
    run.summary().put("method", settings.method()).put("problem", problem.kind())
        .put("residual", residual).put("epochs", outcome.counts().dataPasses())
        .put("components", f.components()).put("dimension", f.dimension())
        .put("spark_jobs", solveJobs).put("fetch_limit", problem.operator().fetchLimit())
        .put("spark_seconds", total(outcome, "spark_seconds")).put("driver_seconds", total(outcome, "driver_seconds"));
    List<Row> rows = new ArrayList<>();
    if (problem.isGame()) {
      gameSummary(u, fu, rows);
    } else if (problem.saddle() != null) {
      double s = 0;
      for (int k = 0; k < u.length; k++) {
        s += (u[k] - problem.saddle()[k]) * (u[k] - problem.saddle()[k]);
      }
      run.summary().put("distance_to_saddle", Math.sqrt(s));
      block(rows, "x", u, 0, problem.n());
      block(rows, "y", u, problem.n(), problem.m());
    } else {
      droSummary(u, rows);
    }
    run.spark().sparkContext().setJobDescription(null);
    TableWriter.write(run.spark(), rows, Schemas.MONOTONE_SOLUTION, run.output(), "solution.parquet");
    TracePlots plots = new TracePlots(TracePlots.Options.defaults());
    run.report().section("Residual", s -> {
      s.paragraph(String.format(Locale.ROOT, "%s on %s: residual %.4g after %.1f epochs (component evaluations / n).",
          settings.method(), problem.kind(), residual, outcome.counts().dataPasses()));
      plots.metrics("monotone-residual", "Residual at the last iterate", outcome.trace(),
          List.of(MonotoneMethod.RESIDUAL)).ifPresent(s::figure);
    });
    problem.operator().blocks().unpersist();
  }

  /** The sum of a timing metric over the trace's iterations. */
  private static double total(IterationOutcome outcome, String metric) {
    return outcome.trace().records().stream().mapToDouble(r -> r.metric(metric)).filter(Double::isFinite).sum();
  }

  /** F(u) = (Aᵀy, −Ax): the value yᵀAx = −⟨y, F_y⟩ and the gap max_i (Ax)_i − min_j (Aᵀy)_j from one evaluation. */
  private void gameSummary(double[] u, double[] fu, List<Row> rows) {
    int n = problem.n();
    int m = problem.m();
    double value = 0;
    double maxAx = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      value -= u[n + i] * fu[n + i];
      maxAx = Math.max(maxAx, -fu[n + i]);
    }
    double minAty = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      minAty = Math.min(minAty, fu[j]);
    }
    run.summary().put("value", value).put("duality_gap", maxAx - minAty)
        .put("spectral_norm", problem.gameNorms().spectral()).put("frobenius_norm", problem.gameNorms().frobenius());
    block(rows, "x", u, 0, n);
    block(rows, "y", u, n, m);
  }

  private void droSummary(double[] u, List<Row> rows) {
    int d = problem.n();
    double[] acc = accuracies(u);
    run.summary().put("accuracy", acc[0]).put("worst_group_accuracy", acc[1]).put("groups", groups == null ? "label" : "client");
    if (groups != null) {
      java.util.Map<String, long[]> by = GroupAccuracy.byClient(groups, u, d);
      java.util.Map<String, Object> each = new java.util.TreeMap<>();
      by.forEach((g, c) -> each.put(g, (double) c[1] / c[0]));
      run.summary().put("worst_group_accuracy", GroupAccuracy.worst(by)).put("group_accuracy", each);
    }
    if (settings.compareErm()) {
      // Plain logistic regression: the same operator with Q = {uniform} (ρ = 0), same method and budget,
      // run on the plain loop (its jobs are not part of the trace).
      MonotoneInclusion erm = new MonotoneInclusion(problem.operator(),
          dev.geodesic.monotone.DroLogisticRegression.resolvent(d, problem.m(), 0));
      run.spark().sparkContext().setJobDescription("monotone: plain logistic regression for comparison");
      dev.geodesic.monotone.MonotoneResult r = method(erm).solve(StoppingRule.maxDataPasses(settings.maxEpochs()));
      double[] e = accuracies(r.solution());
      run.summary().put("erm_accuracy", e[0]).put("erm_worst_group_accuracy", groups == null ? e[1]
          : GroupAccuracy.worst(GroupAccuracy.byClient(groups, r.solution(), d))).put("erm_residual", r.residual());
    }
    block(rows, "w", u, 0, d);
    block(rows, "intercept", u, d, 1);
    block(rows, "q", u, d + 1, problem.m());
  }

  /** {overall accuracy, worst accuracy over the two labels} of the classifier z ≥ 0 ⇒ 1 at u. */
  private double[] accuracies(double[] u) {
    long[] c = problem.operator().blocks().map(b -> ((DroLogisticBlock) b).accuracyByLabel(u)).reduce((a, b) -> {
      for (int k = 0; k < a.length; k++) {
        a[k] += b[k];
      }
      return a;
    });
    double acc0 = c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
    double acc1 = c[2] == 0 ? Double.NaN : (double) c[3] / c[2];
    return new double[] {(double) (c[1] + c[3]) / (c[0] + c[2]),
        Double.isNaN(acc0) ? acc1 : Double.isNaN(acc1) ? acc0 : Math.min(acc0, acc1)};
  }

  private static void block(List<Row> rows, String name, double[] u, int from, int count) {
    for (int k = 0; k < count; k++) {
      rows.add(RowFactory.create(name, k, u[from + k]));
    }
  }
}
