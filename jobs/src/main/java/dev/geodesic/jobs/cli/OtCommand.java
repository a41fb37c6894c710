package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.ot.ClientMeasure;
import dev.geodesic.jobs.ot.ClientMeasures;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.NetworkSimplex;
import dev.geodesic.ot.PointCloudCost;
import dev.geodesic.ot.SinkhornSolver;
import dev.geodesic.ot.SlicedWasserstein;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.report.TransportPlanPlot;
import dev.geodesic.progress.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ot}: centralized OT between two point sets (two inputs, or one input with two clients),
 * gathered on the driver: exact (network simplex), entropic (Sinkhorn) or sliced W_p.
 */
@Command(name = "ot", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Centralized optimal transport between two point sets (uniform weights), solved on the driver.",
        "exact: network simplex, optimal cost, sparse plan and dual potentials;",
        "sinkhorn: entropic OT (reports the transport cost of its plan and the entropic cost);",
        "sliced: sliced W_p over random directions (a different quantity from W_p)."})
public final class OtCommand extends JobCommand {
  /** Above this many plan entries Sinkhorn's dense n×m plan is refused (≈ 800 MB). */
  static final long SINKHORN_MAX_ENTRIES = 100_000_000L;

  @Mixin
  InputOptions input;

  @Option(names = "--solver", defaultValue = "exact", paramLabel = "SOLVER",
      description = "exact, sinkhorn or sliced. Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(names = "--p", defaultValue = "2", paramLabel = "P", description = "Ground cost ‖x−y‖^p, p ≥ 1. Default: ${DEFAULT-VALUE}.")
  double p;

  @Option(names = "--epsilon", paramLabel = "E",
      description = "sinkhorn: regularization ε (absolute, in cost units). Default: 1% of the mean cost.")
  Double epsilon;

  @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "T",
      description = "sinkhorn: stop when the relative L1 marginal error ≤ T. Default: ${DEFAULT-VALUE}.")
  double tol;

  @Option(names = "--max-iterations", defaultValue = "10000", paramLabel = "N",
      description = "sinkhorn: iteration budget over all ε-scaling stages. Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  @Option(names = "--projections", defaultValue = "200", paramLabel = "N",
      description = "sliced: number of random directions. Default: ${DEFAULT-VALUE}.")
  int projections;

  @Override
  protected void validateOptions() {
    input.validate(1, 2);
    if (!List.of("exact", "sinkhorn", "sliced").contains(solver)) {
      throw new InvalidInputException("--solver must be exact, sinkhorn or sliced, not '" + solver + "'");
    }
    OptionChecks.atLeast("--p", p, 1);
    if (epsilon != null) {
      OptionChecks.positive("--epsilon", epsilon);
    }
    OptionChecks.positive("--tol", tol);
    OptionChecks.atLeast("--max-iterations", maxIterations, 1);
    OptionChecks.atLeast("--projections", projections, 1);
  }

  @Override
  protected void run(JobRun run) {
    DatasetReader reader = new DatasetReader(run.spark());
    ClientMeasures clients = input.paths().size() == 2
        ? ClientMeasures.fromTwoInputs(reader.read(input.spec(0)), reader.read(input.spec(1)), false, partitions)
        : ClientMeasures.fromClientColumn(reader.read(input.spec(0)), input.clientColumn(), 2, false, partitions);
    if (clients.clients().size() != 2) {
      throw new InvalidInputException("input '" + input.paths().get(0) + "' has " + clients.clients().size()
          + " clients " + clients.clients() + "; ot needs exactly 2 (fedwad computes all pairs)");
    }
    run.spark().sparkContext().setJobDescription("ot: gather both point sets on the driver");
    List<ClientMeasure> both = clients.collect();
    clients.unpersist();
    DiscreteMeasure mu = both.get(0).measure();
    DiscreteMeasure nu = both.get(1).measure();
    int n = mu.size();
    int m = nu.size();
    run.summary().put("solver", solver).put("n", n).put("m", m).put("p", p).put("dimension", mu.dimension())
        .put("source", both.get(0).client()).put("target", both.get(1).client());
    run.solveStarted();
    run.log().printf(Locale.ROOT, "[ot] %s solver, n = %d, m = %d, d = %d, p = %s%n", solver, n, m, mu.dimension(), p);
    switch (solver) {
      case "exact":
        exact(run, mu, nu);
        break;
      case "sinkhorn":
        sinkhorn(run, mu, nu);
        break;
      default:
        sliced(run, mu, nu);
    }
  }

  private void exact(JobRun run, DiscreteMeasure mu, DiscreteMeasure nu) {
    Trace trace = new Trace();
    NetworkSimplex.Result r = new NetworkSimplex().solveAuto(mu, nu, p, run.progress("pivots", trace));
    run.solveFinished();
    if (trace.size() > 0) {
      run.writeTrace(trace);
    }
    boolean optimal = r.status() == NetworkSimplex.Status.OPTIMAL;
    run.summary().put("method", "network-simplex").put("status", optimal ? "converged" : "max-iterations")
        .put("iterations", r.iterations()).put("cost", r.cost()).put("distance", r.wasserstein(p))
        .put("quantity", "W_p (exact)").put("dual_objective", r.dualObjective(mu.weights(), nu.weights()))
        .put("plan_nonzeros", r.nonZeros());
    PointCloudCost cost = new PointCloudCost(mu.atoms(), nu.atoms(), p);
    List<Row> rows = new ArrayList<>(r.nonZeros());
    for (int k = 0; k < r.nonZeros(); k++) {
      int i = r.planRows()[k];
      int j = r.planCols()[k];
      rows.add(RowFactory.create(i, j, r.planMass()[k], cost.cost(i, j)));
    }
    writePlan(run, rows);
    writeResult(run, "W_p", r.cost(), r.wasserstein(p));
    if (mu.dimension() == 2) {
      run.report().section("Optimal plan", s -> s.figure(TransportPlanPlot.render("ot-plan",
          "Exact optimal plan (W_" + OptionChecks.plain(p) + ")",
          mu.atoms().values(), nu.atoms().values(), r.planRows(), r.planCols(), r.planMass(), 400)));
    }
  }

  private void sinkhorn(JobRun run, DiscreteMeasure mu, DiscreteMeasure nu) {
    long entries = (long) mu.size() * nu.size();
    if (entries > SINKHORN_MAX_ENTRIES) {
      throw new InvalidInputException("--solver sinkhorn keeps a dense n×m plan: " + mu.size() + "×" + nu.size()
          + " exceeds " + SINKHORN_MAX_ENTRIES + " entries; use exact or sliced");
    }
    PointCloudCost cost = new PointCloudCost(mu.atoms(), nu.atoms(), p);
    double eps = epsilon != null ? epsilon : 0.01 * meanCost(cost);
    Trace trace = new Trace();
    SinkhornSolver.Result r = new SinkhornSolver(new SinkhornSolver.Config(eps, 0.0, 0.5, tol, maxIterations))
        .solve(mu, nu, p, run.progress("iteration", trace));
    run.solveFinished();
    run.writeTrace(trace);
    run.report().section("Sinkhorn convergence", s -> new TracePlots().metrics("sinkhorn-marginal-error",
        "Relative marginal error (ε-scaling stages)", trace, List.of("marginal_error")).ifPresent(s::figure));
    run.summary().put("method", "sinkhorn-log-domain").put("status", r.converged() ? "converged" : "max-iterations")
        .put("iterations", r.iterations()).put("epsilon", r.epsilon())
        .put("cost", r.transportCost()).put("distance", Math.pow(Math.max(0, r.transportCost()), 1 / p))
        .put("entropic_cost", r.entropicCost()).put("marginal_error", r.marginalError())
        .put("quantity", "transport cost <P_eps, C> of the entropic plan (cost), and its p-th root (distance); "
            + "entropic_cost = <P_eps, C> + eps KL(P_eps | a x b)");
    double total = 0;
    for (double v : r.plan()) {
      total += v;
    }
    List<Row> rows = new ArrayList<>();
    int m = nu.size();
    for (int i = 0; i < mu.size(); i++) {
      for (int j = 0; j < m; j++) {
        double v = r.plan()[i * m + j];
        if (v > 1e-12 * total) {
          rows.add(RowFactory.create(i, j, v, cost.cost(i, j)));
        }
      }
    }
    writePlan(run, rows);
    writeResult(run, "transport cost of the entropic plan", r.transportCost(),
        Math.pow(Math.max(0, r.transportCost()), 1 / p));
  }

  private static double meanCost(PointCloudCost cost) {
    int n = cost.rows();
    int m = cost.cols();
    // A strided sample of at most ~10^4 entries: ε only needs the cost's scale.
    int si = Math.max(1, n / 100);
    int sj = Math.max(1, m / 100);
    double s = 0;
    long c = 0;
    for (int i = 0; i < n; i += si) {
      for (int j = 0; j < m; j += sj) {
        s += cost.cost(i, j);
        c++;
      }
    }
    return s > 0 ? s / c : 1.0;
  }

  private void sliced(JobRun run, DiscreteMeasure mu, DiscreteMeasure nu) {
    SlicedWasserstein.Result r = new SlicedWasserstein(new SlicedWasserstein.Config(projections, p, seed)).compute(mu, nu);
    run.solveFinished();
    run.summary().put("method", "sliced-wasserstein").put("status", "converged").put("iterations", r.projections())
        .put("cost", r.valuePowP()).put("distance", r.value()).put("standard_error", r.standardError())
        .put("projections", r.projections())
        .put("quantity", "sliced W_p (mean over random directions of 1-D W_p^p, then ^(1/p)); not W_p");
    writeResult(run, "sliced W_p", r.valuePowP(), r.value());
  }

  private static void writePlan(JobRun run, List<Row> rows) {
    run.spark().createDataFrame(rows, Schemas.load(Schemas.OT_PLAN)).coalesce(1)
        .write().parquet(run.output().path("plan.parquet"));
  }

  private void writeResult(JobRun run, String quantity, double cost, double distance) {
    List<Row> rows = List.of(RowFactory.create(solver, quantity, p, cost, distance));
    run.spark().createDataFrame(rows, Schemas.load(Schemas.OT_RESULT)).coalesce(1)
        .write().parquet(run.output().path("result.parquet"));
    run.report().section("Optimal transport", s -> s.paragraph(String.format(Locale.ROOT,
        "%s solver: %s = %.8g (cost %.8g).", solver, quantity, distance, cost)));
  }
}
