package dev.geodesic.bench;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.jobs.ml.VarianceReducedLogisticRegression;
import dev.geodesic.jobs.ml.VarianceReducedLogisticRegressionModel;
import dev.geodesic.jobs.ml.VarianceReducedTrainingSummary;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
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
 * The other Spark targets, each a section (local[2], the same cached DataFrame for both sides):
 * <ul>
 *   <li>{@code multinomial DIR ITERS}: all 10 Fashion-MNIST classes, pixels/255, λ₂ = 1e-4, intercepts;
 *       MLlib's multinomial L-BFGS at each iteration count (seconds, objective) and the estimator's SAGA
 *       rounds (seconds, objective), both objectives computed the same way.
 *   <li>{@code sparse ROWS D NNZ}: generated logistic rows with NNZ nonzeros each among D columns (sparse
 *       vectors): seconds per data pass of the estimator's rounds and seconds per iteration of MLlib's L-BFGS
 *       (at least one pass each), from a 10-iteration fit and, with MLlib's setup taken out, its difference
 *       to a 1-iteration fit; the objectives both reach.
 *   <li>{@code dense ROWS D}: generated dense rows: the same, against the memory-bandwidth floor — the
 *       seconds one read of the rows' doubles takes, measured here on one and two threads.
 * </ul>
 * Usage: {@code FiniteSumScaleBench multinomial DIR 50,100,200 [our passes, 60] | sparse 1000000 262144 40 |
 * dense 2000000 100}.
 */
public final class FiniteSumScaleBench {
  private static final double REG = 1e-4;

  private FiniteSumScaleBench() {}

  public static void main(String[] args) throws java.io.IOException {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("finite-sum-scale-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    System.out.println("# local[2] blas=" + Blas.get().implementationName() + " section=" + args[0]);
    switch (args[0]) {
      case "multinomial" -> multinomial(spark, Path.of(args[1]), args.length > 2 ? args[2] : "50,100,200",
          args.length > 3 ? Integer.parseInt(args[3]) : 60);
      case "sparse" -> generated(spark, Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "dense" -> generated(spark, Long.parseLong(args[1]), Integer.parseInt(args[2]), -1);
      default -> throw new IllegalArgumentException("unknown section " + args[0]);
    }
    spark.stop();
  }

  static void multinomial(SparkSession spark, Path dir, String iterations, int passes) throws java.io.IOException {
    LabeledBlock data = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), Integer.MAX_VALUE, IdxReader.PixelScale.UNIT_INTERVAL);
    DenseMatrix x = data.features();
    int d = x.rows();
    int n = x.cols();
    double[] y = data.labels();
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOfRange(x.values(), i * d, (i + 1) * d)), y[i]));
    }
    Dataset<Row> df = spark.createDataFrame(rows, schema()).repartition(2).cache();
    df.count();
    System.out.println("# fashion-mnist 10 classes n=" + n + " d=" + d + " regParam=1e-4 standardization=false intercept");
    System.out.println("# who setting seconds objective");
    for (String it : iterations.split(",")) {
      LogisticRegression lr = new LogisticRegression().setFamily("multinomial").setMaxIter(Integer.parseInt(it))
          .setRegParam(REG).setElasticNetParam(0).setStandardization(false).setTol(1e-15);
      long t0 = System.nanoTime();
      LogisticRegressionModel m = lr.fit(df);
      double s = (System.nanoTime() - t0) * 1e-9;
      System.out.printf(Locale.ROOT, "mllib-lbfgs-multinomial maxIter=%s %.2f %.8f%n", it, s,
          softmaxObjective(x, y, m.coefficientMatrix(), m.interceptVector()));
    }
    // the estimator's default solver (svrg, smoothness-proportional draws) and saga (uniform draws)
    for (String solver : List.of("svrg", "saga")) {
      VarianceReducedLogisticRegression ours = new VarianceReducedLogisticRegression().setFamily("multinomial")
          .setSolver(solver).setRegParam(REG).setElasticNetParam(0).setStandardization(false).setTol(1e-9)
          .setMaxIter(passes);
      long t0 = System.nanoTime();
      VarianceReducedLogisticRegressionModel m = ours.fit(df);
      double total = (System.nanoTime() - t0) * 1e-9;
      VarianceReducedTrainingSummary s = m.summary();
      System.out.printf(Locale.ROOT, "geodesic-%s-multinomial epochs=%.1f %.2f %.8f fit_seconds=%.2f%n", solver,
          s.epochs(), s.seconds(), softmaxObjective(x, y, m.coefficientMatrix(), m.interceptVector()), total);
      // on the fit's clock, as MLlib's seconds: all time outside the rounds (statistics, layout) counted first
      double setup = total - s.seconds();
      StringBuilder curve = new StringBuilder(String.format(Locale.ROOT,
          "#   curve geodesic-%s-multinomial (fit seconds:objective, %.1f s before the first round):", solver, setup));
      double[] h = s.objectiveHistory();
      double[] t = s.secondsHistory();
      for (int k = 0; k < h.length; k++) {
        curve.append(String.format(Locale.ROOT, " %.1f:%.8f", setup + t[k], h[k]));
      }
      System.out.println(curve);
    }
  }

  /** (1/N)Σ logsumexp(z_i) − z_{i,y_i} + (λ/2)‖W‖², z_i = W a_i + b. */
  static double softmaxObjective(DenseMatrix x, double[] y, Matrix w, Vector b) {
    int d = x.rows();
    int k = w.numRows();
    double[] v = x.values();
    double s = 0;
    double[] z = new double[k];
    for (int i = 0; i < y.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double m = b.apply(c);
        for (int j = 0; j < d; j++) {
          m += w.apply(c, j) * v[i * d + j];
        }
        z[c] = m;
        max = Math.max(max, m);
      }
      double e = 0;
      for (int c = 0; c < k; c++) {
        e += Math.exp(z[c] - max);
      }
      s += max + Math.log(e) - z[(int) y[i]];
    }
    double r = 0;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        r += w.apply(c, j) * w.apply(c, j);
      }
    }
    return s / y.length + 0.5 * REG * r;
  }

  static StructType schema() {
    return new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});
  }

  /**
   * Rows of partition p: logistic labels of a fixed ±1 truth on the first 100 columns. Generated one at a
   * time as the cache consumes them, so a partition's rows never exist as a list of row objects.
   */
  static Iterator<Row> rows(int p, long count, int d, int nnz) {
    SplittableRandom r = SeedSequence.of(11).stream("finite-sum-scale", p);
    return new Iterator<>() {
      long i;

      @Override
      public boolean hasNext() {
        return i < count;
      }

      @Override
      public Row next() {
        i++;
        return row(r, d, nnz);
      }
    };
  }

  private static Row row(SplittableRandom r, int d, int nnz) {
    Vector v;
    double z = 0;
    if (nnz < 0) {
      double[] a = new double[d];
      for (int j = 0; j < d; j++) {
        a[j] = SeedSequence.nextGaussian(r);
        z += j < 100 ? a[j] * ((j % 2) * 2 - 1) * 0.1 : 0;
      }
      v = Vectors.dense(a);
    } else {
      java.util.TreeMap<Integer, Double> e = new java.util.TreeMap<>();
      while (e.size() < nnz) {
        e.put(r.nextInt(d), SeedSequence.nextGaussian(r));
      }
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      int q = 0;
      for (var en : e.entrySet()) {
        idx[q] = en.getKey();
        val[q++] = en.getValue();
        z += en.getKey() < 100 ? en.getValue() * ((en.getKey() % 2) * 2 - 1) : 0;
      }
      v = Vectors.sparse(d, idx, val);
    }
    return RowFactory.create(v, r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0);
  }

  static void generated(SparkSession spark, long n, int d, int nnz) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = 2;
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      ids.add(p);
    }
    long per = n / parts;
    JavaRDD<Row> rdd = jsc.parallelize(ids, parts).mapPartitions(it -> rows(it.next(), per, d, nnz));
    Dataset<Row> df = spark.createDataFrame(rdd, schema()).cache();
    long rows = df.count();
    String what = nnz < 0 ? "dense" : "sparse nnz/row=" + nnz;
    System.out.println("# generated " + what + " n=" + rows + " d=" + d + " regParam=1e-4 intercept");
    // MLlib's fit time includes its setup (a summarizer pass, the blocks): a 1-iteration fit beside the
    // 10-iteration one separates the per-iteration seconds from it (an iteration is at least one pass)
    // (a first, untimed 1-iteration fit takes the JIT warm-up)
    double[] secs = new double[3];
    int[] done = new int[3];
    double objective = Double.NaN;
    int[] iters = {1, 1, 10};
    for (int q = 0; q < 3; q++) {
      LogisticRegression lr = new LogisticRegression().setMaxIter(iters[q]).setRegParam(REG).setElasticNetParam(0)
          .setStandardization(false).setTol(1e-15);
      long t0 = System.nanoTime();
      LogisticRegressionModel mm = lr.fit(df);
      secs[q] = (System.nanoTime() - t0) * 1e-9;
      done[q] = mm.summary().totalIterations();
      double[] h = mm.summary().objectiveHistory();
      objective = h[h.length - 1];
    }
    System.out.printf(Locale.ROOT, "mllib-lbfgs iterations=%d seconds=%.2f seconds_per_iteration=%.3f"
        + " (1-iteration fit %.2f s: seconds_per_iteration after setup=%.3f) objective=%.8f%n", done[2], secs[2],
        secs[2] / Math.max(1, done[2]), secs[1], (secs[2] - secs[1]) / Math.max(1, done[2] - done[1]), objective);
    for (String solver : List.of("saga", "svrg")) {
      VarianceReducedLogisticRegression ours = new VarianceReducedLogisticRegression().setSolver(solver)
          .setRegParam(REG).setElasticNetParam(0).setStandardization(false).setTol(1e-12).setMaxIter(6);
      long t0 = System.nanoTime();
      VarianceReducedLogisticRegressionModel m = ours.fit(df);
      double total = (System.nanoTime() - t0) * 1e-9;
      VarianceReducedTrainingSummary sm = m.summary();
      double[] h = sm.objectiveHistory();
      System.out.printf(Locale.ROOT, "geodesic-%s layout=%s rounds=%d epochs=%.1f seconds=%.2f seconds_per_pass=%.3f"
          + " fit_seconds=%.2f (statistics + layout + rounds) objective=%.8f%n", solver, sm.layout(),
          sm.totalIterations(), sm.epochs(), sm.seconds(), sm.seconds() / sm.epochs(), total, h[h.length - 1]);
    }
    if (nnz < 0) {
      bandwidthFloor(rows * (long) d);
    }
    df.unpersist();
  }

  /** Seconds to read {@code doubles} doubles from memory: a summing pass over 256 MB arrays, 1 and 2 threads. */
  static void bandwidthFloor(long doubles) {
    int len = 1 << 25;
    double[][] a = {new double[len], new double[len]};
    for (double[] x : a) {
      java.util.Arrays.fill(x, 1.0);
    }
    for (int threads = 1; threads <= 2; threads++) {
      double best = Double.MAX_VALUE;
      for (int rep = 0; rep < 5; rep++) {
        int t = threads;
        long t0 = System.nanoTime();
        double[] sums = new double[2];
        Thread[] th = new Thread[t];
        for (int q = 0; q < t; q++) {
          int qq = q;
          th[q] = new Thread(() -> {
            double s = 0;
            double[] x = a[qq];
            for (int i = 0; i < x.length; i++) {
              s += x[i];
            }
            sums[qq] = s;
          });
          th[q].start();
        }
        for (Thread x : th) {
          try {
            x.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        if (sums[0] != len) {
          throw new IllegalStateException("sum");
        }
      }
      double gbps = 8.0 * len * threads / best / 1e9;
      System.out.printf(Locale.ROOT, "bandwidth threads=%d GB/s=%.1f floor_seconds_per_pass=%.3f (%.0f MB)%n", threads,
          gbps, 8.0 * doubles / (gbps * 1e9), 8.0 * doubles / 1e6);
    }
  }
}
