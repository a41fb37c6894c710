package dev.geodesic.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.AcceleratedProximalGradient;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.jobs.SparkTestBase;
import dev.geodesic.linalg.DenseMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML estimator against independent truths: lib's FISTA optimum, MLlib's LogisticRegression
 * on the same rows (binomial with standardization and elastic net, multinomial), the save/load round
 * trip in a Pipeline, and sparse vectors kept sparse (a d = 262 144 problem that could not be densified).
 */
class VarianceReducedLogisticRegressionTest extends SparkTestBase {
  @TempDir
  static Path dir;

  static final int N = 400;
  static final int D = 6;
  /** Features far from the origin (offset 5, column scales 0.5 … 3): centering and standardization matter. */
  static double[][] x;
  static double[] binary;
  static double[] threeClasses;
  static Dataset<Row> data;

  @BeforeAll
  static void rows() {
    Random r = new Random(7);
    x = new double[N][D];
    binary = new double[N];
    threeClasses = new double[N];
    for (int i = 0; i < N; i++) {
      double z = 0.3;
      double z2 = -0.2;
      for (int j = 0; j < D; j++) {
        double u = r.nextGaussian();
        x[i][j] = 5 + (0.5 + 0.5 * j) * u;
        z += u * ((j % 3) - 1.0);
        z2 += u * (j % 2 == 0 ? 0.8 : -0.4);
      }
      binary[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      double a = Math.exp(z);
      double b = Math.exp(z2);
      double v = r.nextDouble() * (1 + a + b);
      threeClasses[i] = v < 1 ? 0 : v < 1 + a ? 1 : 2;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      rows.add(RowFactory.create(Vectors.dense(x[i]), binary[i], threeClasses[i]));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("klass", DataTypes.DoubleType, false)});
    data = spark.createDataFrame(rows, schema).repartition(3).cache();
  }

  /**
   * MLlib's objective at (W, b): mean negative log-likelihood + reg·((1 − α)/2·‖σ∘w‖² + α‖σ∘w‖₁),
   * with σ the columns' standard deviations when standardized (1 otherwise); binomial when W has one row.
   */
  static double objective(Matrix w, Vector b, double[] y, double reg, double alpha, boolean standardized) {
    int k = w.numRows();
    double loss = 0;
    for (int i = 0; i < N; i++) {
      double[] z = new double[k];
      for (int c = 0; c < k; c++) {
        z[c] = b.apply(c);
        for (int j = 0; j < D; j++) {
          z[c] += w.apply(c, j) * x[i][j];
        }
      }
      if (k == 1) {
        loss += Math.log1p(Math.exp(-Math.abs(z[0]))) + Math.max(z[0], 0) - y[i] * z[0];
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
          max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
          s += Math.exp(v - max);
        }
        loss += max + Math.log(s) - z[(int) y[i]];
      }
    }
    double l1 = 0;
    double l2 = 0;
    for (int j = 0; j < D; j++) {
      double sd = standardized ? std(j) : 1.0;
      for (int c = 0; c < k; c++) {
        double v = w.apply(c, j) * sd;
        l1 += Math.abs(v);
        l2 += v * v;
      }
    }
    return loss / N + reg * ((1 - alpha) / 2 * l2 + alpha * l1);
  }

  static double std(int j) {
    double m = 0;
    for (double[] r : x) {
      m += r[j];
    }
    m /= N;
    double s = 0;
    for (double[] r : x) {
      s += (r[j] - m) * (r[j] - m);
    }
    return Math.sqrt(s / (N - 1));
  }

  /** f* of L2 logistic regression with intercept by lib's FISTA (a different algorithm, on one machine). */
  static double fistaOptimum(double l2) {
    double[] v = new double[D * N];
    for (int i = 0; i < N; i++) {
      System.arraycopy(x[i], 0, v, i * D, D);
    }
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(DenseMatrix.wrap(D, N, v)), binary,
        new BinaryLogisticLoss(), Regularizer.of(0, l2), true);
    return new AcceleratedProximalGradient(p, FiniteSumOptions.defaults())
        .solve(FiniteSumStopping.tolerance(1e-11, 100_000)).objective();
  }

  @Test
  void reachesTheFistaOptimum() {
    double fstar = fistaOptimum(0.01);
    for (String solver : List.of("saga", "svrg")) {
      // saga on uniform draws, svrg on the default smoothness-proportional ones
      VarianceReducedLogisticRegressionModel m = new VarianceReducedLogisticRegression().setSolver(solver)
          .setRowSampling(solver.equals("saga") ? "uniform" : "smoothness").setRegParam(0.01).setStandardization(false).setTol(1e-8).setInnerPasses(3).setMaxIter(800).fit(data);
      double f = objective(m.coefficientMatrix(), m.interceptVector(), binary, 0.01, 0, false);
      assertTrue(f - fstar <= 1e-8 && f - fstar > -1e-10, solver + ": gap " + (f - fstar));
      VarianceReducedTrainingSummary s = m.summary();
      assertEquals("converged", s.stopReason(), solver + " after " + s.epochs() + " passes");
      assertEquals("dense", s.layout());
      double[] h = s.objectiveHistory();
      assertEquals(s.totalIterations(), h.length);
      assertEquals(f, h[h.length - 1], 1e-9, "the last objective is the model's");
    }
  }

  /** Defaults (standardization on) and elastic net: MLlib's OWL-QN optimum, in MLlib's own objective. */
  @Test
  void matchesMllibWithStandardizationAndElasticNet() {
    LogisticRegressionModel ml = new LogisticRegression().setRegParam(0.02).setElasticNetParam(0.5).setTol(1e-10)
        .setMaxIter(300).fit(data);
    VarianceReducedLogisticRegressionModel vr = new VarianceReducedLogisticRegression().setRegParam(0.02)
        .setElasticNetParam(0.5).setTol(1e-8).setInnerPasses(3).setMaxIter(1000).fit(data);
    double fm = objective(ml.coefficientMatrix(), ml.interceptVector(), binary, 0.02, 0.5, true);
    double fv = objective(vr.coefficientMatrix(), vr.interceptVector(), binary, 0.02, 0.5, true);
    assertEquals(fm, fv, 1e-6 * fm, "MLlib " + fm + " vs " + fv + " after " + vr.summary().epochs() + " passes");
    for (int j = 0; j < D; j++) {
      assertEquals(ml.coefficients().apply(j), vr.coefficients().apply(j), 1e-3, "coefficient " + j);
      assertEquals(ml.coefficients().apply(j) == 0, Math.abs(vr.coefficients().apply(j)) < 1e-12, "support " + j);
    }
    assertEquals(ml.intercept(), vr.intercept(), 1e-2);
  }

  @Test
  void multinomialMatchesMllib() {
    LogisticRegressionModel ml = new LogisticRegression().setLabelCol("klass").setFamily("multinomial")
        .setRegParam(0.01).setStandardization(false).setTol(1e-10).setMaxIter(300).fit(data);
    VarianceReducedLogisticRegressionModel vr = new VarianceReducedLogisticRegression().setLabelCol("klass")
        .setRegParam(0.01).setStandardization(false).setTol(1e-7).setInnerPasses(3).setMaxIter(1000).fit(data);
    assertTrue(vr.isMultinomial(), "auto family, 3 classes");
    assertEquals(3, vr.numClasses());
    double fm = objective(ml.coefficientMatrix(), ml.interceptVector(), threeClasses, 0.01, 0, false);
    double fv = objective(vr.coefficientMatrix(), vr.interceptVector(), threeClasses, 0.01, 0, false);
    assertEquals(fm, fv, 1e-6 * fm, "MLlib " + fm + " vs " + fv + " after " + vr.summary().epochs() + " passes");
    assertThrows(IllegalArgumentException.class, () -> new VarianceReducedLogisticRegression().setLabelCol("klass")
        .setFamily("binomial").fit(data));
  }

  /** fit, save, load, transform: the same rawPrediction, probability and prediction; params survive. */
  @Test
  void pipelineRoundTrip() throws Exception {
    VarianceReducedLogisticRegression lr = new VarianceReducedLogisticRegression().setRegParam(0.01).setMaxIter(10)
        .setThreshold(0.6).setSolver("svrg").setRowSampling("uniform");
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {lr});
    PipelineModel fitted = pipeline.fit(data);
    String p = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(p);
    PipelineModel loaded = PipelineModel.load(p);
    List<Row> a = fitted.transform(data).select("rawPrediction", "probability", "prediction").collectAsList();
    List<Row> b = loaded.transform(data).select("rawPrediction", "probability", "prediction").collectAsList();
    assertEquals(N, a.size());
    int ones = 0;
    for (int i = 0; i < N; i++) {
      assertArrayEquals(((Vector) a.get(i).get(0)).toArray(), ((Vector) b.get(i).get(0)).toArray(), 0.0);
      Vector prob = (Vector) a.get(i).get(1);
      assertArrayEquals(prob.toArray(), ((Vector) b.get(i).get(1)).toArray(), 0.0);
      assertEquals(a.get(i).getDouble(2), b.get(i).getDouble(2));
      assertEquals(prob.apply(1) > 0.6 ? 1.0 : 0.0, a.get(i).getDouble(2), "threshold 0.6");
      assertEquals(1.0, prob.apply(0) + prob.apply(1), 1e-15);
      ones += (int) a.get(i).getDouble(2);
    }
    assertTrue(ones > 0 && ones < N);
    VarianceReducedLogisticRegressionModel m = (VarianceReducedLogisticRegressionModel) loaded.stages()[0];
    assertEquals(0.01, m.getRegParam());
    assertEquals("svrg", m.getSolver());
    assertEquals("uniform", m.getRowSampling());
    assertEquals(0.6, m.getThreshold());
    assertFalse(m.hasSummary());
    String e = dir.resolve("estimator").toString();
    lr.write().overwrite().save(e);
    VarianceReducedLogisticRegression back = VarianceReducedLogisticRegression.load(e);
    assertEquals(lr.uid(), back.uid());
    assertEquals(10, back.getMaxIter());
    assertEquals(0.6, back.getThreshold());
    assertEquals("uniform", back.getRowSampling());
    assertEquals("auto", new VarianceReducedLogisticRegression().getRowSampling());
  }

  /**
   * A generated LIBSVM file read by Spark's {@code libsvm} source (sparse vectors) goes to CSR blocks, and
   * the dense layout of the same rows takes the same iterates to rounding (lazy L2 scaling vs BLAS).
   */
  @Test
  void libsvmFileStaysSparse() throws java.io.IOException {
    Random r = new Random(11);
    int d = 60;
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      StringBuilder line = new StringBuilder();
      double z = 0;
      for (int j = 0; j < d; j++) {
        if (r.nextDouble() < 0.05) {
          double v = r.nextGaussian();
          line.append(' ').append(j + 1).append(':').append(v);
          z += v * ((j % 3) - 1.0);
        }
      }
      file.append(r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "1" : "0").append(line).append('\n');
    }
    Path in = dir.resolve("rows.libsvm");
    java.nio.file.Files.writeString(in, file.toString());
    Dataset<Row> sparse = spark.read().format("libsvm").option("numFeatures", d).load(in.toString()).repartition(2)
        .cache();
    assertTrue(sparse.first().getAs("features") instanceof org.apache.spark.ml.linalg.SparseVector);
    VarianceReducedLogisticRegression lr = new VarianceReducedLogisticRegression().setRegParam(0.01)
        .setElasticNetParam(0.3).setFitIntercept(false).setStandardization(false).setMaxIter(12).setTol(0);
    VarianceReducedLogisticRegressionModel s = lr.fit(sparse);
    VarianceReducedLogisticRegressionModel dn = lr.copy(new org.apache.spark.ml.param.ParamMap()).setLayout("dense")
        .fit(sparse);
    assertEquals("sparse", s.summary().layout());
    assertEquals("dense", dn.summary().layout());
    double scale = 0;
    for (int j = 0; j < d; j++) {
      scale = Math.max(scale, Math.abs(s.coefficients().apply(j)));
    }
    assertTrue(scale > 0.1, "the fit moved: " + s.coefficients());
    for (int j = 0; j < d; j++) {
      assertEquals(s.coefficients().apply(j), dn.coefficients().apply(j), 1e-11 * scale, "coefficient " + j);
    }
  }

  /**
   * d = 262 144, 2 000 rows of 20 nonzeros: n·d doubles would be 4 GiB (more than the test heap), so the
   * fit completing on CSR blocks shows no row was densified on the way.
   */
  @Test
  void hashedDimensionTrainsOnCsrBlocks() {
    int d = 1 << 18;
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int[] idx = r.ints(0, d).distinct().limit(20).sorted().toArray();
      double[] val = new double[idx.length];
      double z = 0;
      for (int q = 0; q < idx.length; q++) {
        val[q] = 1.0;
        z += (idx[q] % 2 == 0 ? 1 : -1) * 0.3;
      }
      rows.add(RowFactory.create(Vectors.sparse(d, idx, val), r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0));
    }
    Dataset<Row> hashed = spark.createDataFrame(rows, new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)})).repartition(2);
    VarianceReducedLogisticRegressionModel m = new VarianceReducedLogisticRegression().setRegParam(1e-3)
        .setStandardization(false).setMaxIter(6).fit(hashed);
    assertEquals("sparse", m.summary().layout());
    assertEquals(d, m.numFeatures());
    double[] h = m.summary().objectiveHistory();
    assertTrue(h[h.length - 1] < Math.log(2), "below the zero model's loss: " + h[h.length - 1]);
  }
}
