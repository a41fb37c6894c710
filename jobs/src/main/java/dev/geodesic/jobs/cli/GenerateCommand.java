package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.data.DataGenerator;
import dev.geodesic.data.GaussianCloudGenerator;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.data.LeastSquaresGenerator;
import dev.geodesic.data.LogisticRegressionGenerator;
import dev.geodesic.data.PcaDataGenerator;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.DataFrames;
import dev.geodesic.jobs.output.TruthWriter;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate}: seeded synthetic data written as {@code data.parquet} in the input schema. Each
 * partition is generated on the executor that writes it, from its own stream of the seed, so the
 * same seed and the same {@code --partitions} give the same rows on any cluster.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write seeded synthetic data (Parquet, input schema) into --output/data.parquet.",
        "Kinds: gaussian (clouds, one client each), pca (set spectrum and eigengap),",
        "logistic and least-squares (with the true weights in truth.parquet)."})
public final class GenerateCommand extends JobCommand {
  @Option(names = "--kind", required = true, paramLabel = "KIND",
      description = "gaussian, pca, logistic or least-squares.")
  String kind;

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
      plan = plan();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
  }

  /** What to generate: one generator per client (or one, unsplit) and the truth to write. */
  private record GeneratorPlan(String method, List<DataGenerator> generators, List<String> clientNames,
      List<String> truthNames, List<double[]> truthVectors) implements Serializable {}

  private GeneratorPlan plan() {
    SeedSequence seeds = SeedSequence.of(seed);
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "gaussian": {
        OptionChecks.atLeast("--clients", clients, 1);
        checkRepeat("--mean", means.size());
        checkRepeat("--covariance", covariances.size());
        if (sigmas.size() > 1) {
          checkRepeat("--sigma", sigmas.size());
        }
        List<GaussianCloudGenerator.Cloud> clouds = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
          double[] mean = means.isEmpty() ? defaultMean(k) : parseVector("--mean", means.get(k));
          if (mean.length != dim) {
            throw new InvalidInputException("--mean " + (k + 1) + " has " + mean.length + " values, --dim is " + dim);
          }
          if (!covariances.isEmpty()) {
            clouds.add(new GaussianCloudGenerator.Cloud(mean, parseMatrix(covariances.get(k)), 1.0));
          } else {
            double s = sigmas.isEmpty() ? 1.0 : sigmas.get(sigmas.size() == 1 ? 0 : k);
            OptionChecks.atLeast("--sigma", s, 0.0);
            clouds.add(GaussianCloudGenerator.Cloud.isotropic(mean, s, 1.0));
          }
        }
        GaussianCloudGenerator mixture;
        try {
          mixture = new GaussianCloudGenerator(new GaussianCloudGenerator.Config(clouds));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("--covariance: " + e.getMessage(), e);
        }
        List<DataGenerator> gens = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> truthNames = new ArrayList<>();
        List<double[]> truth = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
          gens.add(mixture.forCloud(k));
          names.add("cloud-" + k);
          truthNames.add("mean-" + k);
          truth.add(clouds.get(k).mean());
        }
        return new GeneratorPlan("gaussian", gens, names, truthNames, truth);
      }
      case "pca": {
        PcaDataGenerator g;
        try {
          g = new PcaDataGenerator(PcaDataGenerator.Config.withEigengap(dim, rank, eigenStep, eigengap), seeds);
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("--rank/--eigengap/--eigen-step: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        List<double[]> vecs = new ArrayList<>();
        DenseMatrix u = g.trueSubspace();
        for (int j = 0; j < u.cols(); j++) {
          names.add("subspace-" + j);
          vecs.add(u.columnCopy(j));
        }
        names.add("spectrum");
        vecs.add(g.spectrum());
        return new GeneratorPlan("pca", List.of(g), nulls(), names, vecs);
      }
      case "logistic": {
        LogisticRegressionGenerator g = new LogisticRegressionGenerator(
            new LogisticRegressionGenerator.Config(dim, weightNorm, intercept), seeds);
        return new GeneratorPlan("logistic", List.of(g), nulls(), List.of("weights", "intercept"),
            List.of(g.trueWeights(), new double[] {g.intercept()}));
      }
      case "least-squares": {
        OptionChecks.atLeast("--noise", noise, 0.0);
        LeastSquaresGenerator g = new LeastSquaresGenerator(
            new LeastSquaresGenerator.Config(dim, weightNorm, intercept, noise), seeds);
        return new GeneratorPlan("least-squares", List.of(g), nulls(), List.of("weights", "intercept"),
            List.of(g.trueWeights(), new double[] {g.intercept()}));
      }
      default:
        throw new InvalidInputException("--kind must be gaussian, pca, logistic or least-squares, not '" + kind + "'");
    }
  }

  private static List<String> nulls() {
    List<String> l = new ArrayList<>();
    l.add(null);
    return l;
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

  static double[] parseVector(String option, String s) {
    String[] parts = s.split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(option + " '" + s + "': '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new InvalidInputException(option + " '" + s + "' has a non-finite value");
      }
    }
    return v;
  }

  private DenseMatrix parseMatrix(String s) {
    String[] rowsText = s.split(";");
    double[][] m = new double[rowsText.length][];
    for (int i = 0; i < rowsText.length; i++) {
      m[i] = parseVector("--covariance", rowsText[i]);
      if (m[i].length != dim) {
        throw new InvalidInputException("--covariance row " + (i + 1) + " has " + m[i].length + " values, --dim is " + dim);
      }
    }
    if (m.length != dim) {
      throw new InvalidInputException("--covariance has " + m.length + " rows, --dim is " + dim);
    }
    return DenseMatrix.fromRows(m);
  }

  @Override
  protected void run(JobRun run) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    int k = plan.generators().size();
    int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
    int partsPerGenerator = Math.max(1, parts / k);
    int[] perGenerator = DataGenerator.evenPartitionSizes(rows, k);
    List<GenerationTask> tasks = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      int[] sizes = DataGenerator.evenPartitionSizes(perGenerator[g], partsPerGenerator);
      for (int p = 0; p < sizes.length; p++) {
        tasks.add(new GenerationTask(g, p, sizes[p]));
      }
    }
    run.solveStarted();
    final GeneratorPlan pl = plan;
    final SeedSequence seeds = SeedSequence.of(seed).child("generate");
    JavaRDD<Row> rowsRdd = jsc.parallelize(tasks, tasks.size()).flatMap(t -> {
      LabeledBlock b = pl.generators().get(t.generator()).generate(seeds, t.partition(), t.rows());
      return DataFrames.rows(b.features(), b.labels(), pl.clientNames().get(t.generator())).iterator();
    });
    boolean withLabel = !kind.equalsIgnoreCase("pca");
    boolean withClient = plan.clientNames().get(0) != null;
    StructType schema = DataFrames.inputSchema(withLabel, withClient);
    run.spark().sparkContext().setJobDescription("generate " + plan.method() + " data");
    run.spark().createDataFrame(rowsRdd, schema).write().parquet(run.output().path("data.parquet"));
    TruthWriter.write(run.spark(), plan.truthNames(), plan.truthVectors(), run.output());
    run.solveFinished();
    run.summary().put("method", plan.method()).put("status", "completed")
        .put("rows", rows).put("dimension", dim).put("partitions", tasks.size());
    if (withClient) {
      run.summary().put("clients", plan.clientNames());
    }
    if (plan.method().equals("pca")) {
      run.summary().put("rank", rank).put("eigengap", eigengap);
    }
  }

  /** Rows of partition {@code partition} of generator {@code generator}. */
  record GenerationTask(int generator, int partition, int rows) implements Serializable {}
}
