package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommitted;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.monotone.MatrixGame;
import dev.geodesic.monotone.MonotoneResult;
import dev.geodesic.monotone.PolicemanBurglar;
import dev.geodesic.monotone.VrHalpern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonotoneTest {
  @TempDir
  static Path dir;

  static double[][] a;
  static Path gameCsv;

  /** A 7 × 5 game in 2 + [−1, 1] as CSV, one row of A a line. */
  @BeforeAll
  static void data() throws Exception {
    Random r = new Random(11);
    a = new double[7][5];
    StringBuilder csv = new StringBuilder("c0,c1,c2,c3,c4\n");
    for (double[] row : a) {
      for (int j = 0; j < 5; j++) {
        row[j] = 2 + 2 * r.nextDouble() - 1;
        csv.append(j == 0 ? "" : ",").append(row[j]);
      }
      csv.append('\n');
    }
    gameCsv = dir.resolve("game.csv");
    Files.writeString(gameCsv, csv);
  }

  /** solution.parquet's block as an array. */
  static double[] block(Path out, String name, int size) {
    double[] v = new double[size];
    for (Row row : EndToEnd.spark().read().parquet(out.resolve("solution.parquet").toString())
        .where("block = '" + name + "'").collectAsList()) {
      v[row.getInt(1)] = row.getDouble(2);
    }
    return v;
  }

  @Test
  void matrixGameFromRowsReportsTheValueItsGapCertifies() throws Exception {
    Path out = dir.resolve("game");
    ok("monotone", "--problem", "matrix-game", "--format", "csv", "--input", gameCsv.toString(), "--method", "eg",
        "--step", "0.15", "--max-epochs", "30", "--partitions", "3", "--output", out.toString());
    assertCommitted(out);
    Map<String, Object> s = summary(out);
    assertCommonSummary(s, "monotone");
    assertEquals("eg", s.get("method"));
    assertEquals(30.0, ((Number) s.get("epochs")).doubleValue(), 1e-9);
    double[] x = block(out, "x", 5);
    double[] y = block(out, "y", 7);
    // Recompute from the written strategies and A itself: Ax, Aᵀy, the value and the gap.
    MatrixGame game = new MatrixGame(DenseMatrix.fromRows(a));
    double[] u = new double[12];
    System.arraycopy(x, 0, u, 0, 5);
    System.arraycopy(y, 0, u, 5, 7);
    assertEquals(game.value(u), ((Number) s.get("value")).doubleValue(), 1e-12);
    assertEquals(game.dualityGap(u), ((Number) s.get("duality_gap")).doubleValue(), 1e-12);
    assertEquals(game.inclusion().residual(u, 1.0), ((Number) s.get("residual")).doubleValue(), 1e-12);
    assertTrue(((Number) s.get("duality_gap")).doubleValue() < 0.5 * game.dualityGap(game.uniformStart()), s::toString);
    assertEquals(1.0, java.util.Arrays.stream(x).sum(), 1e-12);
  }

  /**
   * The distributed estimator is the single-machine one: same draws, same iterates (up to summation
   * order), here with the PAGE batches fetched to the driver (vr-halpern does not fetch by default).
   */
  @Test
  void vrHalpernOnSparkFollowsTheSingleMachineRun() throws Exception {
    Path weights = Path.of("../../shared/data/policeman-burglar-w500.csv");
    if (!Files.exists(weights)) {
      weights = Path.of("/work/shared/data/policeman-burglar-w500.csv");
    }
    Path out = dir.resolve("pb");
    ok("monotone", "--problem", "policeman-burglar", "--weights", weights.toString(), "--method", "vr-halpern",
        "--max-epochs", "3", "--seed", "5", "--partitions", "2", "--fetch-mb", "64", "--output", out.toString());
    Map<String, Object> s = summary(out);
    MatrixGame game = PolicemanBurglar.game(PolicemanBurglar.readWeights(weights), PolicemanBurglar.THETA);
    MonotoneResult local = new VrHalpern(game.inclusion(), game.uniformStart(), VrHalpern.Config.reference(game, 5))
        .solve(StoppingRule.maxDataPasses(3));
    assertEquals(local.epochs(), ((Number) s.get("epochs")).doubleValue(), 1e-9);
    assertEquals(local.residual(), ((Number) s.get("residual")).doubleValue(), 1e-9 * local.residual());
    assertEquals(492.3, ((Number) s.get("spectral_norm")).doubleValue(), 0.05);
    double[] x = block(out, "x", 500);
    double[] lx = game.x(local.solution());
    for (int j = 0; j < 500; j++) {
      assertEquals(lx[j], x[j], 1e-10);
    }
  }

  /**
   * Fetching the drawn components to the driver (default --fetch-mb) gives the iterates of one Spark
   * job per stochastic step (--fetch-mb 0), with fewer jobs; the summary's residual is the one
   * recomputed from the written strategies.
   */
  @Test
  void fetchedStepsFollowTheOneJobPerStepRun() throws Exception {
    Path direct = dir.resolve("vreg-direct");
    Path fetched = dir.resolve("vreg-fetched");
    for (Path out : List.of(direct, fetched)) {
      ok("monotone", "--problem", "policeman-burglar", "--n", "40", "--method", "vr-eg", "--max-epochs", "3",
          "--seed", "3", "--partitions", "2", "--fetch-mb", out == direct ? "0" : "64", "--output", out.toString());
    }
    Map<String, Object> d = summary(direct);
    Map<String, Object> f = summary(fetched);
    assertEquals(0, ((Number) d.get("fetch_limit")).intValue());
    assertEquals(40, ((Number) f.get("fetch_limit")).intValue());
    assertEquals(((Number) d.get("epochs")).doubleValue(), ((Number) f.get("epochs")).doubleValue(), 0);
    long directJobs = ((Number) d.get("spark_jobs")).longValue();
    long fetchedJobs = ((Number) f.get("spark_jobs")).longValue();
    assertTrue(fetchedJobs * 4 < directJobs, fetchedJobs + " vs " + directJobs + " jobs");
    double[] ud = new double[80];
    double[] uf = new double[80];
    System.arraycopy(block(direct, "x", 40), 0, ud, 0, 40);
    System.arraycopy(block(direct, "y", 40), 0, ud, 40, 40);
    System.arraycopy(block(fetched, "x", 40), 0, uf, 0, 40);
    System.arraycopy(block(fetched, "y", 40), 0, uf, 40, 40);
    for (int k = 0; k < 80; k++) {
      assertEquals(ud[k], uf[k], 1e-12, "entry " + k);
    }
    MatrixGame game = PolicemanBurglar.game(PolicemanBurglar.drawWeights(40, dev.geodesic.random.SeedSequence.of(3)),
        PolicemanBurglar.THETA);
    assertEquals(game.inclusion().residual(uf, 1.0), ((Number) f.get("residual")).doubleValue(), 1e-12);
  }

  @Test
  void droLogisticReportsWorstGroupAccuracy() throws Exception {
    Random r = new Random(2);
    StringBuilder csv = new StringBuilder("f0,f1,label,client\n");
    double[][] rows = new double[120][];
    for (int i = 0; i < 120; i++) {
      double f0 = r.nextGaussian() + 1;
      double f1 = r.nextGaussian() - 1;
      int label = r.nextDouble() < 1 / (1 + Math.exp(-2 * (f0 - 1) + (f1 + 1))) ? 1 : 0;
      rows[i] = new double[] {f0, f1, label, i % 3};
      csv.append(f0).append(',').append(f1).append(',').append(label).append(",g").append(i % 3).append('\n');
    }
    Path in = dir.resolve("dro.csv");
    Files.writeString(in, csv);
    Path out = dir.resolve("dro");
    ok("monotone", "--problem", "dro-logistic", "--format", "csv", "--label-col", "label", "--input", in.toString(),
        "--method", "eg", "--rho", "0.5", "--l2", "0.01", "--max-epochs", "10", "--partitions", "2", "--compare-erm", "--output", out.toString());
    Map<String, Object> s = summary(out);
    double worst = ((Number) s.get("worst_group_accuracy")).doubleValue();
    assertTrue(worst >= 0 && worst <= ((Number) s.get("accuracy")).doubleValue(), s::toString);
    double ermWorst = ((Number) s.get("erm_worst_group_accuracy")).doubleValue();
    assertTrue(ermWorst >= 0 && ermWorst <= ((Number) s.get("erm_accuracy")).doubleValue(), s::toString);
    assertTrue(((Number) s.get("erm_residual")).doubleValue() >= 0);
    // The groups are the client column's: recompute each group's accuracy from the written model.
    assertEquals("client", s.get("groups"));
    double[] w = block(out, "w", 2);
    double b = block(out, "intercept", 1)[0];
    double[] hits = new double[3];
    for (double[] row : rows) {
      hits[(int) row[3]] += ((w[0] * row[0] + w[1] * row[1] + b >= 0 ? 1 : 0) == row[2]) ? 1 : 0;
    }
    double expected = Math.min(hits[0], Math.min(hits[1], hits[2])) / 40;
    assertEquals(expected, worst, 1e-12, s::toString);
    assertEquals(hits[1] / 40, ((Number) ((Map<?, ?>) s.get("group_accuracy")).get("g1")).doubleValue(), 1e-12);
    double[] q = block(out, "q", 120);
    assertEquals(1.0, java.util.Arrays.stream(q).sum(), 1e-9);
    List<?> trace = EndToEnd.spark().read().parquet(out.resolve("trace.parquet").toString()).collectAsList();
    assertEquals(((Number) s.get("iterations")).intValue(), trace.size());
  }

  @Test
  void badOptionsAndInputs() throws Exception {
    assertBadInput(dir.resolve("bad1"), "--method", "monotone", "--method", "sgd", "--output", dir.resolve("bad1").toString());
    assertBadInput(dir.resolve("bad2"), "--input", "monotone", "--problem", "matrix-game", "--output", dir.resolve("bad2").toString());
    assertBadInput(dir.resolve("bad3"), "--weights", "monotone", "--problem", "bilinear", "--weights", "w.csv",
        "--output", dir.resolve("bad3").toString());
    Path neg = dir.resolve("neg.csv");
    Files.writeString(neg, "1.0\n-2.0\n3.0\n");
    assertBadInput(dir.resolve("bad4"), "--weights", "monotone", "--problem", "policeman-burglar", "--weights", neg.toString(),
        "--output", dir.resolve("bad4").toString());
    assertBadInput(dir.resolve("bad5"), "--rho", "monotone", "--problem", "bilinear", "--rho", "lots",
        "--output", dir.resolve("bad5").toString());
    assertBadInput(dir.resolve("bad6"), "--fetch-mb", "monotone", "--method", "vr-eg", "--fetch-mb", "-1",
        "--output", dir.resolve("bad6").toString());
  }
}
