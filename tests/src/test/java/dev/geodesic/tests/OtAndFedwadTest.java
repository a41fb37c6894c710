package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommitted;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.ot.FederatedWassersteinRounds;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.Interpolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ot} and {@code fedwad} through the CLI, against closed forms, the exact solver and the Spark-free FedWaD. */
class OtAndFedwadTest {
  @TempDir
  static Path dir;

  static double[] xs;
  static double[] ys;
  static Path csvA;
  static Path csvB;

  /** Two 1-D samples of 60 points as CSV files: W_p has the sorted (quantile) closed form. */
  @BeforeAll
  static void data() throws Exception {
    Random r = new Random(3);
    xs = new double[60];
    ys = new double[60];
    StringBuilder a = new StringBuilder("x\n");
    StringBuilder b = new StringBuilder("x\n");
    for (int i = 0; i < 60; i++) {
      xs[i] = r.nextGaussian();
      ys[i] = 3 + 2 * r.nextGaussian();
      a.append(xs[i]).append('\n');
      b.append(ys[i]).append('\n');
    }
    csvA = dir.resolve("a.csv");
    csvB = dir.resolve("b.csv");
    Files.writeString(csvA, a);
    Files.writeString(csvB, b);
  }

  /** W_p^p between equal-size uniform 1-D samples: match the sorted values. */
  static double sortedCost(double p) {
    double[] x = xs.clone();
    double[] y = ys.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += Math.pow(Math.abs(x[i] - y[i]), p);
    }
    return s / x.length;
  }

  private Path ot(String name, String... extra) {
    Path out = dir.resolve(name);
    String[] base = {"ot", "--format", "csv", "--input", csvA.toString(), "--input", csvB.toString(), "--output", out.toString()};
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    ok(args);
    return out;
  }

  @Test
  void exactOtMatchesTheSortedClosedFormAndWritesAFeasiblePlan() throws Exception {
    for (double p : new double[] {1, 2}) {
      Path out = ot("exact-p" + (int) p, "--p", Double.toString(p));
      assertCommitted(out);
      Map<String, Object> s = summary(out);
      assertCommonSummary(s, "ot");
      assertEquals("converged", s.get("status"));
      double cost = ((Number) s.get("cost")).doubleValue();
      assertEquals(sortedCost(p), cost, 1e-12 * Math.max(1, cost));
      assertEquals(Math.pow(cost, 1 / p), ((Number) s.get("distance")).doubleValue(), 1e-12);
      List<Row> plan = spark().read().parquet(out.resolve("plan.parquet").toString()).collectAsList();
      assertTrue(plan.size() <= 60 + 60 - 1);
      double[] rowSums = new double[60];
      double[] colSums = new double[60];
      double planCost = 0;
      for (Row r : plan) {
        rowSums[r.getInt(0)] += r.getDouble(2);
        colSums[r.getInt(1)] += r.getDouble(2);
        planCost += r.getDouble(2) * r.getDouble(3);
      }
      for (int i = 0; i < 60; i++) {
        assertEquals(1.0 / 60, rowSums[i], 1e-12);
        assertEquals(1.0 / 60, colSums[i], 1e-12);
      }
      assertEquals(cost, planCost, 1e-12 * Math.max(1, cost));
    }
  }

  /**
   * Sinkhorn runs on the iterative-job driver: stopped after its first marginal check by a time limit
   * with --checkpoint, the rerun resumes from the saved potentials and ends as the straight run (the
   * iterations are plain Java arithmetic, so equal to the last bit); --checkpoint means nothing to the
   * one-call solvers and is refused there.
   */
  @Test
  void sinkhornResumesFromItsCheckpointToTheStraightRun() throws Exception {
    Path ck = dir.resolve("sk-ck");
    Map<String, Object> straight = summary(ot("sk-straight", "--solver", "sinkhorn", "--epsilon", "0.05"));
    Map<String, Object> first = summary(ot("sk-first", "--solver", "sinkhorn", "--epsilon", "0.05", "--checkpoint",
        ck.toString(), "--checkpoint-every", "50", "--time-limit", "1e-9"));
    assertEquals("time-limit", first.get("status"));
    assertEquals(5, ((Number) first.get("iterations")).intValue());
    Path resumedOut = ot("sk-resumed", "--solver", "sinkhorn", "--epsilon", "0.05", "--checkpoint", ck.toString(),
        "--checkpoint-every", "50");
    Map<String, Object> resumed = summary(resumedOut);
    assertEquals(1, ((Number) resumed.get("resumed_after_round")).intValue(), resumed.toString());
    assertEquals("converged", straight.get("status"));
    for (String k : List.of("status", "iterations", "cost", "entropic_cost", "marginal_error", "distance")) {
      assertEquals(straight.get(k), resumed.get(k), k);
    }
    long checks = spark().read().parquet(resumedOut.resolve("trace.parquet").toString()).count();
    assertEquals(((Number) straight.get("iterations")).intValue(), 5 * checks);
    Path exactOut = dir.resolve("sk-exact");
    assertBadInput(exactOut, "--checkpoint", "ot", "--format", "csv", "--input", csvA.toString(), "--input",
        csvB.toString(), "--solver", "exact", "--checkpoint", ck.toString(), "--output", exactOut.toString());
  }

  @Test
  void slicedEqualsExactInOneDimensionAndSinkhornIsAboveIt() throws Exception {
    // In d = 1 every direction is ±1, so sliced W_p is W_p itself.
    Map<String, Object> sliced = summary(ot("sliced", "--solver", "sliced", "--projections", "8"));
    assertEquals(Math.sqrt(sortedCost(2)), ((Number) sliced.get("distance")).doubleValue(), 1e-12);
    assertTrue(((String) sliced.get("quantity")).contains("sliced"));

    // The entropic plan is feasible, so its transport cost is at least the optimal cost, and close
    // to it for a small ε.
    Map<String, Object> sk = summary(ot("sinkhorn", "--solver", "sinkhorn", "--epsilon", "0.01"));
    double c = ((Number) sk.get("cost")).doubleValue();
    double exact = sortedCost(2);
    assertTrue(c >= exact * (1 - 1e-6), c + " vs " + exact);
    assertTrue(c <= exact * 1.05, c + " vs " + exact);
    assertTrue(((String) sk.get("quantity")).contains("entropic plan"));
  }

  @Test
  void fedwadBracketContainsTheExactDistanceAndMatchesTheSparkFreeRun() throws Exception {
    Path clouds = dir.resolve("clouds");
    ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "400", "--dim", "2", "--seed", "5",
        "--output", clouds.toString());
    Path out = dir.resolve("fedwad");
    ok("fedwad", "--input", clouds.toString(), "--verify-exact", "--rounds", "10", "--seed", "9", "--output", out.toString());
    assertCommitted(out);
    Map<String, Object> s = summary(out);
    assertCommonSummary(s, "fedwad");
    double est = ((Number) s.get("estimate")).doubleValue();
    double lower = ((Number) s.get("lower")).doubleValue();
    double upper = ((Number) s.get("upper")).doubleValue();
    double exact = ((Number) s.get("exact")).doubleValue();
    assertTrue(lower <= exact * (1 + 1e-12) && exact <= upper * (1 + 1e-12), lower + " <= " + exact + " <= " + upper);
    assertTrue(est / exact - 1 < 0.02, "estimate " + est + " vs exact " + exact);
    assertEquals(10, spark().read().parquet(out.resolve("trace.parquet").toString()).count());

    // The same pair run by the Spark-free FedWaD on the same samples gives the same numbers.
    DiscreteMeasure[] m = new DiscreteMeasure[2];
    for (int k = 0; k < 2; k++) {
      List<Row> rows = spark().read().parquet(clouds.resolve("data.parquet").toString())
          .where("client = 'cloud-" + k + "'").collectAsList();
      double[] v = new double[2 * rows.size()];
      for (int j = 0; j < rows.size(); j++) {
        List<Double> f = rows.get(j).getList(0);
        v[2 * j] = f.get(0);
        v[2 * j + 1] = f.get(1);
      }
      m[k] = DiscreteMeasure.uniform(DenseMatrix.wrap(2, rows.size(), v));
    }
    FederatedWasserstein.Config cfg = new FederatedWasserstein.Config(2, 10, 1e-3, FederatedWasserstein.TimeMode.RANDOM,
        0.5, Interpolation.EXACT, 200, 1.0, FederatedWassersteinRounds.pairSeed(9, new FederatedWassersteinRounds.Pair(0, 1)));
    FederatedWasserstein.Result local = new FederatedWasserstein(cfg).run(m[0], m[1], r -> { });
    assertEquals(local.estimate(), est, 1e-9 * est);
    assertEquals(local.lower(), lower, 1e-9 * est);
    assertEquals(local.lowerBound().name().toLowerCase(java.util.Locale.ROOT), s.get("lower_bound"));
    assertEquals("select", s.get("server_step"));

    // The paper's server step through the command: the Spark-free run with the same step.
    Path paper = dir.resolve("fedwad-interpolate");
    ok("fedwad", "--input", clouds.toString(), "--server-step", "interpolate", "--rounds", "10", "--seed", "9",
        "--output", paper.toString());
    Map<String, Object> sp = summary(paper);
    assertEquals("interpolate", sp.get("server_step"));
    FederatedWasserstein.Result localPaper = new FederatedWasserstein(
        cfg.withServerStep(FederatedWasserstein.ServerStep.INTERPOLATE)).run(m[0], m[1], r -> { });
    assertEquals(localPaper.estimate(), ((Number) sp.get("estimate")).doubleValue(), 1e-9 * est);
    assertEquals(localPaper.lower(), ((Number) sp.get("lower")).doubleValue(), 1e-9 * est);
  }

  @Test
  void allPairsMatrixIsSymmetricWithCertifiedBrackets() throws Exception {
    Path clouds = dir.resolve("three");
    ok("generate", "--kind", "gaussian", "--clients", "3", "--rows", "300", "--dim", "3", "--seed", "2",
        "--output", clouds.toString());
    Path out = dir.resolve("pairs");
    ok("fedwad", "--input", clouds.toString(), "--client-col", "client", "--support", "40", "--rounds", "8",
        "--verify-exact", "--output", out.toString());
    Map<String, Object> s = summary(out);
    assertEquals(3, ((Number) s.get("pairs")).intValue());
    assertEquals("fedwad-support-limited", s.get("method"));
    List<Row> rows = spark().read().parquet(out.resolve("distances.parquet").toString()).collectAsList();
    assertEquals(9, rows.size());
    for (Row r : rows) {
      String a = r.getString(0);
      String b = r.getString(1);
      double est = r.getDouble(2);
      if (a.equals(b)) {
        assertEquals(0.0, est, 0.0);
        continue;
      }
      double exact = r.getDouble(7);
      assertTrue(r.getDouble(3) <= exact * (1 + 1e-12) && exact <= r.getDouble(4) * (1 + 1e-12), r.toString());
      Row mirror = rows.stream().filter(x -> x.getString(0).equals(b) && x.getString(1).equals(a)).findFirst().orElseThrow();
      assertEquals(est, mirror.getDouble(2), 0.0);
    }
    assertTrue(Files.isRegularFile(out.resolve("report.html")));

    // The three clients packed into two partitions (two share one task): the same distances.
    Path packed = dir.resolve("pairs-packed");
    ok("fedwad", "--input", clouds.toString(), "--client-col", "client", "--support", "40", "--rounds", "8",
        "--partitions", "2", "--output", packed.toString());
    List<Row> again = spark().read().parquet(packed.resolve("distances.parquet").toString()).collectAsList();
    for (int k = 0; k < rows.size(); k++) {
      assertEquals(rows.get(k).getDouble(2), again.get(k).getDouble(2), 1e-9 * Math.max(1, rows.get(k).getDouble(2)));
    }
  }

  @Test
  void checkpointedRunResumesExactlyAndRefusesOtherOptions() throws Exception {
    Path clouds = dir.resolve("ck-clouds");
    ok("generate", "--kind", "gaussian", "--clients", "3", "--rows", "240", "--dim", "2", "--seed", "4",
        "--output", clouds.toString());
    Path ck = dir.resolve("ck");
    String[] common = {"fedwad", "--input", clouds.toString(), "--client-col", "client", "--tol", "0"};
    ok(concat(common, "--rounds", "3", "--checkpoint", ck.toString(), "--output", dir.resolve("ck-a").toString()));
    Path resumed = dir.resolve("ck-b");
    ok(concat(common, "--rounds", "6", "--checkpoint", ck.toString(), "--output", resumed.toString()));
    Path straight = dir.resolve("ck-c");
    ok(concat(common, "--rounds", "6", "--output", straight.toString()));

    assertEquals(3, ((Number) summary(resumed).get("resumed_after_round")).intValue());
    List<Row> a = spark().read().parquet(resumed.resolve("distances.parquet").toString()).collectAsList();
    List<Row> b = spark().read().parquet(straight.resolve("distances.parquet").toString()).collectAsList();
    for (int k = 0; k < a.size(); k++) {
      assertEquals(b.get(k).getDouble(2), a.get(k).getDouble(2), 1e-12 * Math.max(1, b.get(k).getDouble(2)), "estimate");
      assertEquals(b.get(k).getDouble(3), a.get(k).getDouble(3), 1e-12 * Math.max(1, b.get(k).getDouble(2)), "lower");
      if (!a.get(k).getString(0).equals(a.get(k).getString(1))) {
        assertEquals(6, a.get(k).getInt(5), "rounds of a pair");
      }
    }
    assertEquals(6, spark().read().parquet(resumed.resolve("trace.parquet").toString()).count());

    assertBadInput(dir.resolve("ck-d"), "written by a run with other inputs or options",
        concat(common, "--p", "1", "--rounds", "6", "--checkpoint", ck.toString(), "--output", dir.resolve("ck-d").toString()));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void labelAugmentationTriplesTheDimension() throws Exception {
    Path clouds = dir.resolve("labelled");
    ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "200", "--dim", "2", "--output", clouds.toString());
    Path out = dir.resolve("otdd");
    ok("fedwad", "--input", clouds.toString(), "--label-augment", "--rounds", "3", "--output", out.toString());
    assertEquals(6, ((Number) summary(out).get("dimension")).intValue());
  }

  @Test
  void badInputs() throws Exception {
    Path o = dir.resolve("bad-out");
    Path wide = dir.resolve("wide.csv");
    Files.writeString(wide, "x,y\n1,2\n3,4\n");
    assertBadInput(o, "dimension mismatch", "ot", "--format", "csv", "--input", csvA.toString(), "--input", wide.toString(),
        "--output", o.toString());
    assertBadInput(o, "--solver must be exact, sinkhorn or sliced", "ot", "--solver", "emd", "--input", csvA.toString(),
        "--output", o.toString());
    assertBadInput(o, "--t must be in [0, 1]", "fedwad", "--t", "2", "--input", csvA.toString(), "--output", o.toString());
    assertBadInput(o, "--support must be >= 1", "fedwad", "--support", "0", "--input", csvA.toString(), "--output", o.toString());
    assertBadInput(o, "--server-step must be select or interpolate, got 'midpoint'", "fedwad", "--server-step", "midpoint",
        "--input", csvA.toString(), "--output", o.toString());
    assertBadInput(o, "--input: expected 1 to 2 input(s), got 3", "fedwad", "--input", "a", "--input", "b", "--input", "c",
        "--output", o.toString());
    Path three = dir.resolve("three-clients");
    ok("generate", "--kind", "gaussian", "--clients", "3", "--rows", "30", "--dim", "2", "--output", three.toString());
    assertBadInput(o, "ot needs exactly 2", "ot", "--input", three.toString(), "--output", o.toString());
    assertBadInput(o, "has no client column", "fedwad", "--format", "csv", "--input", csvA.toString(), "--output", o.toString());
    assertBadInput(o, "--label-augment", "fedwad", "--format", "csv", "--input", csvA.toString(), "--input", csvB.toString(),
        "--label-augment", "--output", o.toString());
  }
}
