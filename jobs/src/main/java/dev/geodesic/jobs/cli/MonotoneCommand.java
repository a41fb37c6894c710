package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.monotone.MonotoneJob;
import dev.geodesic.jobs.monotone.MonotoneJobs;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monotone}: a finite-sum monotone inclusion 0 ∈ F(u) + G(u) (a matrix game, a regularized
 * bilinear saddle problem, distributionally robust logistic regression) solved by a variance-reduced
 * Halpern method or a baseline, with the components partitioned across the executors. Parses
 * options; {@link MonotoneJobs} builds the problem and {@link MonotoneJob} runs it.
 */
@Command(name = "monotone", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Finite-sum monotone inclusions (Cai, Alacaoglu & Diakonikolas 2024): min-max problems whose",
        "operator is a sum of n components held by the executors; stops on the residual or an epoch budget."})
public final class MonotoneCommand extends JobCommand {
  static final List<String> METHODS = List.of("vr-halpern", "vr-halpern-inexact", "eg", "eag", "vr-eg", "halpern");
  static final List<String> PROBLEMS = List.of("matrix-game", "policeman-burglar", "bilinear", "dro-logistic");

  @Mixin
  InputOptions input;

  @Option(names = "--method", defaultValue = "vr-halpern", paramLabel = "M",
      description = "vr-halpern, vr-halpern-inexact, eg, eag, vr-eg or halpern. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--problem", defaultValue = "policeman-burglar", paramLabel = "P",
      description = {"matrix-game (--input: row i is row i of A, the maximizer's strategy i),",
          "policeman-burglar (--weights or --n), bilinear (--n), dro-logistic (--input with 0/1 labels).",
          "Default: ${DEFAULT-VALUE}."})
  String problem;

  @Option(names = "--n", defaultValue = "500", paramLabel = "N",
      description = "policeman-burglar without --weights, bilinear: the size n. Default: ${DEFAULT-VALUE}.")
  int n;

  @Option(names = "--weights", paramLabel = "PATH", description = "policeman-burglar: the house weights w_j, one a line.")
  String weights;

  @Option(names = "--theta", defaultValue = "0.8", paramLabel = "θ", description = "policeman-burglar: θ. Default: ${DEFAULT-VALUE}.")
  double theta;

  @Option(names = "--rho", defaultValue = "1.0", paramLabel = "ρ|inf",
      description = "dro-logistic: the χ² budget ρ of the sample weights (inf: the whole simplex). Default: ${DEFAULT-VALUE}.")
  String rho;

  @Option(names = "--l2", defaultValue = "1e-4", paramLabel = "λ", description = "dro-logistic: L2 weight. Default: ${DEFAULT-VALUE}.")
  double l2;

  @Option(names = "--max-epochs", defaultValue = "1000", paramLabel = "E",
      description = "Budget of component evaluations / n. Default: ${DEFAULT-VALUE}.")
  double maxEpochs;

  @Option(names = "--target-residual", paramLabel = "R", description = "Stop once the last iterate's residual is ≤ R.")
  Double targetResidual;

  @Option(names = "--step", paramLabel = "S",
      description = "The step (η; γ for vr-eg and vr-halpern-inexact's inner solver). Default: the reference code's on games.")
  Double step;

  @Option(names = "--inner-accuracy", defaultValue = "1000", paramLabel = "σ",
      description = "vr-halpern-inexact: σ of the inner stopping test. Default: ${DEFAULT-VALUE}.")
  double innerAccuracy;

  @Option(names = "--fetch-mb", paramLabel = "MB",
      description = {"vr-halpern, vr-eg, vr-halpern-inexact on Spark: one job brings up to MB of the components the",
          "next stochastic steps drew to the driver, which runs those steps itself (0: one job per step,",
          "evaluated where the components live). Same iterates either way. Default: 64 for vr-eg and",
          "vr-halpern-inexact (one component a step), 0 for vr-halpern (its sqrt(n)-batches ship more than",
          "the per-step jobs they replace)."})
  Double fetchMb;

  @Option(names = "--compare-erm",
      description = "dro-logistic: also fit plain logistic regression (ρ = 0) with the same method and budget; summary erm_*.")
  boolean compareErm;

  @Mixin
  IterationOptions iteration;

  double rhoValue;

  @Override
  protected Set<String> resumableOptions() {
    return Set.of("--max-epochs", "--target-residual", "--fetch-mb");
  }

  @Override
  protected void validateOptions() {
    if (!METHODS.contains(method)) {
      throw new InvalidInputException("--method must be one of " + String.join(", ", METHODS) + ", not '" + method + "'");
    }
    if (!PROBLEMS.contains(problem)) {
      throw new InvalidInputException("--problem must be one of " + String.join(", ", PROBLEMS) + ", not '" + problem + "'");
    }
    boolean needsInput = problem.equals("matrix-game") || problem.equals("dro-logistic");
    input.validate(needsInput ? 1 : 0, needsInput ? 1 : 0);
    OptionChecks.atLeast("--n", n, 2);
    OptionChecks.positive("--theta", theta);
    OptionChecks.atLeast("--l2", l2, 0);
    OptionChecks.positive("--max-epochs", maxEpochs);
    OptionChecks.positive("--inner-accuracy", innerAccuracy);
    if (fetchMb != null) {
      OptionChecks.atLeast("--fetch-mb", fetchMb, 0); // also rejects a non-finite value
    }
    if (targetResidual != null) {
      OptionChecks.positive("--target-residual", targetResidual);
    }
    if (step != null) {
      OptionChecks.positive("--step", step);
    }
    if (compareErm && !problem.equals("dro-logistic")) {
      throw new InvalidInputException("--compare-erm is only for --problem dro-logistic");
    }
    if (weights != null && !problem.equals("policeman-burglar")) {
      throw new InvalidInputException("--weights is only for --problem policeman-burglar");
    }
    try {
      rhoValue = rho.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(rho);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--rho must be a number >= 0 or inf, not '" + rho + "'");
    }
    OptionChecks.atLeast("--rho", rhoValue, 0);
    iteration.driverOptions();
  }

  @Override
  protected void run(JobRun run) {
    MonotoneJobs.Problem p = new MonotoneJobs.Problem(problem, n, weights, theta, rhoValue, l2);
    MonotoneJob.Settings s = new MonotoneJob.Settings(method, maxEpochs, targetResidual, step, innerAccuracy, seed,
        compareErm, (long) ((fetchMb != null ? fetchMb : method.equals("vr-halpern") ? 0 : 64) * (1 << 20)));
    MonotoneJobs.run(run, p, input.paths().isEmpty() ? null : new DatasetReader(run.spark()).read(input.spec(0)),
        partitions, s, iteration.driverOptions());
  }
}
