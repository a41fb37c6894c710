package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.ot.CentralizedOtJob;
import dev.geodesic.jobs.ot.OtSolver;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.ot.OtProblem;
import java.util.OptionalDouble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ot}: options of {@link CentralizedOtJob}, which does the work. */
@Command(name = "ot", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Centralized optimal transport between two point sets (uniform or --weight-col masses), solved on the driver.",
        "exact: network simplex, optimal cost, sparse plan and dual potentials;",
        "sinkhorn: entropic OT (reports the transport cost of its plan and the entropic cost);",
        "sliced: sliced W_p over random directions (a different quantity from W_p)."})
public final class OtCommand extends JobCommand {
  @Mixin
  InputOptions input;

  @Option(names = "--solver", defaultValue = "exact", paramLabel = "SOLVER",
      description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  OtSolver solver;

  @Mixin
  WeightOptions weights;

  @Mixin
  TransportOptions transport;

  @Option(names = "--cost", paramLabel = "PATH",
      description = {"exact, sinkhorn: a cost matrix (Parquet: row, costs; data-schemas/ot-cost.schema.json) used in place",
          "of ‖x−y‖^p; it must have n rows of m costs. The inputs then give only the sizes and weights;",
          "distance = cost^(1/p) (C read as d^p: use --p 1 when C is the distance itself)."})
  String costPath;

  @Option(names = "--epsilon", paramLabel = "E",
      description = "sinkhorn: regularization ε (absolute, in cost units). Default: 1%% of the mean cost.")
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

  @Mixin
  IterationOptions iteration;

  @Override
  protected void validateOptions() {
    input.validate(1, 2);
    weights.applyTo(input);
    transport.validate();
    if (costPath != null && solver == OtSolver.SLICED) {
      throw new InvalidInputException("--cost: the sliced solver projects the points, it cannot use a cost matrix;"
          + " use --solver exact or sinkhorn");
    }
    if (epsilon != null) {
      OptionChecks.positive("--epsilon", epsilon);
    }
    OptionChecks.positive("--tol", tol);
    OptionChecks.atLeast("--max-iterations", maxIterations, 1);
    OptionChecks.atLeast("--projections", projections, 1);
    iteration.driverOptions();
    if (solver != OtSolver.SINKHORN && (iteration.checkpoint != null || iteration.timeLimit != null)) {
      throw new InvalidInputException((iteration.checkpoint != null ? "--checkpoint" : "--time-limit")
          + ": only --solver sinkhorn iterates; the " + solver + " solver is one call");
    }
  }

  private OtProblem problem() {
    switch (solver) {
      case EXACT:
        return new OtProblem.Exact(transport.toConfig());
      case SINKHORN:
        return new OtProblem.Entropic(transport.toConfig(),
            epsilon == null ? OptionalDouble.empty() : OptionalDouble.of(epsilon), tol, maxIterations);
      default:
        return new OtProblem.Sliced(transport.toConfig(), projections, seed);
    }
  }

  @Override
  protected void run(JobRun run) {
    new CentralizedOtJob(input.specs(), input.clientColumn(), partitions, solver, problem(), costPath,
        iteration.driverOptions()).run(run);
  }
}
