package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommitted;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.finitesum.AcceleratedProximalGradient;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.FiniteSumResult;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import dev.geodesic.linalg.DenseMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code finite-sum} through the CLI on local[2], against lib's FISTA reference on the same rows. */
class FiniteSumTest {
  @TempDir
  static Path dir;

  static final int D = 6;
  static final int N = 400;

  /** Logistic rows, dense (offset 5, so the center matters) and sparse (density 0.05), written as Parquet. */
  static Path dense;
  static Path sparse;
  static DenseMatrix denseX;
  static DenseMatrix sparseX;
  static double[] denseY;
  static double[] sparseY;

  @BeforeAll
  static void data() {
    denseX = features(1, 1.0, 5.0);
    denseY = labels(2, denseX, 5.0);
    sparseX = features(3, 0.05, 0.0);
    sparseY = labels(4, sparseX, 0.0);
    dense = write("dense", denseX, denseY);
    sparse = write("sparse", sparseX, sparseY);
  }

  static DenseMatrix features(long seed, double density, double offset) {
    Random r = new Random(seed);
    int d = density < 1 ? D * 10 : D;
    double[] v = new double[d * N];
    for (int k = 0; k < v.length; k++) {
      v[k] = r.nextDouble() < density ? r.nextGaussian() + offset : 0.0;
    }
    return DenseMatrix.wrap(d, N, v);
  }

  static double[] labels(long seed, DenseMatrix x, double offset) {
    Random r = new Random(seed);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double z = 0.3;
      for (int j = 0; j < x.rows(); j++) {
        z += (x.get(j, i) - offset) * ((j % 3) - 1.0);
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1; // ±1 labels: mapped to 0/1 at the boundary
    }
    return y;
  }

  static Path write(String name, DenseMatrix x, double[] y) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      List<Double> f = new ArrayList<>();
      for (int j = 0; j < x.rows(); j++) {
        f.add(x.get(j, i));
      }
      rows.add(RowFactory.create(f, y[i]));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});
    Path out = dir.resolve(name + ".parquet");
    spark().createDataFrame(rows, schema).repartition(3).write().parquet(out.toString());
    return out;
  }

  static FiniteSumResult reference(DenseMatrix x, double[] y, double l1, double l2) {
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(x), y, new BinaryLogisticLoss(),
        Regularizer.of(l1, l2), true);
    return new AcceleratedProximalGradient(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.tolerance(1e-11, 100_000));
  }

  @SuppressWarnings("unchecked")
  static List<Double> weights(Path out) {
    Row r = spark().read().parquet(out.resolve("coefficients.parquet").toString()).collectAsList().get(0);
    List<Double> w = new ArrayList<>(r.<Double>getList(r.fieldIndex("weights")));
    w.add(r.getDouble(r.fieldIndex("intercept")));
    return w;
  }

  /** Dense rows far from the origin, three partitions, local SVRG and loopless SVRG: FISTA's f* to 1e-8. */
  @Test
  void denseLogisticReachesTheReference() throws Exception {
    FiniteSumResult ref = reference(denseX, denseY, 0, 0.01);
    double fstar = ref.objective();
    for (String method : List.of("svrg", "lsvrg")) {
      Path out = dir.resolve("dense-" + method);
      // svrg on the default smoothness-proportional draws, lsvrg on uniform ones
      String sampling = method.equals("svrg") ? "smoothness" : "uniform";
      ok("finite-sum", "--input", dense.toString(), "--output", out.toString(), "--method", method, "--l2", "0.01",
          "--fstar", Double.toString(fstar), "--target-gap", Double.toString(1e-8 * fstar), "--max-epochs", "300",
          "--sampling", sampling);
      assertCommitted(out);
      Map<String, Object> s = summary(out);
      assertCommonSummary(s, "finite-sum");
      assertEquals(sampling, s.get("sampling"));
      assertEquals("target-reached", s.get("status"), s.toString());
      assertEquals("dense", s.get("layout"));
      assertEquals(method, s.get("method"));
      assertTrue(((Number) s.get("gap")).doubleValue() <= 1e-8 * fstar);
      assertTrue(((Number) s.get("seconds_to_target")).doubleValue() > 0);
      for (String f : List.of("objective", "epochs", "grad_mapping_norm")) {
        assertTrue(s.containsKey(f), f);
      }
      List<Double> w = weights(out);
      for (int j = 0; j < D; j++) {
        assertEquals(ref.weights()[j], w.get(j), 1e-3, method + " weight " + j);
      }
      assertEquals(ref.intercepts()[0], w.get(D), 1e-2, method + " intercept");
    }
  }

  /** LIBSVM's hashing-trick width: the sparse rows' 60 columns spread over d = 2^18. */
  static final int WIDE = 262_144;

  /** Column j of the sparse rows as a LIBSVM index (1-based) in a file of {@link #WIDE} features. */
  static int wideColumn(int j, int d) {
    return 1 + (int) ((long) j * (WIDE - 1) / (d - 1));
  }

  /** The rows as a LIBSVM text file, column j at {@code column.applyAsInt(j)}; nonzeros only. */
  static Path libsvm(String name, DenseMatrix x, double[] y, java.util.function.IntUnaryOperator column)
      throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < x.cols(); i++) {
      b.append(y[i] > 0 ? "+1" : "-1");
      for (int j = 0; j < x.rows(); j++) {
        if (x.get(j, i) != 0) {
          b.append(' ').append(column.applyAsInt(j)).append(':').append(Double.toString(x.get(j, i)));
        }
      }
      b.append('\n');
    }
    Path out = dir.resolve(name + ".libsvm");
    java.nio.file.Files.writeString(out, b.toString());
    return out;
  }

  /**
   * A LIBSVM file of d = 262 144 features at density 1e-5 trains on CSR blocks (the reader keeps the sparse
   * vectors; densified, the rows alone would be 840 MB): elastic net, local SAGA, FISTA's f* on the same
   * 60 nonzero columns to 1e-6 (the other columns are zero, so the optimum is the same), the weights where
   * the columns land within the distance that gap implies, and every other weight exactly zero.
   */
  @Test
  void wideLibsvmRowsTakeTheCsrLayout() throws Exception {
    FiniteSumResult ref = reference(sparseX, sparseY, 1e-3, 1e-2);
    int d = sparseX.rows();
    Path in = libsvm("wide", sparseX, sparseY, j -> wideColumn(j, d));
    Path out = dir.resolve("sparse-saga");
    ok("finite-sum", "--input", in.toString(), "--format", "libsvm", "--output", out.toString(), "--method", "saga",
        "--l2", "0.01", "--l1", "0.001", "--fstar", Double.toString(ref.objective()), "--target-gap",
        Double.toString(1e-6 * ref.objective()), "--max-epochs", "400", "--inner-passes", "3");
    Map<String, Object> s = summary(out);
    assertEquals("sparse", s.get("layout"));
    assertEquals(WIDE, ((Number) s.get("features")).intValue());
    assertEquals("target-reached", s.get("status"), s.toString());
    List<Double> w = weights(out);
    assertEquals(WIDE + 1, w.size());
    // the objective is λ₂-strongly convex in w, so gap ≥ (λ₂/2)·‖w − w*‖²: a bound from the run's own gap
    double gap = ((Number) s.get("gap")).doubleValue();
    double radius = Math.sqrt(2 * Math.max(gap, 0) / 0.01) + 1e-9;
    double dist = 0;
    for (int j = 0; j < d; j++) {
      double e = ref.weights()[j] - w.get(wideColumn(j, d) - 1);
      dist += e * e;
    }
    assertTrue(Math.sqrt(dist) <= radius, "‖w − w*‖ = " + Math.sqrt(dist) + " > " + radius);
    int nonzero = 0;
    for (double v : w) {
      nonzero += v != 0 ? 1 : 0;
    }
    assertTrue(nonzero <= d + 1, nonzero + " nonzero weights: only the 60 columns that exist can move");
  }

  /**
   * The same LIBSVM rows as CSR blocks and as dense blocks (no intercept, so neither is centered): the same
   * iterates after 6 rounds of local SVRG, to rounding (the CSR path's lazy L2 scaling and the dense
   * path's BLAS round differently).
   */
  @Test
  void libsvmCsrAndDenseLayoutsGiveTheSameIterates() throws Exception {
    Path in = libsvm("narrow", sparseX, sparseY, j -> j + 1);
    List<List<Double>> w = new ArrayList<>();
    for (String layout : List.of("sparse", "dense")) {
      Path out = dir.resolve("libsvm-" + layout);
      ok("finite-sum", "--input", in.toString(), "--format", "libsvm", "--output", out.toString(), "--layout", layout,
          "--no-intercept", "--l2", "0.01", "--max-epochs", "12", "--partitions", "2");
      assertEquals(layout, summary(out).get("layout"));
      w.add(weights(out));
    }
    double scale = 0;
    for (double v : w.get(0)) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 0.1, "the runs moved: " + w.get(0));
    for (int j = 0; j < w.get(0).size(); j++) {
      assertEquals(w.get(0).get(j), w.get(1).get(j), 1e-11 * scale, "coefficient " + j);
    }
  }

  /** Stopped at 5 epochs with --checkpoint, resumed with a budget of 12: ends as the straight 12-epoch run. */
  @Test
  void checkpointResumeEndsAsTheStraightRun() throws Exception {
    Path straight = dir.resolve("ck-straight");
    Path first = dir.resolve("ck-first");
    Path resumed = dir.resolve("ck-resumed");
    Path ck = dir.resolve("ck");
    String[] common = {"finite-sum", "--input", dense.toString(), "--method", "saga", "--l2", "0.01", "--partitions", "2"};
    ok(concat(common, "--output", straight.toString(), "--max-epochs", "12"));
    ok(concat(common, "--output", first.toString(), "--max-epochs", "5", "--checkpoint", ck.toString()));
    assertEquals("max-epochs", summary(first).get("status"));
    ok(concat(common, "--output", resumed.toString(), "--max-epochs", "12", "--checkpoint", ck.toString()));
    Map<String, Object> a = summary(straight);
    Map<String, Object> b = summary(resumed);
    assertTrue(b.containsKey("resumed_after_round"), b.toString());
    assertEquals(a.get("iterations"), b.get("iterations"));
    double oa = ((Number) a.get("objective")).doubleValue();
    assertEquals(oa, ((Number) b.get("objective")).doubleValue(), 1e-12 * oa);
    List<Double> wa = weights(straight);
    List<Double> wb = weights(resumed);
    for (int j = 0; j < wa.size(); j++) {
      assertEquals(wa.get(j), wb.get(j), 1e-10 * Math.max(1, Math.abs(wa.get(j))), "coefficient " + j);
    }
  }

  /**
   * An L1 path (λ₂ fixed), warm-started in one run: every point's objective is FISTA's cold-start optimum
   * for its λ to 1e-8, its support is FISTA's, and the support grows as λ₁ falls (as it does for the
   * cold solves on these rows).
   */
  @Test
  void l1PathPointsAreTheColdStartOptima() throws Exception {
    Path out = dir.resolve("l1-path");
    ok("finite-sum", "--input", dense.toString(), "--output", out.toString(), "--method", "saga", "--l2", "0.001",
        "--l1-path", "0.1:0.005:4", "--tol", "1e-6", "--max-epochs", "300", "--inner-passes", "3");
    SummarySchemaTest.assertConforms("finite-sum", out);
    assertTrue(java.nio.file.Files.exists(out.resolve("coefficients.parquet")), "the last point's coefficients");
    Map<String, Object> s = summary(out);
    assertEquals(4, ((Number) s.get("path_points")).intValue(), s.toString());
    assertEquals("converged", s.get("status"), s.toString());
    assertEquals("l1", s.get("path_penalty"));
    List<Row> points = spark().read().parquet(out.resolve("path.parquet").toString()).orderBy("point").collectAsList();
    assertEquals(4, points.size());
    int previous = -1;
    for (Row p : points) {
      double l1 = p.getDouble(p.fieldIndex("l1"));
      FiniteSumResult ref = reference(denseX, denseY, l1, 0.001);
      double gap = p.getDouble(p.fieldIndex("objective")) - ref.objective();
      assertTrue(gap <= 1e-8 && gap > -1e-10, "λ₁ = " + l1 + ": gap " + gap);
      int support = 0;
      for (int j = 0; j < D; j++) {
        support += ref.weights()[j] != 0 ? 1 : 0;
      }
      assertEquals(support, p.getInt(p.fieldIndex("nonzeros")), "support at λ₁ = " + l1);
      assertTrue(support >= previous, "support shrank at λ₁ = " + l1);
      previous = support;
    }
    assertTrue(previous > ((Number) points.get(0).getInt(points.get(0).fieldIndex("nonzeros"))).intValue(),
        "the grid spans supports of different sizes");
  }

  /**
   * L1 logistic on a generated sparse truth (5 of 20 weights nonzero, features far from the origin): the
   * command's SAGA recovers the truth's support exactly (the other 15 weights are exact zeros of the prox)
   * and its objective, recomputed here from the written coefficients, is within 1e-6 of FISTA's on the same rows.
   */
  @Test
  void l1RecoversASparseTruth() throws Exception {
    int d = 20;
    int[] support = {1, 4, 9, 13, 17};
    double[] truth = new double[d];
    for (int q = 0; q < support.length; q++) {
      truth[support[q]] = q % 2 == 0 ? 2.0 : -2.0;
    }
    Random r = new Random(21);
    double[] v = new double[d * N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double z = 0.5;
      for (int j = 0; j < d; j++) {
        double u = r.nextGaussian();
        v[i * d + j] = 3 + u;
        z += truth[j] * u;
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
    }
    DenseMatrix x = DenseMatrix.wrap(d, N, v);
    double l1 = 0.05;
    FiniteSumResult ref = reference(x, y, l1, 0);
    Path out = dir.resolve("l1-truth");
    ok("finite-sum", "--input", write("l1-truth", x, y).toString(), "--output", out.toString(), "--method", "saga",
        "--l1", Double.toString(l1), "--fstar", Double.toString(ref.objective()), "--target-gap", "1e-7",
        "--max-epochs", "400", "--inner-passes", "3");
    assertEquals("target-reached", summary(out).get("status"), summary(out).toString());
    List<Double> w = weights(out);
    double[] at = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      at[j] = w.get(j);
    }
    // the written coefficients are in the original coordinates: the problem without its centering
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(x), y, new BinaryLogisticLoss(),
        Regularizer.of(l1, 0), true).withCenter(null);
    double gap = p.objective(at) - ref.objective();
    assertTrue(gap <= 1e-6 && gap > -1e-9, "gap " + gap);
    for (int j = 0; j < d; j++) {
      assertEquals(truth[j] != 0, w.get(j) != 0, "support at " + j + ": " + w);
      assertEquals(truth[j] != 0, ref.weights()[j] != 0, "FISTA's support at " + j);
    }
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badOptionsAndLabelsAreInputErrors() throws Exception {
    assertBadInput(dir.resolve("bad1"), "--target-gap needs --fstar", "finite-sum", "--input", dense.toString(),
        "--output", dir.resolve("bad1").toString(), "--target-gap", "1e-6");
    assertBadInput(dir.resolve("bad2"), "--method", "finite-sum", "--input", dense.toString(),
        "--output", dir.resolve("bad2").toString(), "--method", "sgd");
    assertBadInput(dir.resolve("bad3"), "multinomial loss takes class indices", "finite-sum", "--input", dense.toString(),
        "--output", dir.resolve("bad3").toString(), "--loss", "multinomial");
    assertBadInput(dir.resolve("bad4"), "--relaxation must be in (0, 2)", "finite-sum", "--input", dense.toString(),
        "--output", dir.resolve("bad4").toString(), "--relaxation", "2");
    assertBadInput(dir.resolve("bad5"), "--sampling", "finite-sum", "--input", dense.toString(),
        "--output", dir.resolve("bad5").toString(), "--sampling", "lottery");
  }
}
