package dev.geodesic.jobs.finitesum;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.LinearModelShape;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.distributed.DistributedSvrg;
import dev.geodesic.finitesum.distributed.RegularizationPath;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.MultinomialLogisticLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.cli.OptionChecks;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.output.TableWriter;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code finite-sum} on Spark: the rows become one cached shard per partition ({@link SparkFiniteSumShards},
 * dense or CSR by density), and {@link DistributedSvrg} runs on the {@link IterativeJobDriver}: per round
 * one broadcast + {@code treeAggregate} for the exact full gradient at the snapshot, and one job of local
 * variance-reduced passes (SVRG, SAGA or loopless SVRG) on every partition with that gradient as the
 * global correction, the local iterates averaged on the driver.
 */
public final class FiniteSumJob {
  /**
   * The command's options, checked.
   *
   * @param method the partitions' local solver
   * @param loss the loss of the margins
   * @param layout the row storage (auto: by density)
   * @param step the step, or NaN for the default 1/(3(L_max + λ₂))
   * @param fstar f* or NaN; targetGap and tol ≤ 0 when not given
   * @param relaxation the rounds' combination γ (see {@link DistributedSvrg#withRelaxation})
   * @param sampling how the partitions draw their rows (the default step follows it)
   * @param path a regularization path's grid of λ (of {@code pathPenalty}, the other penalty fixed), in
   *     solving order; null for one problem
   */
  public record Settings(FiniteSumChoices.Method method, FiniteSumChoices.Loss loss, double huberDelta, double l1,
      double l2, boolean intercept, double step, double fstar, double targetGap, double tol, double maxEpochs,
      FiniteSumChoices.LayoutChoice layout, double innerPasses, long seed, double[] path,
      FiniteSumChoices.PathPenalty pathPenalty, double relaxation, RowSampling sampling) {}

  /** A path point's tolerance when {@code --tol} is not given. */
  public static final double PATH_TOL = 1e-6;

  private final JobRun run;
  private final Settings settings;
  private final IterativeJobDriver driver;

  public FiniteSumJob(JobRun run, Settings settings, IterativeJobDriver.Options options) {
    this.run = run;
    this.settings = settings;
    this.driver = new IterativeJobDriver(run, options);
  }

  public void run(ValidatedInput input, int partitions) {
    if (!input.hasLabel()) {
      throw new InvalidInputException("input '" + input.name() + "' has no column 'label': finite-sum needs labels");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    JavaRDD<Row> rows = input.data().select("features", "label").javaRDD();
    if (partitions > 0 && partitions != rows.getNumPartitions()) {
      rows = rows.repartition(partitions);
    }
    int d = input.dimension();
    jsc.setJobDescription("finite-sum: input statistics (nonzeros, column sums, labels)");
    InputStatistics stats;
    try {
      stats = rows.treeAggregate(new InputStatistics(d), InputStatistics::add, InputStatistics::merge);
    } finally {
      jsc.setJobDescription(null);
    }
    MarginLoss loss = loss(stats);
    Layout layout = settings.layout().resolve(stats.nonZeros, stats.rows, d);
    double[] center = null;
    if (layout == Layout.DENSE && settings.intercept()) {
      center = stats.columnSums.clone();
      for (int j = 0; j < d; j++) {
        center[j] /= stats.rows;
      }
    }
    Regularizer penalty = Regularizer.of(settings.l1(), settings.l2());
    double density = (double) stats.nonZeros / ((double) stats.rows * Math.max(1, d));
    SparkFiniteSumShards shards = SparkFiniteSumShards.build(jsc, rows, d, layout, loss, penalty, settings.intercept(),
        center, null);
    run.log().printf(Locale.ROOT, "[finite-sum] %d rows × %d features (density %.3g) in %d %s shards, loss %s, K = %d%n",
        shards.rows(), d, density, shards.shards(), layout.label(), loss, loss.outputs());
    run.solveStarted();
    LinearModelShape shape = new LinearModelShape(d, loss.outputs(), settings.intercept(), penalty, center);
    FiniteSumOptions options = new FiniteSumOptions(settings.step(), settings.fstar(), settings.seed(),
        settings.innerPasses());
    if (settings.path() != null) {
      runPath(shards, shape, options, layout, d, density);
      return;
    }
    DistributedSvrg method = new DistributedSvrg(shards, shape, options, settings.method().local(), settings.sampling())
        .withRelaxation(settings.relaxation());
    IterationOutcome outcome = driver.run("round", method,
        IterationLoop.Config.of(new FiniteSumStopping(settings.targetGap(), settings.tol(), settings.maxEpochs()).rule())
            .withTimings("spark_seconds", "driver_seconds"),
        "rows=" + shards.rows() + " d=" + d + " layout=" + layout.label() + " K=" + loss.outputs() + " relaxation="
            + method.relaxation() + " sampling=" + method.sampling().label());
    double[] x = method.iterate();
    run.solveFinished();
    writeCoefficients(shape, x);
    summary(outcome, method, layout, shards, d, density);
    report(outcome);
    shards.unpersist();
  }

  /**
   * The path: one {@link RegularizationPath} run on the driver (one trace, one checkpoint series), every
   * point warm-started from the one before on the same cached shards.
   */
  private void runPath(SparkFiniteSumShards shards, LinearModelShape shape, FiniteSumOptions options, Layout layout,
      int d, double density) {
    List<Regularizer> grid = new ArrayList<>();
    for (double lambda : settings.path()) {
      grid.add(settings.pathPenalty() == FiniteSumChoices.PathPenalty.L1 ? Regularizer.of(lambda, settings.l2())
          : Regularizer.of(settings.l1(), lambda));
    }
    double tol = settings.tol() > 0 ? settings.tol() : PATH_TOL;
    RegularizationPath path = new RegularizationPath(shards, shape, options, settings.method().local(), settings.sampling(), grid, tol,
        settings.maxEpochs());
    IterationOutcome outcome = driver.run("round", path,
        IterationLoop.Config.of(StoppingRule.nonFinite(FiniteSumMethod.OBJECTIVE))
            .withTimings("spark_seconds", "driver_seconds"),
        "rows=" + shards.rows() + " d=" + d + " layout=" + layout.label() + " K=" + shape.outputs() + " path="
            + settings.pathPenalty() + Arrays.toString(settings.path()));
    run.solveFinished();
    List<RegularizationPath.Point> points = path.points();
    List<Row> out = new ArrayList<>();
    int k = shape.outputs();
    for (int p = 0; p < points.size(); p++) {
      RegularizationPath.Point pt = points.get(p);
      LinearModelShape at = shape.withPenalty(grid.get(p));
      double[] w = at.weights(pt.x());
      double[] b = at.intercepts(pt.x());
      for (int c = 0; c < k; c++) {
        List<Double> wk = new ArrayList<>(d);
        int nonzeros = 0;
        for (int j = 0; j < d; j++) {
          wk.add(w[c * d + j]);
          nonzeros += w[c * d + j] != 0 ? 1 : 0;
        }
        out.add(RowFactory.create(p, pt.l1(), pt.l2(), c, b[c], wk, nonzeros, pt.objective(), pt.gradMappingNorm(),
            pt.epochs(), pt.converged()));
      }
    }
    TableWriter.write(run.spark(), out, Schemas.FINITE_SUM_PATH, run.output(), "path.parquet");
    if (!points.isEmpty()) {
      RegularizationPath.Point last = points.get(points.size() - 1);
      writeCoefficients(shape.withPenalty(grid.get(points.size() - 1)), last.x());
    }
    IterationRecord lastRound = outcome.last().orElseThrow();
    int converged = (int) points.stream().filter(RegularizationPath.Point::converged).count();
    run.summary().put("method", settings.method().toString())
        .put("loss", settings.loss().toString())
        .put("objective", lastRound.metric(FiniteSumMethod.OBJECTIVE))
        .put("epochs", outcome.counts().dataPasses())
        .put("grad_mapping_norm", lastRound.metric(FiniteSumMethod.GRAD_MAPPING_NORM))
        .put("layout", layout.label())
        .put("density", density)
        .put("rows", shards.rows())
        .put("features", d)
        .put("shards", shards.shards())
        .put("sampling", settings.sampling().label())
        .put("step", path.step())
        .put("l1", lastRound.metric(RegularizationPath.L1))
        .put("l2", lastRound.metric(RegularizationPath.L2))
        .put("intercept", settings.intercept())
        .put("path_penalty", settings.pathPenalty().toString())
        .put("path_points", points.size())
        .put("path_converged_points", converged)
        .put("path_tol", tol);
    pathReport(outcome, points, d);
    shards.unpersist();
  }

  /** The path figure: the largest coefficients of output 0 against the path point, and the rounds' objective. */
  private void pathReport(IterationOutcome outcome, List<RegularizationPath.Point> points, int d) {
    TracePlots plots = new TracePlots();
    Trace coefficients = new Trace();
    List<String> shown = new ArrayList<>();
    if (!points.isEmpty()) {
      double[] last = points.get(points.size() - 1).x();
      Integer[] order = new Integer[d];
      for (int j = 0; j < d; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> Double.compare(Math.abs(last[b]), Math.abs(last[a])));
      for (int q = 0; q < Math.min(PATH_PLOT_COEFFICIENTS, d); q++) {
        shown.add("w" + order[q]);
      }
      for (int p = 0; p < points.size(); p++) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : shown) {
          m.put(name, points.get(p).x()[Integer.parseInt(name.substring(1))]);
        }
        coefficients.onIteration(new IterationRecord(p, 0.0, m));
      }
    }
    run.report().section("Regularization path", s -> {
      s.paragraph("One warm-started solve per λ of --" + settings.pathPenalty() + "-path " + Arrays.toString(
          settings.path()) + ", in that order; each point stops at gradient-mapping norm ≤ tol or its epoch budget. "
          + "The figure shows the " + shown.size() + " largest weights of output 0 at the last point, against the "
          + "point's index on the path (x axis).");
      plots.metrics("finite-sum-path", "Weights along the path (x: path point)", coefficients, shown)
          .ifPresent(s::figure);
      plots.metrics("finite-sum-path-objective", "Objective F + h per round", outcome.trace(),
          List.of(FiniteSumMethod.OBJECTIVE)).ifPresent(s::figure);
    });
  }

  /** Weights drawn in the path figure. */
  private static final int PATH_PLOT_COEFFICIENTS = 12;

  private MarginLoss loss(InputStatistics s) {
    switch (settings.loss()) {
      case LOGISTIC:
        if (!Double.isNaN(s.notBinary) || (s.zero && s.minusOne)) {
          throw new InvalidInputException("column 'label': logistic loss takes labels 0/1 or -1/+1, found "
              + (Double.isNaN(s.notBinary) ? "both 0 and -1" : OptionChecks.plain(s.notBinary)));
        }
        return settings.loss().scalar(settings.huberDelta());
      case SQUARED:
      case HUBER:
        return settings.loss().scalar(settings.huberDelta());
      default:
        if (s.nonInteger || s.minLabel < 0) {
          throw new InvalidInputException("column 'label': multinomial loss takes class indices 0, 1, …, found "
              + OptionChecks.plain(s.nonInteger ? s.notInteger : s.minLabel));
        }
        int k = (int) s.maxLabel + 1;
        if (k < 2) {
          throw new InvalidInputException("column 'label': multinomial loss needs at least 2 classes, found only class 0");
        }
        return new MultinomialLogisticLoss(k);
    }
  }

  /** coefficients.parquet: one row per output k with its intercept (original coordinates) and weights. */
  private void writeCoefficients(LinearModelShape shape, double[] x) {
    double[] w = shape.weights(x);
    double[] b = shape.intercepts(x);
    int d = shape.features();
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < shape.outputs(); k++) {
      List<Double> wk = new ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        wk.add(w[k * d + j]);
      }
      out.add(RowFactory.create(k, b[k], wk));
    }
    TableWriter.write(run.spark(), out, Schemas.FINITE_SUM_COEFFICIENTS, run.output(), "coefficients.parquet");
  }

  private void summary(IterationOutcome outcome, FiniteSumMethod<?> method, Layout layout, SparkFiniteSumShards shards,
      int d, double density) {
    IterationRecord last = outcome.last().orElseThrow();
    run.summary().put("method", settings.method().toString())
        .put("loss", settings.loss().toString())
        .put("objective", last.metric(FiniteSumMethod.OBJECTIVE))
        .put("epochs", outcome.counts().dataPasses())
        .put("grad_mapping_norm", last.metric(FiniteSumMethod.GRAD_MAPPING_NORM))
        .put("layout", layout.label())
        .put("density", density)
        .put("rows", shards.rows())
        .put("features", d)
        .put("shards", shards.shards())
        .put("sampling", settings.sampling().label())
        .put("step", method.step())
        .put("l1", settings.l1())
        .put("l2", settings.l2())
        .put("intercept", settings.intercept());
    if (!Double.isNaN(settings.fstar())) {
      run.summary().put("fstar", settings.fstar()).put("gap", last.metric(FiniteSumMethod.GAP));
      if (settings.targetGap() > 0) {
        Double reached = null;
        for (IterationRecord r : outcome.trace().records()) {
          if (r.metric(FiniteSumMethod.GAP) <= settings.targetGap()) {
            reached = r.elapsedSeconds();
            break;
          }
        }
        run.summary().put("target_gap", settings.targetGap()).put("seconds_to_target", reached);
      }
    }
  }

  private void report(IterationOutcome outcome) {
    TracePlots plots = new TracePlots();
    boolean gap = !Double.isNaN(settings.fstar());
    run.report().section("Finite-sum rounds", s -> {
      s.paragraph("Per round: one full gradient (broadcast + treeAggregate) and local " + settings.method()
          + " passes on every partition, averaged on the driver. Objective F + h, gradient-mapping norm"
          + (gap ? ", gap to f*" : "") + ".");
      plots.metrics("finite-sum-objective", "Objective F + h", outcome.trace(), List.of(FiniteSumMethod.OBJECTIVE))
          .ifPresent(s::figure);
      if (gap) {
        plots.metrics("finite-sum-gap", "Gap to f*", outcome.trace(), List.of(FiniteSumMethod.GAP)).ifPresent(s::figure);
      }
      plots.metrics("finite-sum-grad-mapping", "Gradient-mapping norm", outcome.trace(),
          List.of(FiniteSumMethod.GRAD_MAPPING_NORM)).ifPresent(s::figure);
    });
  }
}
