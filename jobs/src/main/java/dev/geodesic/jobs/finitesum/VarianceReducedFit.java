package dev.geodesic.jobs.finitesum;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.LinearModelShape;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.distributed.DistributedSvrg;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.loss.MultinomialLogisticLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.progress.ProgressListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;

/**
 * A logistic model fitted by the {@code finite-sum} command's distributed variance-reduced rounds
 * ({@link SparkFiniteSumShards} + {@link DistributedSvrg} on the {@link IterationLoop}), for callers that
 * are not a command: the Spark ML estimators of {@code dev.geodesic.jobs.ml}. It adds what MLlib's
 * {@code LogisticRegression} does around its optimizer: the family from the labels and, with
 * standardization, the fit in standardized coordinates a_ij/σ_j (so the penalty is on the standardized
 * coefficients, as MLlib's) mapped back to the original ones, w_j = w'_j/σ_j.
 */
public final class VarianceReducedFit {
  private VarianceReducedFit() {}

  /** The model family: as MLlib's {@code family} param. */
  public enum Family {
    /** binomial for at most 2 classes, multinomial otherwise. */
    AUTO,
    /** one margin, sigmoid. */
    BINOMIAL,
    /** K margins, softmax. */
    MULTINOMIAL
  }

  /**
   * What to fit.
   *
   * @param l1 λ₁ of λ₁‖w‖₁ (MLlib: regParam·elasticNetParam)
   * @param l2 λ₂ of (λ₂/2)‖w‖² (MLlib: regParam·(1 − elasticNetParam))
   * @param tol stop when the gradient-mapping norm is ≤ tol (0: not checked)
   * @param maxEpochs budget of data passes
   * @param step the step η, or NaN for the default from the rows' norms
   * @param sampling how the partitions draw their rows
   * @param start the starting iterate (x of {@link LinearModelShape} in the standardized space), or null for 0
   */
  public record Request(Family family, FiniteSumChoices.Method method, double l1, double l2, boolean intercept,
      boolean standardize, double tol, double maxEpochs, FiniteSumChoices.LayoutChoice layout, double innerPasses,
      double step, long seed, RowSampling sampling, double[] start) {}

  /**
   * The fitted model in the original coordinates.
   *
   * @param weights K×d coefficients, row-major (row k: the weights of class k; K = 1 for binomial)
   * @param intercepts K intercepts
   * @param solution x as the solver left it (standardized space): a warm start for the next fit
   */
  public record Fit(int classes, int features, boolean multinomial, double[] weights, double[] intercepts,
      IterationOutcome outcome, Layout layout, double step, long rows, int shards, double[] solution) {
    /** The objective F + h after every round. */
    public double[] objectiveHistory() {
      return outcome.trace().column(FiniteSumMethod.OBJECTIVE);
    }
  }

  /**
   * Fits on {@code rows} (column 0 the features, a Spark ML vector or {@code array<double>} of size d;
   * column 1 the label, a class index 0 … K−1).
   *
   * @throws IllegalArgumentException for labels that are not class indices, or a family the labels do not allow
   */
  public static Fit fit(JavaRDD<Row> rows, int d, Request r) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.context());
    jsc.setJobDescription("variance-reduced fit: input statistics (nonzeros, column moments, labels)");
    InputStatistics stats;
    try {
      stats = rows.treeAggregate(new InputStatistics(d), InputStatistics::add, InputStatistics::merge);
    } finally {
      jsc.setJobDescription(null);
    }
    if (stats.rows == 0) {
      throw new IllegalArgumentException("the training data have no rows");
    }
    if (stats.nonInteger || stats.minLabel < 0) {
      throw new IllegalArgumentException("labels must be class indices 0, 1, …; found "
          + (stats.nonInteger ? stats.notInteger : stats.minLabel));
    }
    int classes = Math.max(2, (int) stats.maxLabel + 1);
    boolean multinomial = r.family() == Family.MULTINOMIAL || (r.family() == Family.AUTO && classes > 2);
    if (r.family() == Family.BINOMIAL && classes > 2) {
      throw new IllegalArgumentException("the binomial family takes 2 classes, the labels have " + classes);
    }
    MarginLoss loss = multinomial ? new MultinomialLogisticLoss(classes) : new BinaryLogisticLoss();
    double[] scale = null;
    if (r.standardize()) {
      // a constant column has σ = 0: it is dropped (coefficient 0), as in MLlib
      scale = new double[d];
      for (int j = 0; j < d; j++) {
        double s = stats.std(j);
        scale[j] = s > 0 ? 1.0 / s : 0.0;
      }
    }
    Layout layout = r.layout().resolve(stats.nonZeros, stats.rows, d);
    double[] center = null;
    if (layout == Layout.DENSE && r.intercept()) {
      center = new double[d];
      for (int j = 0; j < d; j++) {
        center[j] = stats.columnSums[j] / stats.rows * (scale == null ? 1.0 : scale[j]);
      }
    }
    Regularizer penalty = Regularizer.of(r.l1(), r.l2());
    SparkFiniteSumShards shards = SparkFiniteSumShards.build(jsc, rows, d, layout, loss, penalty, r.intercept(), center,
        scale);
    try {
      LinearModelShape shape = new LinearModelShape(d, loss.outputs(), r.intercept(), penalty, center);
      FiniteSumOptions options = new FiniteSumOptions(r.step(), Double.NaN, r.seed(), r.innerPasses());
      DistributedSvrg method = new DistributedSvrg(shards, shape, options, r.method().local(), r.sampling());
      if (r.start() != null) {
        method.startingAt(r.start());
      }
      IterationOutcome outcome = new IterationLoop(IterationLoop.Config.of(
          new FiniteSumStopping(0, r.tol(), r.maxEpochs()).rule()).withTimings("spark_seconds", "driver_seconds"))
          .run(method, ProgressListener.none());
      double[] x = method.iterate();
      int k = loss.outputs();
      double[] w = new double[k * d];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          w[c * d + j] = x[c * d + j] * (scale == null ? 1.0 : scale[j]);
        }
      }
      return new Fit(classes, d, multinomial, w, shape.intercepts(x), outcome, layout, method.step(), shards.rows(),
          shards.shards(), x);
    } finally {
      shards.unpersist();
    }
  }
}
