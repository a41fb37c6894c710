package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.ot.ClientMeasures;
import dev.geodesic.jobs.ot.FederatedWassersteinJob;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.Interpolation;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fedwad}: the federated Wasserstein distance between two clients (two inputs, or one input
 * with two clients), or between all pairs of K clients of one input, with each client's samples kept
 * in the executor that caches them. Parses options; {@link FederatedWassersteinJob} does the work.
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
          "Default 0: the size of the pair's smaller client (with equal sizes the plans are then permutations;",
          "otherwise they split mass and ξ grows until --max-support re-quantizes it)."})
  int initialSupport;

  @Option(names = "--max-support", defaultValue = "0", paramLabel = "C",
      description = {"Cap on the atoms of the server's measure ξ under exact interpolation: above it ξ is re-quantized",
          "(atoms merged pairwise by Ward's rule, least added W2² first; the bracket stays certified).",
          "Default 0: max(S, n + m), the two clients' sizes (a point on their geodesic has at most n + m − 1 atoms);",
          "with --server-step interpolate max(S, the larger size), as its server solves a C × C problem each round."})
  int maxSupport;

  @Option(names = "--initial-scale", defaultValue = "1.0", paramLabel = "s",
      description = "Standard deviation s of ξ⁽⁰⁾'s atoms. Default: ${DEFAULT-VALUE}.")
  double initialScale;

  @Option(names = "--t", defaultValue = "random", paramLabel = "random|VALUE",
      description = "Interpolation time of the clients (and of the server under --server-step interpolate): random"
          + " (U(0,1) per party and call) or a fixed value in [0,1]. Default: ${DEFAULT-VALUE}.")
  String t;

  @Option(names = "--server-step", defaultValue = "select", paramLabel = "select|interpolate",
      description = "How the server forms its next measure from the clients' interpolants: select keeps one of the"
          + " two at random (no server solve; the default, far more accurate on unequal or high-dimensional clients,"
          + " but the measure a client receives can come close to the other client's samples), interpolate is the"
          + " paper's step, a point at a random time on the geodesic between them. Default: ${DEFAULT-VALUE}.")
  String serverStep;

  @Mixin
  WeightOptions weights;

  @Mixin
  TransportOptions transport;

  @Option(names = "--verify-exact", description = "Also compute the centralized exact W_p (network simplex on the gathered samples) for comparison.")
  boolean verifyExact;

  @Option(names = "--label-augment",
      description = "OTDD-style: each client appends to every sample its label class's mean and √diag(covariance) (needs a label column).")
  boolean labelAugment;

  @Mixin
  IterationOptions iteration;

  private FederatedWasserstein.Config config;

  @Override
  protected Set<String> resumableOptions() {
    return Set.of("--rounds", "--tol", "--verify-exact");
  }

  @Override
  protected void validateOptions() {
    input.validate(1, 2);
    weights.applyTo(input);
    OptionChecks.atLeast("--rounds", rounds, 1);
    OptionChecks.atLeast("--tol", tol, 0);
    transport.validate();
    if (support != null) {
      OptionChecks.atLeast("--support", support, 1);
    }
    OptionChecks.atLeast("--initial-support", initialSupport, 0);
    OptionChecks.atLeast("--max-support", maxSupport, 0);
    OptionChecks.positive("--initial-scale", initialScale);
    iteration.driverOptions();
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
    FederatedWasserstein.ServerStep step;
    try {
      step = FederatedWasserstein.ServerStep.fromLabel(serverStep);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--server-step must be select or interpolate, got '" + serverStep + "'");
    }
    config = new FederatedWasserstein.Config(transport.p(), rounds, tol, mode, fixed,
        support == null ? Interpolation.EXACT : Interpolation.SUPPORT_LIMITED,
        support != null ? support : initialSupport, initialScale, seed, maxSupport, step);
  }

  @Override
  protected void run(JobRun run) {
    DatasetReader reader = new DatasetReader(run.spark());
    ClientMeasures clients = input.paths().size() == 2
        ? ClientMeasures.fromTwoInputs(reader.read(input.spec(0)), reader.read(input.spec(1)), labelAugment, partitions)
        : ClientMeasures.fromClientColumn(reader.read(input.spec(0)), input.clientColumn(), 2, labelAugment, partitions);
    run.executorBlas(clients.executorBlas());
    run.summary().put("weighted", clients.weighted());
    new FederatedWassersteinJob(run, clients, new FederatedWassersteinJob.Settings(config, t, verifyExact),
        iteration.driverOptions()).run();
  }
}
