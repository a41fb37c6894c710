package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommitted;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.manifold.StiefelManifold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drcgd} end to end: decentralized PCA on Spark against the eigenvectors of the pooled rows. */
class DrcgdTest {
  @TempDir
  static Path dir;

  static Path pca;

  @BeforeAll
  static void data() {
    pca = dir.resolve("pca");
    ok("generate", "--kind", "pca", "--rows", "1203", "--dim", "8", "--rank", "3", "--seed", "3", "--output", pca.toString());
  }

  /** The top-3 eigenvectors of (1/N)·AᵀA from all rows, gathered here (independent of the job). */
  static DenseMatrix pooledTruth() {
    List<Row> rows = spark().read().parquet(pca.resolve("data.parquet").toString()).select("features").collectAsList();
    DenseMatrix a = DenseMatrix.zeros(8, rows.size());
    for (int j = 0; j < rows.size(); j++) {
      List<Double> f = rows.get(j).getList(0);
      for (int i = 0; i < 8; i++) {
        a.set(i, j, f.get(i));
      }
    }
    Lapack.SymmetricEigen e = Lapack.get().symmetricEigen(Blas.get().gram(false, a));
    return e.vectors().columns(5, 8);
  }

  static DenseMatrix readAverage(Path out) {
    return readAverage(out, 8);
  }

  static DenseMatrix readAverage(Path out, int d) {
    List<Row> rows = spark().read().parquet(out.resolve("xbar.parquet").toString()).orderBy("column").collectAsList();
    DenseMatrix x = DenseMatrix.zeros(d, rows.size());
    for (int j = 0; j < rows.size(); j++) {
      assertEquals(j, rows.get(j).getInt(0));
      List<Double> v = rows.get(j).getList(1);
      for (int i = 0; i < d; i++) {
        x.set(i, j, v.get(i));
      }
    }
    return x;
  }

  @Test
  void gradientTrackingReachesThePooledEigenvectorsOnARing() throws Exception {
    Path out = dir.resolve("drgta");
    ok("drcgd", "--input", pca.toString(), "--method", "drgta", "--agents", "5", "--graph", "ring", "--gossip", "3",
        "--rank", "3", "--step", "0.3", "--iterations", "150", "--truth", "--seed", "7", "--output", out.toString());
    assertCommitted(out);
    Map<String, Object> s = summary(out);
    assertCommonSummary(s, "drcgd");
    assertEquals("drgta", s.get("method"));
    for (String f : List.of("consensus_error", "grad_norm", "objective_gap", "subspace_distance", "communication_rounds",
        "bytes_exchanged", "sigma2")) {
      assertTrue(s.containsKey(f), "summary lacks " + f + ": " + s);
    }
    assertEquals(150, ((Number) s.get("iterations")).intValue());
    assertEquals(450.0, ((Number) s.get("communication_rounds")).doubleValue());
    // 150 iterations × 3 rounds × 10 messages (5-ring) × 2 matrices of 8×3 doubles
    assertEquals(150L * 3 * 10 * 2 * 24 * 8, ((Number) s.get("bytes_exchanged")).longValue());
    double ds = ((Number) s.get("subspace_distance")).doubleValue();
    assertTrue(ds < 1e-8, "d_s = " + ds);
    // 1/3 + (2/3)cos(2π/5)
    assertEquals(1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI / 5), ((Number) s.get("sigma2")).doubleValue(), 1e-12);
    // the arithmetic happens inside the agents' jobs, which happen inside the solve
    double jobs = ((Number) s.get("agents_seconds")).doubleValue();
    double compute = ((Number) s.get("agents_compute_seconds")).doubleValue();
    assertTrue(compute > 0 && compute < jobs && jobs < ((Number) s.get("solve_seconds")).doubleValue(),
        "compute " + compute + " s, jobs " + jobs + " s, solve " + s.get("solve_seconds") + " s");
    DenseMatrix xbar = readAverage(out);
    StiefelManifold st = new StiefelManifold(8, 3);
    assertTrue(st.orthonormalityError(xbar) < 1e-12);
    assertTrue(st.subspaceDistance(xbar, pooledTruth()) < 1e-7);
    assertEquals(150, spark().read().parquet(out.resolve("trace.parquet").toString()).count());
    assertTrue(Files.readString(out.resolve("report.html")).contains("subspace"));
  }

  @Test
  void gradientTrackingWithChebyshevGossipOnClientsFromAnEdgeList() throws Exception {
    // an input split by client: the agents are the clients, the graph a path 0 − 1 − 2 − 3 read from Parquet
    Path split = dir.resolve("split");
    spark().read().parquet(pca.resolve("data.parquet").toString())
        .withColumn("client", org.apache.spark.sql.functions.expr("concat('site-', cast(pmod(hash(features), 4) as string))"))
        .write().parquet(split.toString());
    Path edges = dir.resolve("path-edges");
    StructType schema = new StructType(new StructField[] {DataTypes.createStructField("source", DataTypes.IntegerType, false),
        DataTypes.createStructField("target", DataTypes.IntegerType, false)});
    spark().createDataFrame(List.of(RowFactory.create(0, 1), RowFactory.create(1, 2), RowFactory.create(2, 3)), schema)
        .write().parquet(edges.toString());
    Path out = dir.resolve("gt");
    ok("drcgd", "--input", split.toString(), "--client-col", "client", "--method", "drgta", "--graph", edges.toString(),
        "--gossip", "3", "--chebyshev", "--rank", "3", "--step", "0.3", "--iterations", "200", "--truth", "--seed", "7",
        "--output", out.toString());
    Map<String, Object> s = summary(out);
    assertEquals(4, ((Number) s.get("agents")).intValue());
    assertEquals("chebyshev", s.get("gossip"));
    double ds = ((Number) s.get("subspace_distance")).doubleValue();
    assertTrue(ds < 1e-8, "d_s = " + ds + " " + s);
    assertTrue(new StiefelManifold(8, 3).subspaceDistance(readAverage(out), pooledTruth()) < 1e-7);
  }

  /**
   * Procrustes end to end: rows a_j whose pooled Gramian is N·I (A = √N·Q, Q with orthonormal columns)
   * and targets b_j = x_trueᵀa_j + noise, so ‖Ax‖² is constant on St(d, r) and the minimizer of
   * ‖Ax − B‖² is the polar factor U·Vᵀ of AᵀB = U·Σ·Vᵀ (computed here by LAPACK's SVD of the pooled rows).
   */
  @Test
  void procrustesReachesThePolarFactorOfThePooledCrossProduct() throws Exception {
    int rowsN = 1000;
    int d = 6;
    int r = 2;
    java.util.Random random = new java.util.Random(11);
    DenseMatrix m = DenseMatrix.zeros(rowsN, d);
    for (int i = 0; i < m.values().length; i++) {
      m.values()[i] = random.nextGaussian();
    }
    DenseMatrix a = Lapack.get().qrFactorQ(m);
    Blas.get().scal(Math.sqrt(rowsN), a.values());
    DenseMatrix g = DenseMatrix.zeros(d, r);
    for (int i = 0; i < g.values().length; i++) {
      g.values()[i] = random.nextGaussian();
    }
    DenseMatrix xTrue = Lapack.get().qrFactorQ(g);
    DenseMatrix b = Blas.get().multiply(a, xTrue);
    for (int i = 0; i < b.values().length; i++) {
      b.values()[i] += 0.5 * random.nextGaussian();
    }
    List<Row> rows = new java.util.ArrayList<>();
    for (int j = 0; j < rowsN; j++) {
      List<Double> f = new java.util.ArrayList<>();
      for (int i = 0; i < d; i++) {
        f.add(a.get(j, i));
      }
      for (int i = 0; i < r; i++) {
        f.add(b.get(j, i));
      }
      rows.add(RowFactory.create(f));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)});
    Path in = dir.resolve("procrustes-in");
    spark().createDataFrame(rows, schema).repartition(3).write().parquet(in.toString());
    Lapack.Svd svd = Lapack.get().thinSvd(Blas.get().multiply(true, a, false, b));
    DenseMatrix truth = Blas.get().multiply(false, svd.u(), true, svd.v());

    Path out = dir.resolve("procrustes");
    ok("drcgd", "--input", in.toString(), "--problem", "procrustes", "--method", "drgta", "--agents", "4", "--graph",
        "ring", "--gossip", "3", "--rank", String.valueOf(r), "--step", "0.3", "--iterations", "150", "--seed", "5",
        "--output", out.toString());
    Map<String, Object> s = summary(out);
    assertEquals("procrustes", s.get("problem"));
    assertEquals(d, ((Number) s.get("dimension")).intValue());
    DenseMatrix xbar = readAverage(out, d);
    StiefelManifold st = new StiefelManifold(d, r);
    assertTrue(st.orthonormalityError(xbar) < 1e-12);
    // the minimizer itself, not only its subspace: compare entries
    double err = 0;
    for (int i = 0; i < xbar.values().length; i++) {
      err = Math.max(err, Math.abs(xbar.values()[i] - truth.values()[i]));
    }
    assertTrue(err < 1e-8, "max |x̄ − UVᵀ| = " + err);
    assertTrue(((Number) s.get("grad_norm")).doubleValue() < 1e-8, s.toString());
  }

  /**
   * Stopped by its budget with --checkpoint, resumed with a larger one: ends as the straight run. A
   * contracting run (DRGTA, α = 0.3, t = 3): the restored state's arrays sit at other addresses, so native
   * BLAS may round differently, and only a contracting run keeps such differences at rounding level.
   */
  @Test
  void checkpointedRunResumesToTheStraightRun() throws Exception {
    String[] common = {"drcgd", "--input", pca.toString(), "--method", "drgta", "--agents", "4", "--graph", "ring",
        "--gossip", "3", "--rank", "3", "--step", "0.3", "--truth", "--seed", "9"};
    Path straight = dir.resolve("ck-straight");
    Path first = dir.resolve("ck-first");
    Path resumed = dir.resolve("ck-resumed");
    Path ck = dir.resolve("ck");
    ok(FiniteSumTest.concat(common, "--iterations", "60", "--output", straight.toString()));
    ok(FiniteSumTest.concat(common, "--iterations", "25", "--checkpoint", ck.toString(), "--output", first.toString()));
    assertEquals(25, ((Number) summary(first).get("iterations")).intValue());
    ok(FiniteSumTest.concat(common, "--iterations", "60", "--checkpoint", ck.toString(), "--output", resumed.toString()));
    Map<String, Object> a = summary(straight);
    Map<String, Object> b = summary(resumed);
    assertEquals(25, ((Number) b.get("resumed_after_round")).intValue(), b.toString());
    assertEquals(a.get("iterations"), b.get("iterations"));
    for (String k : List.of("subspace_distance", "consensus_error", "bytes_exchanged")) {
      double va = ((Number) a.get(k)).doubleValue();
      assertEquals(va, ((Number) b.get(k)).doubleValue(), 1e-12 * Math.max(1, Math.abs(va)), k);
    }
    DenseMatrix xa = readAverage(straight);
    DenseMatrix xb = readAverage(resumed);
    for (int i = 0; i < xa.values().length; i++) {
      assertEquals(xa.values()[i], xb.values()[i], 1e-12, "x̄ entry " + i);
    }
    assertEquals(60, spark().read().parquet(resumed.resolve("trace.parquet").toString()).count());
  }

  @Test
  void badGraphsAndOptionsEndInError() throws Exception {
    String in = pca.toString();
    assertBadInput(dir.resolve("bad1"), "--rank 9 exceeds the dimension 8", "drcgd", "--input", in, "--rank", "9",
        "--output", dir.resolve("bad1").toString());
    assertBadInput(dir.resolve("bad2"), "--agents", "drcgd", "--input", in, "--agents", "1",
        "--output", dir.resolve("bad2").toString());
    assertBadInput(dir.resolve("bad3"), "--method", "drcgd", "--input", in, "--method", "sgd",
        "--output", dir.resolve("bad3").toString());
    assertBadInput(dir.resolve("bad4"), "disconnected", "drcgd", "--input", in, "--agents", "12", "--graph", "er",
        "--edge-prob", "0.05", "--output", dir.resolve("bad4").toString());
    Path edges = dir.resolve("two-pieces");
    StructType schema = new StructType(new StructField[] {DataTypes.createStructField("source", DataTypes.LongType, false),
        DataTypes.createStructField("target", DataTypes.LongType, false)});
    spark().createDataFrame(List.of(RowFactory.create(0L, 1L), RowFactory.create(2L, 3L)), schema).write().parquet(edges.toString());
    assertBadInput(dir.resolve("bad5"), "disconnected (2 components", "drcgd", "--input", in, "--agents", "4", "--graph",
        edges.toString(), "--output", dir.resolve("bad5").toString());
    assertBadInput(dir.resolve("bad6"), "--truth", "drcgd", "--input", in, "--problem", "procrustes", "--truth",
        "--output", dir.resolve("bad6").toString());
    assertBadInput(dir.resolve("bad7"), "--step-schedule", "drcgd", "--input", in, "--step-schedule", "cosine",
        "--output", dir.resolve("bad7").toString());
  }
}
