package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.data.GaussianCloudGenerator;
import dev.geodesic.data.LeastSquaresGenerator;
import dev.geodesic.data.LogisticRegressionGenerator;
import dev.geodesic.data.PcaDataGenerator;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.data.GenerateJob;
import dev.geodesic.jobs.data.GeneratorPlan;
import dev.geodesic.jobs.data.SyntheticKind;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: options, turned into the lib generators of a {@link GeneratorPlan} that {@link GenerateJob} writes. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write seeded synthetic data (Parquet, input schema) into --output/data.parquet.",
        "Kinds: gaussian (clouds, one client each), pca (set spectrum and eigengap),",
        "logistic and least-squares (with the true weights in truth.parquet)."})
public final class GenerateCommand extends JobCommand {
  @Option(names = "--kind", required = true, paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}.")
  SyntheticKind kind;

  @Option(names = "--rows", defaultValue = "10000", paramLabel = "N", description = "Total rows. Default: ${DEFAULT-VALUE}.")
  long rows;

  @Option(names = "--dim", defaultValue = "10", paramLabel = "D", description = "Dimension. Default: ${DEFAULT-VALUE}.")
  int dim;

  @Option(names = "--clients", defaultValue = "2", paramLabel = "K",
      description = "gaussian: number of clouds, one client each (client = cloud-k, label = k). Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--mean", paramLabel = "X1,X2,...",
      description = "gaussian: mean of cloud k (repeat once per cloud). Default: cloud k at k·(4/√d)·(1,…,1).")
  List<String> means = new ArrayList<>();

  @Option(names = "--sigma", paramLabel = "S", description = "gaussian: per-coordinate standard deviation of cloud k (repeat once per cloud, or once for all). Default: 1.")
  List<Double> sigmas = new ArrayList<>();

  @Option(names = "--covariance", paramLabel = "ROW;ROW;...",
      description = "gaussian: full covariance of cloud k, rows separated by ';' and entries by ',' (repeat once per cloud; overrides --sigma).")
  List<String> covariances = new ArrayList<>();

  @Option(names = "--rank", defaultValue = "5", paramLabel = "R", description = "pca: rank of the leading subspace. Default: ${DEFAULT-VALUE}.")
  int rank;

  @Option(names = "--eigengap", defaultValue = "0.5", paramLabel = "G", description = "pca: gap between eigenvalues r and r+1. Default: ${DEFAULT-VALUE}.")
  double eigengap;

  @Option(names = "--eigen-step", defaultValue = "0.05", paramLabel = "S", description = "pca: step between the leading eigenvalues 1, 1-S, … Default: ${DEFAULT-VALUE}.")
  double eigenStep;

  @Option(names = "--weight-norm", defaultValue = "2.0", paramLabel = "W", description = "logistic / least-squares: ‖w*‖. Default: ${DEFAULT-VALUE}.")
  double weightNorm;

  @Option(names = "--intercept", defaultValue = "0.0", paramLabel = "B", description = "logistic / least-squares: true intercept. Default: ${DEFAULT-VALUE}.")
  double intercept;

  @Option(names = "--noise", defaultValue = "0.1", paramLabel = "S", description = "least-squares: noise standard deviation. Default: ${DEFAULT-VALUE}.")
  double noise;

  private GeneratorPlan plan;

  @Override
  protected void validateOptions() {
    OptionChecks.atLeast("--rows", rows, 1);
    OptionChecks.atLeast("--dim", dim, 1);
    try {
      plan = plan(SeedSequence.of(seed));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }

  private GeneratorPlan plan(SeedSequence seeds) {
    switch (kind) {
      case GAUSSIAN:
        return gaussian();
      case PCA:
        try {
          return GeneratorPlan.pca(new PcaDataGenerator(
              PcaDataGenerator.Config.withEigengap(dim, rank, eigenStep, eigengap), seeds), rank, eigengap);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("--rank/--eigengap/--eigen-step: " + e.getMessage(), e);
        }
      case LOGISTIC:
        return GeneratorPlan.logistic(new LogisticRegressionGenerator(
            new LogisticRegressionGenerator.Config(dim, weightNorm, intercept), seeds));
      default:
        OptionChecks.atLeast("--noise", noise, 0.0);
        return GeneratorPlan.leastSquares(new LeastSquaresGenerator(
            new LeastSquaresGenerator.Config(dim, weightNorm, intercept, noise), seeds));
    }
  }

  private GeneratorPlan gaussian() {
    OptionChecks.atLeast("--clients", clients, 1);
    checkRepeat("--mean", means.size());
    checkRepeat("--covariance", covariances.size());
    if (sigmas.size() > 1) {
      checkRepeat("--sigma", sigmas.size());
    }
    List<GaussianCloudGenerator.Cloud> clouds = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      double[] mean = means.isEmpty() ? defaultMean(k) : OptionValues.vector("--mean", means.get(k));
      if (mean.length != dim) {
        throw new InvalidInputException("--mean " + (k + 1) + " has " + mean.length + " values, --dim is " + dim);
      }
      if (!covariances.isEmpty()) {
        clouds.add(new GaussianCloudGenerator.Cloud(mean, OptionValues.squareMatrix("--covariance", covariances.get(k), dim), 1.0));
      } else {
        double s = sigmas.isEmpty() ? 1.0 : sigmas.get(sigmas.size() == 1 ? 0 : k);
        OptionChecks.atLeast("--sigma", s, 0.0);
        clouds.add(GaussianCloudGenerator.Cloud.isotropic(mean, s, 1.0));
      }
    }
    try {
      return GeneratorPlan.gaussian(new GaussianCloudGenerator(new GaussianCloudGenerator.Config(clouds)), clouds);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--covariance: " + e.getMessage(), e);
    }
  }

  private void checkRepeat(String option, int given) {
    if (given != 0 && given != clients) {
      throw new InvalidInputException(option + " is given " + given + " times for --clients " + clients);
    }
  }

  private double[] defaultMean(int k) {
    double[] m = new double[dim];
    java.util.Arrays.fill(m, k * 4.0 / Math.sqrt(dim));
    return m;
  }

  @Override
  protected void run(JobRun run) {
    new GenerateJob(plan, rows, dim, partitions, seed).run(run);
  }
}
