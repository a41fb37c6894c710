package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommitted;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} and {@code import} through the CLI, checked against what they were asked to produce. */
class GenerateAndImportTest {
  @TempDir
  Path dir;

  @Test
  void gaussianCloudsHaveTheRequestedMeansAndAreReproducible() throws Exception {
    Path a = dir.resolve("a");
    ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "4000", "--dim", "3",
        "--mean", "0,0,0", "--mean", "5,-5,1", "--sigma", "0.5", "--seed", "7", "--partitions", "4",
        "--output", a.toString());
    assertCommitted(a);
    Map<String, Object> s = summary(a);
    assertCommonSummary(s, "generate");
    assertEquals("gaussian", s.get("method"));
    assertEquals(7, ((Number) s.get("seed")).intValue());

    List<Row> means = spark().read().parquet(a.resolve("data.parquet").toString())
        .selectExpr("client", "features[0] as x", "features[1] as y", "features[2] as z", "label")
        .groupBy("client").agg(org.apache.spark.sql.functions.count("x"), org.apache.spark.sql.functions.avg("x"),
            org.apache.spark.sql.functions.avg("y"), org.apache.spark.sql.functions.avg("z"),
            org.apache.spark.sql.functions.avg("label"))
        .orderBy("client").collectAsList();
    assertEquals(2, means.size());
    // 2000 rows per cloud, σ = 0.5: the standard error of a mean is 0.5/√2000 ≈ 0.011; allow 5 of them.
    double tol = 5 * 0.5 / Math.sqrt(2000);
    double[][] expected = {{0, 0, 0}, {5, -5, 1}};
    for (int k = 0; k < 2; k++) {
      Row r = means.get(k);
      assertEquals("cloud-" + k, r.getString(0));
      assertEquals(2000L, r.getLong(1));
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[k][c], r.getDouble(2 + c), tol);
      }
      assertEquals(k, r.getDouble(5), 0.0);
    }

    Path b = dir.resolve("b");
    ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "4000", "--dim", "3",
        "--mean", "0,0,0", "--mean", "5,-5,1", "--sigma", "0.5", "--seed", "7", "--partitions", "4",
        "--output", b.toString());
    List<Row> ra = spark().read().parquet(a.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    List<Row> rb = spark().read().parquet(b.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    assertEquals(ra, rb, "same seed and partitions give the same rows");
  }

  @Test
  void pcaDataWritesItsTrueSubspace() throws Exception {
    Path out = dir.resolve("pca");
    ok("generate", "--kind", "pca", "--rows", "500", "--dim", "8", "--rank", "2", "--output", out.toString());
    List<Row> truth = spark().read().parquet(out.resolve("truth.parquet").toString()).collectAsList();
    long subspace = truth.stream().filter(r -> r.getString(0).startsWith("subspace-")).count();
    assertEquals(2, subspace);
    // The truth vectors are orthonormal.
    List<double[]> u = truth.stream().filter(r -> r.getString(0).startsWith("subspace-"))
        .map(r -> r.<Double>getList(1).stream().mapToDouble(Double::doubleValue).toArray()).toList();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double dot = 0;
        for (int k = 0; k < 8; k++) {
          dot += u.get(i)[k] * u.get(j)[k];
        }
        assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
      }
    }
    assertEquals(500, spark().read().parquet(out.resolve("data.parquet").toString()).count());
  }

  @Test
  void importCsvKeepsValuesAndLabels() throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "x1,x2,y\n1.5,2,0\n-3,4,1\n");
    Path out = dir.resolve("csv-out");
    ok("import", "--format", "csv", "--label-col", "y", "--input", csv.toString(), "--output", out.toString());
    assertCommonSummary(summary(out), "import");
    List<Row> rows = spark().read().parquet(out.resolve("data.parquet").toString()).orderBy("label").collectAsList();
    assertEquals(2, rows.size());
    assertArrayEquals(new double[] {1.5, 2}, rows.get(0).<Double>getList(0).stream().mapToDouble(Double::doubleValue).toArray(), 0.0);
    assertEquals(1.0, rows.get(1).getDouble(1), 0.0);
  }

  @Test
  void importFashionMnistClassesAsClients() throws Exception {
    Path fm = Paths.get("/usr/share/datasets/fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(fm), "Debian package dataset-fashion-mnist not installed");
    Path out = dir.resolve("fm");
    ok("import", "--format", "idx", "--input", fm.toString(), "--split", "t10k", "--limit", "300",
        "--scale", "unit", "--client-from-label", "--output", out.toString());
    Map<String, Object> s = summary(out);
    assertEquals(300, ((Number) s.get("rows")).intValue());
    assertEquals(784, ((Number) s.get("dimension")).intValue());
    assertEquals(10, ((List<?>) s.get("clients")).size());
    Row r = spark().read().parquet(out.resolve("data.parquet").toString())
        .selectExpr("min(array_min(features))", "max(array_max(features))", "min(label)", "max(label)").first();
    assertTrue(r.getDouble(0) >= 0 && r.getDouble(1) <= 1 && r.getDouble(1) > 0.5, r.toString());
    assertEquals(0.0, r.getDouble(2), 0.0);
    assertEquals(9.0, r.getDouble(3), 0.0);
  }

  /** --binarize-label 5: label 1 exactly on the rows whose class (kept as the client) is 5…9. */
  @Test
  void importFashionMnistWithBinarizedLabels() throws Exception {
    Path fm = Paths.get("/usr/share/datasets/fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(fm), "Debian package dataset-fashion-mnist not installed");
    Path out = dir.resolve("fm01");
    ok("import", "--format", "idx", "--input", fm.toString(), "--split", "t10k", "--limit", "300",
        "--scale", "unit", "--client-from-label", "--binarize-label", "5", "--output", out.toString());
    Row r = spark().read().parquet(out.resolve("data.parquet").toString())
        .selectExpr("count(*)", "sum(case when label not in (0.0, 1.0) then 1 else 0 end)",
            "sum(case when (label = 1.0) <> (cast(substring(client, 7) as int) >= 5) then 1 else 0 end)",
            "sum(label)").first();
    assertEquals(300L, r.getLong(0));
    assertEquals(0L, r.getLong(1), "labels outside {0, 1}");
    assertEquals(0L, r.getLong(2), "label 1 not exactly on classes 5…9");
    assertTrue(r.getDouble(3) > 50 && r.getDouble(3) < 250, r.toString());
    assertBadInput(dir.resolve("fm-bad"), "--binarize-label", "import", "--format", "idx", "--input", fm.toString(),
        "--binarize-label", "NaN", "--output", dir.resolve("fm-bad").toString());
  }
}
