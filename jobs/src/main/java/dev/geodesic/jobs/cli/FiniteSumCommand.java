package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.finitesum.FiniteSumChoices;
import dev.geodesic.jobs.finitesum.FiniteSumJob;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code finite-sum}: a linear model by variance-reduced rounds on the partitions (min F + h with
 * F the mean loss). Parses options; {@link FiniteSumJob} does the work.
 */
@Command(name = "finite-sum", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Variance-reduced finite-sum minimization of a linear model's mean loss + L1/L2 penalty.",
        "Per round: one broadcast + treeAggregate for the exact full gradient, then local SVRG/SAGA/L-SVRG",
        "passes on every partition with that gradient as the global correction, averaged on the driver."})
public final class FiniteSumCommand extends JobCommand {
  @Mixin
  InputOptions input;

  @Option(names = "--method", defaultValue = "svrg", paramLabel = "METHOD",
      description = "The partitions' local solver: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  FiniteSumChoices.Method method;

  @Option(names = "--loss", defaultValue = "logistic", paramLabel = "LOSS",
      description = {"Loss of the margins: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
          "logistic takes labels 0/1 or -1/+1, multinomial labels 0..K-1."})
  FiniteSumChoices.Loss loss;

  @Option(names = "--huber-delta", defaultValue = "1.0", paramLabel = "D", description = "Huber threshold δ. Default: ${DEFAULT-VALUE}.")
  double huberDelta;

  @Option(names = "--l2", defaultValue = "0", paramLabel = "L", description = "λ₂ of (λ₂/2)‖w‖² (never on the intercept). Default: ${DEFAULT-VALUE}.")
  double l2;

  @Option(names = "--l1", defaultValue = "0", paramLabel = "L", description = "λ₁ of λ₁‖w‖₁ (never on the intercept). Default: ${DEFAULT-VALUE}.")
  double l1;

  @Option(names = "--no-intercept", description = "Fit no intercept.")
  boolean noIntercept;

  @Option(names = "--step", paramLabel = "S", description = "Step η. Default: 1/(3(L + λ₂)) from the rows' norms (L per --sampling).")
  Double step;

  @Option(names = "--fstar", paramLabel = "F", description = "Known optimal value: the trace and summary report the gap.")
  Double fstar;

  @Option(names = "--target-gap", paramLabel = "T", description = "Stop when objective − f* ≤ T (needs --fstar); reports seconds_to_target.")
  Double targetGap;

  @Option(names = "--tol", paramLabel = "T", description = "Stop when the gradient-mapping norm ≤ T (status converged).")
  Double tol;

  @Option(names = "--max-epochs", defaultValue = "50", paramLabel = "E", description = "Budget of data passes. Default: ${DEFAULT-VALUE}.")
  double maxEpochs;

  @Option(names = "--layout", defaultValue = "auto", paramLabel = "LAYOUT",
      description = "Row storage: ${COMPLETION-CANDIDATES}; auto picks dense at density ≥ 0.15 (measured by bench/finite-sum.sh). Default: ${DEFAULT-VALUE}.")
  FiniteSumChoices.LayoutChoice layout;

  @Option(names = "--inner-passes", defaultValue = "1", paramLabel = "P",
      description = "svrg/saga: local passes over each partition's rows per round. Default: ${DEFAULT-VALUE}.")
  double innerPasses;

  @Option(names = "--relaxation", defaultValue = "1", paramLabel = "G",
      description = "The round's combination w + G·(average − w) of the partitions' local iterates, 0 < G < 2 (1: the plain average; 1.8 halved the rounds on Fashion-MNIST at the default step). Default: ${DEFAULT-VALUE}.")
  double relaxation;

  @Option(names = "--sampling", defaultValue = "auto", paramLabel = "S",
      description = "How the partitions draw their rows: ${COMPLETION-CANDIDATES}. smoothness: probability ∝ L_i (the row's"
          + " smoothness, ‖a_i‖²/4 for logistic), differences weighted by L̄/L_i, default step 1/(3(L̄ + λ₂)) (saga: half"
          + " uniform, half ∝ L_i); uniform: default step 1/(3(L_max + λ₂)); auto: smoothness for svrg and lsvrg, uniform"
          + " for saga. Default: ${DEFAULT-VALUE}.")
  FiniteSumChoices.Sampling sampling;

  @Option(names = "--l2-path", paramLabel = "GRID",
      description = "Regularization path over λ₂: FROM:TO:N (log-spaced) or a comma list, warm-started in order.")
  String l2Path;

  @Option(names = "--l1-path", paramLabel = "GRID",
      description = "Regularization path over λ₁ (with --l2 fixed), as --l2-path. Each point stops at --tol (default 1e-6) or --max-epochs.")
  String l1Path;

  @Mixin
  IterationOptions iteration;

  private FiniteSumJob.Settings settings;

  @Override
  protected Set<String> resumableOptions() {
    return Set.of("--max-epochs", "--target-gap", "--tol");
  }

  @Override
  protected void validateOptions() {
    input.validate(1, 1);
    OptionChecks.positive("--huber-delta", huberDelta);
    OptionChecks.atLeast("--l2", l2, 0);
    OptionChecks.atLeast("--l1", l1, 0);
    if (step != null) {
      OptionChecks.positive("--step", step);
    }
    if (targetGap != null) {
      OptionChecks.positive("--target-gap", targetGap);
      if (fstar == null) {
        throw new InvalidInputException("--target-gap needs --fstar (the gap is measured to f*)");
      }
    }
    if (tol != null) {
      OptionChecks.positive("--tol", tol);
    }
    OptionChecks.positive("--max-epochs", maxEpochs);
    OptionChecks.positive("--inner-passes", innerPasses);
    if (!(relaxation > 0 && relaxation < 2)) {
      throw new InvalidInputException("--relaxation must be in (0, 2), got " + relaxation);
    }
    iteration.driverOptions();
    double[] path = null;
    FiniteSumChoices.PathPenalty which = null;
    if (l1Path != null || l2Path != null) {
      if (l1Path != null && l2Path != null) {
        throw new InvalidInputException("--l1-path and --l2-path exclude each other (one path per run)");
      }
      if (fstar != null) {
        throw new InvalidInputException("--fstar does not apply to a path (each λ has its own optimum)");
      }
      which = l1Path != null ? FiniteSumChoices.PathPenalty.L1 : FiniteSumChoices.PathPenalty.L2;
      path = FiniteSumChoices.pathGrid("--" + which + "-path", l1Path != null ? l1Path : l2Path);
    }
    settings = new FiniteSumJob.Settings(method, loss, huberDelta, l1, l2, !noIntercept,
        step == null ? Double.NaN : step, fstar == null ? Double.NaN : fstar, targetGap == null ? 0 : targetGap,
        tol == null ? 0 : tol, maxEpochs, layout, innerPasses, seed, path, which, relaxation, sampling.sampling(method));
  }

  @Override
  protected void run(JobRun run) {
    new FiniteSumJob(run, settings, iteration.driverOptions())
        .run(new DatasetReader(run.spark()).keepingVectors().read(input.spec(0)), partitions);
  }
}
