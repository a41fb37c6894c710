package dev.geodesic.jobs.monotone;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.monotone.PolicemanBurglar;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** The entry of the {@code monotone} command: builds the {@link MonotoneProblem}, then runs the {@link MonotoneJob}. */
public final class MonotoneJobs {
  /**
   * @param kind matrix-game, policeman-burglar, bilinear or dro-logistic
   * @param n policeman-burglar without weights, bilinear: the size
   * @param weights policeman-burglar: the weights file (any Hadoop path), or null to draw them
   * @param theta policeman-burglar: θ
   * @param rho dro-logistic: the χ² budget (∞: the simplex)
   * @param l2 dro-logistic: λ
   */
  public record Problem(String kind, int n, String weights, double theta, double rho, double l2) {}

  private MonotoneJobs() {}

  /** @param input the matrix-game or dro-logistic input, else null */
  public static void run(JobRun run, Problem p, ValidatedInput input, int partitions, MonotoneJob.Settings settings,
      IterativeJobDriver.Options options) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    int parts = partitions > 0 ? partitions : sc.defaultParallelism();
    MonotoneProblem problem;
    switch (p.kind()) {
      case "policeman-burglar":
        problem = MonotoneProblem.policemanBurglar(sc, p.weights() == null
            ? PolicemanBurglar.drawWeights(p.n(), SeedSequence.of(settings.seed()))
            : readWeights(run, p.weights()), p.theta(), parts);
        break;
      case "matrix-game":
        problem = MonotoneProblem.matrixGame(input, parts);
        break;
      case "bilinear":
        problem = MonotoneProblem.bilinear(sc, p.n(), settings.seed(), parts);
        break;
      default:
        problem = MonotoneProblem.droLogistic(input, p.l2(), p.rho(), parts);
        break;
    }
    boolean byClient = p.kind().equals("dro-logistic") && input.hasClient();
    new MonotoneJob(run, problem, settings, options, byClient ? input : null).run();
  }

  /** One number a line, blank lines skipped; every weight finite and ≥ 0. */
  private static double[] readWeights(JobRun run, String path) {
    List<String> lines;
    try {
      lines = run.spark().read().textFile(path).collectAsList();
    } catch (RuntimeException e) {
      throw new InvalidInputException("--weights " + path + ": cannot read (" + e.getMessage() + ")");
    }
    double[] w = lines.stream().map(String::trim).filter(l -> !l.isEmpty()).mapToDouble(l -> {
      try {
        double v = Double.parseDouble(l);
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new InvalidInputException("--weights " + path + ": weights must be finite and >= 0, got " + l);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--weights " + path + ": not a number: '" + l + "'");
      }
    }).toArray();
    if (w.length < 2) {
      throw new InvalidInputException("--weights " + path + ": need at least 2 weights, got " + w.length);
    }
    if (Arrays.stream(w).sum() == 0) {
      // All-zero weights make A = 0: its Lipschitz constant, which sets the default step, is 0.
      throw new InvalidInputException("--weights " + path + ": the weights sum to 0; at least one must be > 0");
    }
    return w;
  }
}
