package dev.geodesic.bench;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.jobs.ml.VarianceReducedLogisticRegression;
import dev.geodesic.jobs.ml.VarianceReducedLogisticRegressionModel;
import dev.geodesic.jobs.ml.VarianceReducedTrainingSummary;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark ML estimator against MLlib's {@code LogisticRegression} in one run on local[2], on the same
 * cached DataFrame: Fashion-MNIST train set, pixels/255, label ≥ 5 → 1, L2 logistic with intercept,
 * regParam 1e-4, elasticNetParam 0, standardization off (f* = 0.18789089555). MLlib at 100/200/400
 * iterations (seconds of {@code fit}, gap of its model); each variance-reduced solver: seconds (from
 * the first round) when the objective first came within the target gap, and its passes/rounds.
 *
 * <p>Usage: {@code FiniteSumSparkBench <fashion-mnist dir> [target gap] [solvers, e.g. saga,svrg] [innerPasses]
 * [mllib iterations, e.g. 100,200,400]}.
 */
public final class FiniteSumSparkBench {
  private static final double FSTAR = 0.18789089555;
  private static final double REG = 1e-4;

  private FiniteSumSparkBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    double target = args.length > 1 ? Double.parseDouble(args[1]) : 1e-6;
    String[] solvers = (args.length > 2 ? args[2] : "saga,svrg").split(",");
    double inner = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    String[] iterations = (args.length > 4 ? args[4] : "100,200,400").split(",");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("finite-sum-spark-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    LabeledBlock data = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), Integer.MAX_VALUE, IdxReader.PixelScale.UNIT_INTERVAL);
    DenseMatrix x = data.features();
    int d = x.rows();
    int n = x.cols();
    double[] y = new double[n];
    List<Row> rows = new ArrayList<>(n);
    double[] v = x.values();
    for (int i = 0; i < n; i++) {
      y[i] = data.labels()[i] >= 5 ? 1 : 0;
      rows.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOfRange(v, i * d, (i + 1) * d)), y[i]));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});
    Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2).cache();
    df.count();
    System.out.println("# local[2] blas=" + Blas.get().implementationName() + " n=" + n + " d=" + d
        + " regParam=1e-4 elasticNet=0 standardization=false intercept fstar=" + FSTAR + " target=" + target);
    System.out.println("# who setting seconds gap detail");
    for (String it : iterations) {
      LogisticRegression lr = new LogisticRegression().setMaxIter(Integer.parseInt(it)).setRegParam(REG)
          .setElasticNetParam(0).setStandardization(false).setTol(1e-15);
      long t0 = System.nanoTime();
      LogisticRegressionModel m = lr.fit(df);
      double s = (System.nanoTime() - t0) * 1e-9;
      double f = objective(x, y, m.coefficients(), m.intercept());
      System.out.printf(Locale.ROOT, "mllib-lbfgs maxIter=%s %.2f %.3g iterations=%d%n", it, s, f - FSTAR,
          m.summary().totalIterations());
    }
    for (String solver : solvers) {
      VarianceReducedLogisticRegression lr = new VarianceReducedLogisticRegression().setSolver(solver)
          .setRegParam(REG).setElasticNetParam(0).setStandardization(false).setInnerPasses(inner).setTol(1e-9)
          .setMaxIter(400);
      long t0 = System.nanoTime();
      VarianceReducedLogisticRegressionModel m = lr.fit(df);
      double total = (System.nanoTime() - t0) * 1e-9;
      VarianceReducedTrainingSummary s = m.summary();
      double[] h = s.objectiveHistory();
      double[] t = s.secondsHistory();
      double reached = Double.NaN;
      int round = -1;
      for (int k = 0; k < h.length; k++) {
        if (h[k] - FSTAR <= target) {
          reached = t[k];
          round = k + 1;
          break;
        }
      }
      System.out.printf(Locale.ROOT,
          "geodesic-%s innerPasses=%s %.2f %.3g seconds_to_target=%.2f round=%d rounds=%d epochs=%.1f fit_seconds=%.2f layout=%s%n",
          solver, inner, s.seconds(), objective(x, y, m.coefficients(), m.intercept()) - FSTAR, reached, round,
          s.totalIterations(), s.epochs(), total, s.layout());
      StringBuilder curve = new StringBuilder("#   curve " + solver + " (seconds gap):");
      for (int k = 0; k < h.length; k += Math.max(1, h.length / 12)) {
        curve.append(String.format(Locale.ROOT, " %.1f:%.2g", t[k], h[k] - FSTAR));
      }
      System.out.println(curve);
    }
    spark.stop();
  }

  /** (1/N)Σ log(1 + e^{m_i}) − y_i m_i + (λ/2)‖w‖², on the driver's copy of the rows. */
  static double objective(DenseMatrix x, double[] y, Vector w, double b) {
    int d = x.rows();
    double[] v = x.values();
    double[] ww = w.toArray();
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double m = b;
      for (int j = 0; j < d; j++) {
        m += ww[j] * v[i * d + j];
      }
      s += Math.log1p(Math.exp(-Math.abs(m))) + Math.max(m, 0) - y[i] * m;
    }
    double r = 0;
    for (double c : ww) {
      r += c * c;
    }
    return s / y.length + 0.5 * REG * r;
  }
}
