package dev.geodesic.jobs.ot;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.cli.OptionChecks;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.io.CostMatrixReader;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.InputSpec;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.output.TableWriter;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.report.TransportPlanPlot;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.EntropicPolicy;
import dev.geodesic.ot.OptimalTransport;
import dev.geodesic.ot.OtProblem;
import dev.geodesic.ot.SinkhornSolver;
import dev.geodesic.ot.CostMatrix;
import dev.geodesic.ot.TransportPlan;
import dev.geodesic.ot.TransportResult;
import dev.geodesic.progress.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code ot}: centralized OT between two point sets. Spark reads, validates and lays out the two
 * clients; both are gathered on the driver, where {@link OptimalTransport#solve} runs; the plan,
 * the result, the summary fields and the report are written from its {@link TransportResult}.
 *
 * @param inputs one input with a client column holding exactly two clients, or two inputs
 * @param clientColumn the client column of a single input
 * @param partitions partitions holding the clients (0: one per client)
 * @param costPath {@code --cost}: a cost matrix (Parquet, {@code ot-cost.schema.json}) used in place of
 *     ‖x − y‖^p, the points then giving only the sizes and weights; null for the ground cost
 * @param driverOptions checkpoint, resume and time limit of the iterative solver (Sinkhorn), which runs
 *     on the {@link IterativeJobDriver}; the exact and sliced solvers are one call each
 */
public record CentralizedOtJob(List<InputSpec> inputs, String clientColumn, int partitions, OtSolver solver,
    OtProblem problem, String costPath, IterativeJobDriver.Options driverOptions) {

  public void run(JobRun run) {
    Gathered g = gather(run);
    List<ClientMeasure> both = g.both();
    boolean weighted = g.weighted();
    DiscreteMeasure mu = both.get(0).measure();
    DiscreteMeasure nu = both.get(1).measure();
    double p = problem.groundCost().p();
    CostMatrix given = costPath == null ? null : CostMatrixReader.read(run.spark(), costPath, mu.size(), nu.size());
    run.summary().put("solver", solver.toString()).put("n", mu.size()).put("m", nu.size()).put("p", p)
        .put("dimension", mu.dimension()).put("source", both.get(0).client()).put("target", both.get(1).client())
        .put("weighted", weighted);
    if (costPath != null) {
      run.summary().put("cost_matrix", costPath);
    }
    run.solveStarted();
    run.log().printf(Locale.ROOT, "[ot] %s solver, n = %d, m = %d, d = %d, p = %s%s%s%n",
        solver, mu.size(), nu.size(), mu.dimension(), p, weighted ? ", weighted" : "",
        costPath == null ? "" : ", cost matrix " + costPath);
    Trace trace = new Trace();
    TransportResult r;
    if (problem instanceof OtProblem.Entropic entropic) {
      Solved solved = sinkhorn(entropic, mu, nu, given, run);
      r = solved.result();
      trace = solved.trace();
    } else {
      r = solve(mu, nu, given, run, trace);
      if (trace.size() > 0) {
        run.writeTrace(trace);
      }
    }
    run.solveFinished();
    Trace shown = trace;
    if (r.details() instanceof TransportResult.Entropic) {
      run.report().section("Sinkhorn convergence", s -> new TracePlots().metrics("sinkhorn-marginal-error",
          "Relative marginal error (ε-scaling stages)", shown, List.of("marginal_error")).ifPresent(s::figure));
    }
    summarize(run, r);
    CostMatrix planCost = given != null ? given : problem.groundCost().between(mu, nu);
    r.plan().ifPresent(plan -> writePlan(run, plan, planCost));
    writeResult(run, r);
    if (r.details() instanceof TransportResult.Exact && mu.dimension() == 2) {
      TransportPlan plan = r.plan().orElseThrow();
      run.report().section("Optimal plan", s -> s.figure(TransportPlanPlot.render("ot-plan",
          "Exact optimal plan (W_" + OptionChecks.plain(p) + ")",
          mu.atoms().values(), nu.atoms().values(), plan.rows(), plan.cols(), plan.mass(), 400)));
    }
  }

  /** Both point sets on the driver, and whether they carry the inputs' weights. */
  private record Gathered(List<ClientMeasure> both, boolean weighted) {}

  /** Reads the two clients and gathers them on the driver. */
  private Gathered gather(JobRun run) {
    DatasetReader reader = new DatasetReader(run.spark());
    ClientMeasures clients = inputs.size() == 2
        ? ClientMeasures.fromTwoInputs(reader.read(inputs.get(0)), reader.read(inputs.get(1)), false, partitions)
        : ClientMeasures.fromClientColumn(reader.read(inputs.get(0)), clientColumn, 2, false, partitions);
    if (clients.clients().size() != 2) {
      throw new InvalidInputException("input '" + inputs.get(0).path() + "' has " + clients.clients().size()
          + " clients " + clients.clients() + "; ot needs exactly 2 (fedwad computes all pairs)");
    }
    List<ClientMeasure> both = SparkJobs.described(run.spark().sparkContext(),
        "ot: gather both point sets on the driver", clients::collect);
    clients.unpersist();
    return new Gathered(both, clients.weighted());
  }

  /**
   * Sinkhorn on the iterative-job driver: one driver round per marginal check (five Sinkhorn iterations),
   * so {@code --checkpoint} saves the potentials f, g, the current ε and the iteration counts, and a rerun
   * resumes from them; the driver writes the trace.
   */
  private Solved sinkhorn(OtProblem.Entropic entropic, DiscreteMeasure mu, DiscreteMeasure nu, CostMatrix given,
      JobRun run) {
    CostMatrix cost;
    SinkhornSolver.Iterations method;
    try {
      cost = given != null ? given : entropic.cost(mu, nu);
      method = entropic.iterations(mu.weights(), nu.weights(), cost);
    } catch (EntropicPolicy.PlanTooLargeException e) {
      throw tooLarge(e);
    }
    IterationOutcome outcome = new IterativeJobDriver(run, driverOptions).run("check", method,
        IterationLoop.Config.of(StoppingRule.never()), "n=" + mu.size() + " m=" + nu.size() + " d=" + mu.dimension());
    return new Solved(entropic.result(method, cost, outcome.stopReason()), outcome.trace());
  }

  /** A solver's result and the trace the driver kept of its iterations (for the report). */
  private record Solved(TransportResult result, Trace trace) {}

  private static InvalidInputException tooLarge(EntropicPolicy.PlanTooLargeException e) {
    return new InvalidInputException("--solver sinkhorn keeps a dense n×m plan: " + e.rows() + "×" + e.cols()
        + " exceeds " + EntropicPolicy.MAX_PLAN_ENTRIES + " entries; use exact or sliced", e);
  }

  private TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, CostMatrix given, JobRun run, Trace trace) {
    try {
      return given == null ? OptimalTransport.solve(mu, nu, problem, run.progress(solver.progressUnit(), trace))
          : OptimalTransport.solve(mu.weights(), nu.weights(), given, problem, run.progress(solver.progressUnit(), trace));
    } catch (EntropicPolicy.PlanTooLargeException e) {
      throw tooLarge(e);
    }
  }

  private void summarize(JobRun run, TransportResult r) {
    run.summary().put("method", solver.method()).put("status", r.stopReason().label())
        .put("stop_reason", r.stopReason().label())
        .put("iterations", r.iterations()).put("cost", r.cost()).put("distance", r.distance())
        .put("quantity", r.quantity().description());
    if (r.details() instanceof TransportResult.Exact d) {
      run.summary().put("dual_objective", d.dualObjective()).put("plan_nonzeros", d.planNonZeros());
    } else if (r.details() instanceof TransportResult.Entropic d) {
      run.summary().put("epsilon", d.epsilon()).put("entropic_cost", d.entropicCost())
          .put("marginal_error", d.marginalError());
    } else if (r.details() instanceof TransportResult.Sliced d) {
      run.summary().put("standard_error", d.standardError()).put("projections", d.projections());
    }
  }

  /** plan.parquet: one row per nonzero, with its ground cost. */
  private static void writePlan(JobRun run, TransportPlan plan, CostMatrix cost) {
    List<Row> rows = new ArrayList<>(plan.nonZeros());
    for (int k = 0; k < plan.nonZeros(); k++) {
      int i = plan.rows()[k];
      int j = plan.cols()[k];
      rows.add(RowFactory.create(i, j, plan.mass()[k], cost.cost(i, j)));
    }
    TableWriter.write(run.spark(), rows, Schemas.OT_PLAN, run.output(), "plan.parquet");
  }

  /** result.parquet: one row, and the report's headline. */
  private void writeResult(JobRun run, TransportResult r) {
    String quantity = r.quantity().label();
    List<Row> rows = List.of(RowFactory.create(solver.toString(), quantity, problem.groundCost().p(), r.cost(), r.distance()));
    TableWriter.write(run.spark(), rows, Schemas.OT_RESULT, run.output(), "result.parquet");
    run.report().section("Optimal transport", s -> s.paragraph(String.format(Locale.ROOT,
        "%s solver: %s = %.8g (cost %.8g).", solver, quantity, r.distance(), r.cost())));
  }
}
