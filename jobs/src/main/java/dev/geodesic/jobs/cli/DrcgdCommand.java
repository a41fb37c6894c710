package dev.geodesic.jobs.cli;

import dev.geodesic.decentralized.DecentralizedMethod;
import dev.geodesic.decentralized.StepSchedule;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.decentralized.DecentralizedStiefelJob;
import dev.geodesic.jobs.decentralized.SparkAgents;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drcgd}: decentralized optimization on the Stiefel manifold (DRCGD and its baselines) with
 * each agent's rows cached on the executor that holds them. Parses options;
 * {@link DecentralizedStiefelJob} does the work.
 */
@Command(name = "drcgd", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Decentralized Riemannian optimization on St(d, r): n agents on a communication graph minimize",
        "(1/n)Σ f_i(x), each talking only to its neighbours (gossip). Agents are the input's partitions, or its clients",
        "with --client-col. PCA: f_i(x) = −(n/2N)·tr(xᵀA_iᵀA_i x). Procrustes: features = a (d values) then b (r values),",
        "f_i(x) = (n/2N)·‖A_i x − B_i‖²."})
public final class DrcgdCommand extends JobCommand {
  @Mixin
  InputOptions input;

  @Option(names = "--method", defaultValue = "drcgd", paramLabel = "M",
      description = "drcgd, drcgd-gt (gradient-tracking CG, with a step safeguard), dprgd, drdgd or drgta. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--problem", defaultValue = "pca", paramLabel = "P", description = "pca or procrustes. Default: ${DEFAULT-VALUE}.")
  String problem;

  @Option(names = "--agents", defaultValue = "16", paramLabel = "N",
      description = "Number of agents (≥ 2) when the input is not split by --client-col. Default: ${DEFAULT-VALUE}.")
  int agents;

  @Option(names = "--graph", defaultValue = "ring", paramLabel = "G",
      description = {"ring, er (Erdős–Rényi, --edge-prob), complete, star, torus, or a Parquet edge list with integer",
          "columns source and target (agents 0..n−1). Default: ${DEFAULT-VALUE}."})
  String graph;

  @Option(names = "--edge-prob", defaultValue = "0.6", paramLabel = "P", description = "er: edge probability. Default: ${DEFAULT-VALUE}.")
  double edgeProb;

  @Option(names = "--gossip", defaultValue = "1", paramLabel = "T", description = "Neighbour exchanges per iteration (W^t). Default: ${DEFAULT-VALUE}.")
  int gossip;

  @Option(names = "--chebyshev", description = "Accelerated gossip: a Chebyshev polynomial of W of degree T instead of W^T.")
  boolean chebyshev;

  @Option(names = "--rank", defaultValue = "5", paramLabel = "R", description = "r, the columns of x. Default: ${DEFAULT-VALUE}.")
  int rank;

  @Option(names = "--step", defaultValue = "0.05", paramLabel = "A", description = "Step α (constant) or α̂ (diminishing). Default: ${DEFAULT-VALUE}.")
  double step;

  @Option(names = "--step-schedule", defaultValue = "constant", paramLabel = "S",
      description = "constant, or diminishing: α_k = α̂/√(k+1). Default: ${DEFAULT-VALUE}.")
  String stepSchedule;

  @Option(names = "--iterations", defaultValue = "200", paramLabel = "K", description = "Iteration budget. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--truth", description = "pca: compute x* and f* from the summed Gramians (LAPACK) and report the distance to them.")
  boolean truth;

  @Mixin
  IterationOptions iteration;

  private DecentralizedStiefelJob.Settings settings;

  @Override
  protected Set<String> resumableOptions() {
    return Set.of("--iterations");
  }

  @Override
  protected void validateOptions() {
    input.validate(1, 1);
    DecentralizedMethod m;
    try {
      m = DecentralizedMethod.fromLabel(method);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--method: " + e.getMessage());
    }
    SparkAgents.Problem p = switch (problem.toLowerCase(Locale.ROOT)) {
      case "pca" -> SparkAgents.Problem.PCA;
      case "procrustes" -> SparkAgents.Problem.PROCRUSTES;
      default -> throw new InvalidInputException("--problem must be pca or procrustes, not '" + problem + "'");
    };
    if (!input.clientColumnGiven()) {
      OptionChecks.atLeast("--agents", agents, 2);
    }
    OptionChecks.atLeast("--gossip", gossip, 1);
    OptionChecks.atLeast("--rank", rank, 1);
    OptionChecks.atLeast("--iterations", iterations, 1);
    OptionChecks.positive("--step", step);
    if (!(edgeProb > 0 && edgeProb <= 1)) {
      throw new InvalidInputException("--edge-prob must be in (0, 1], got " + edgeProb);
    }
    StepSchedule schedule = switch (stepSchedule.toLowerCase(Locale.ROOT)) {
      case "constant" -> StepSchedule.constant(step);
      case "diminishing" -> StepSchedule.diminishing(step);
      default -> throw new InvalidInputException("--step-schedule must be constant or diminishing, not '" + stepSchedule + "'");
    };
    if (truth && p != SparkAgents.Problem.PCA) {
      throw new InvalidInputException("--truth: the ground truth is computed for --problem pca only");
    }
    iteration.driverOptions();
    settings = new DecentralizedStiefelJob.Settings(m, p, agents, graph, edgeProb, gossip, chebyshev, rank, schedule,
        iterations, truth, seed);
  }

  @Override
  protected void run(JobRun run) {
    ValidatedInput in = new DatasetReader(run.spark()).read(input.spec(0));
    List<String> clients = null;
    if (input.clientColumnGiven()) {
      if (!in.hasClient()) {
        throw new InvalidInputException("input '" + in.name() + "' has no client column '" + input.clientColumn() + "'");
      }
      clients = BlockLayout.clients(in);
      if (clients.size() < 2) {
        throw new InvalidInputException("--client-col " + input.clientColumn() + ": " + clients.size()
            + " client(s); decentralized optimization needs at least 2 agents");
      }
    }
    new DecentralizedStiefelJob(run, settings, iteration.driverOptions()).run(in, clients);
  }
}
