package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.assertCommonSummary;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static dev.geodesic.tests.EndToEnd.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.ot.OneDimensionalWasserstein;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted point sets and given cost matrices through {@code ot} and {@code fedwad}: against the 1-D
 * quantile closed form, against the same measure written with duplicated points instead of integer
 * weights, and against the ground-cost run for a cost matrix equal to the ground cost.
 */
class WeightedOtTest {
  @TempDir
  static Path dir;

  static final int N = 9;
  static final int M = 6;
  static double[] xs = new double[N];
  static double[] wx = new double[N];
  static double[] ys = new double[M];
  static double[] wy = new double[M];
  static Path csvA;
  static Path csvB;

  /** Two weighted 1-D samples as CSV (rows 2 and 6 of A weigh 0), the weights in column w (first in B). */
  @BeforeAll
  static void data() throws Exception {
    Random r = new Random(17);
    StringBuilder a = new StringBuilder("x,w\n");
    for (int i = 0; i < N; i++) {
      xs[i] = 10 + r.nextGaussian();
      wx[i] = i == 2 || i == 6 ? 0 : 0.5 + 3 * r.nextDouble();
      a.append(xs[i]).append(',').append(wx[i]).append('\n');
    }
    StringBuilder b = new StringBuilder("w,x\n");
    for (int j = 0; j < M; j++) {
      ys[j] = 11 + 2 * r.nextGaussian();
      wy[j] = 0.5 + r.nextDouble();
      b.append(wy[j]).append(',').append(ys[j]).append('\n');
    }
    csvA = dir.resolve("a.csv");
    csvB = dir.resolve("b.csv");
    Files.writeString(csvA, a);
    Files.writeString(csvB, b);
  }

  static double[] normalised(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] / s;
    }
    return out;
  }

  static Path ot(String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("ot", "--format", "csv", "--input", csvA.toString(), "--input",
        csvB.toString(), "--weight-col", "w", "--output", out.toString()));
    args.addAll(List.of(extra));
    ok(args.toArray(new String[0]));
    return out;
  }

  static double number(Map<String, Object> s, String k) {
    return ((Number) s.get(k)).doubleValue();
  }

  @Test
  void weightColumnGivesTheWeightedQuantileCostAndAPlanOnTheInputRows() throws Exception {
    double[] a = normalised(wx);
    double[] bw = normalised(wy);
    for (double p : new double[] {1, 2}) {
      Path out = ot("exact-p" + (int) p, "--p", Double.toString(p));
      Map<String, Object> s = summary(out);
      assertCommonSummary(s, "ot");
      assertEquals(Boolean.TRUE, s.get("weighted"));
      assertEquals(N, ((Number) s.get("n")).intValue(), "zero-weight rows count in n");
      double expected = OneDimensionalWasserstein.cost(xs, a, ys, bw, p);
      assertEquals(expected, number(s, "cost"), 1e-12 * expected);
      double[] rows = new double[N];
      double[] cols = new double[M];
      for (Row r : spark().read().parquet(out.resolve("plan.parquet").toString()).collectAsList()) {
        int i = r.getInt(0);
        int j = r.getInt(1);
        rows[i] += r.getDouble(2);
        cols[j] += r.getDouble(2);
        // Plan indices are input rows: the cost column is |x_i - y_j|^p of the CSV's rows i and j.
        assertEquals(Math.pow(Math.abs(xs[i] - ys[j]), p), r.getDouble(3), 1e-9);
      }
      for (int i = 0; i < N; i++) {
        assertEquals(a[i], rows[i], 1e-14, "row " + i + " carries its normalised weight");
      }
      for (int j = 0; j < M; j++) {
        assertEquals(bw[j], cols[j], 1e-14);
      }
    }
    // Sliced W_p in 1-D is weighted quantile matching, i.e. W_p itself; Sinkhorn's plan is feasible, so above it.
    double w2 = OneDimensionalWasserstein.cost(xs, a, ys, bw, 2);
    assertEquals(w2, number(summary(ot("sliced", "--solver", "sliced", "--projections", "4")), "cost"), 1e-12 * w2);
    double sk = number(summary(ot("sinkhorn", "--solver", "sinkhorn", "--epsilon", "0.01")), "cost");
    assertTrue(sk >= w2 * (1 - 1e-9) && sk <= w2 * 1.05, sk + " vs " + w2);

    // --cost with C_ij = |x_i - y_j|^2 gives the ground-cost answer; the points are then only sizes.
    Path cost = dir.resolve("cost.parquet");
    writeCost(cost, N, M, (i, j) -> (xs[i] - ys[j]) * (xs[i] - ys[j]));
    Map<String, Object> given = summary(ot("given", "--cost", cost.toString()));
    assertEquals(w2, number(given, "cost"), 1e-12 * w2);
    assertEquals(cost.toString(), given.get("cost_matrix"));
    Path skGiven = ot("sinkhorn-given", "--solver", "sinkhorn", "--epsilon", "0.01", "--cost", cost.toString());
    assertEquals(sk, number(summary(skGiven), "cost"), 1e-9 * sk);

    Path o = dir.resolve("bad-cost-out");
    Path shortCost = dir.resolve("short.parquet");
    writeCost(shortCost, N - 1, M, (i, j) -> 1.0);
    assertBadInput(o, "has 8 rows; the first input has 9 points", "ot", "--format", "csv", "--input", csvA.toString(),
        "--input", csvB.toString(), "--cost", shortCost.toString(), "--output", o.toString());
    Path narrow = dir.resolve("narrow.parquet");
    writeCost(narrow, N, M - 1, (i, j) -> 1.0);
    assertBadInput(o, "has 5 costs; the second input has 6 points", "ot", "--format", "csv", "--input",
        csvA.toString(), "--input", csvB.toString(), "--cost", narrow.toString(), "--output", o.toString());
    assertBadInput(o, "--cost: the sliced solver", "ot", "--solver", "sliced", "--format", "csv", "--input",
        csvA.toString(), "--input", csvB.toString(), "--cost", cost.toString(), "--output", o.toString());
  }

  interface Entry {
    double at(int i, int j);
  }

  static void writeCost(Path path, int n, int m, Entry c) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] v = new double[m];
      for (int j = 0; j < m; j++) {
        v[j] = c.at(i, j);
      }
      rows.add(RowFactory.create((long) i, toList(v)));
    }
    StructType schema = new StructType().add("row", DataTypes.LongType, false)
        .add("costs", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    spark().createDataFrame(rows, schema).repartition(3).write().parquet(path.toString());
  }

  static List<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double x : v) {
      l.add(x);
    }
    return l;
  }

  /** Parquet points in 2-D with a {@code weight} column (or none). */
  static void writePoints(Path path, List<double[]> points, List<Double> weights) {
    List<Row> rows = new ArrayList<>();
    StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    if (weights != null) {
      schema = schema.add("weight", DataTypes.DoubleType, true);
    }
    for (int k = 0; k < points.size(); k++) {
      rows.add(weights == null ? RowFactory.create(toList(points.get(k)))
          : RowFactory.create(toList(points.get(k)), weights.get(k)));
    }
    spark().createDataFrame(rows, schema).write().parquet(path.toString());
  }

  @Test
  void integerParquetWeightsEqualDuplicatedPointsInOtAndFedwadBrackets() throws Exception {
    Random r = new Random(5);
    List<double[]> pts = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    List<double[]> dup = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      double[] x = {r.nextGaussian(), 1 + r.nextGaussian()};
      int times = k % 4; // 0..3 copies: weight 0 rows are kept in the weighted input only
      pts.add(x);
      w.add((double) times);
      for (int c = 0; c < times; c++) {
        dup.add(x);
      }
    }
    List<double[]> other = new ArrayList<>();
    for (int k = 0; k < 35; k++) {
      other.add(new double[] {2 + r.nextGaussian(), r.nextGaussian()});
    }
    Path weighted = dir.resolve("weighted.parquet");
    Path duplicated = dir.resolve("duplicated.parquet");
    Path target = dir.resolve("target.parquet");
    writePoints(weighted, pts, w);
    writePoints(duplicated, dup, null);
    writePoints(target, other, null);

    Path ow = dir.resolve("ot-weighted");
    ok("ot", "--input", weighted.toString(), "--input", target.toString(), "--output", ow.toString());
    Path od = dir.resolve("ot-duplicated");
    ok("ot", "--input", duplicated.toString(), "--input", target.toString(), "--output", od.toString());
    Map<String, Object> sw = summary(ow);
    Map<String, Object> sd = summary(od);
    assertEquals(Boolean.TRUE, sw.get("weighted"));
    assertEquals(Boolean.FALSE, sd.get("weighted"));
    assertEquals(40, ((Number) sw.get("n")).intValue());
    assertEquals(number(sd, "cost"), number(sw, "cost"), 1e-12 * number(sd, "cost"),
        "weight k = the point k times");

    // FedWaD's clients carry the weights: --verify-exact gives ot's weighted distance, inside the bracket.
    Path fw = dir.resolve("fedwad-weighted");
    ok("fedwad", "--input", weighted.toString(), "--input", target.toString(), "--rounds", "4", "--verify-exact",
        "--output", fw.toString());
    Map<String, Object> f = summary(fw);
    assertEquals(Boolean.TRUE, f.get("weighted"));
    double exact = number(f, "exact");
    assertEquals(number(sw, "distance"), exact, 1e-9 * exact);
    assertTrue(number(f, "lower") <= exact * (1 + 1e-9) && exact <= number(f, "upper") * (1 + 1e-9), f.toString());
  }

  @Test
  void badWeightsAreRefusedNamingTheColumnAndRow() throws Exception {
    Path o = dir.resolve("bad-out");
    Path negative = dir.resolve("negative.csv");
    Files.writeString(negative, "x,w\n1,1\n2,0.5\n3,-0.25\n");
    assertBadInput(o, "row 2: 'weight' is negative: -0.25", "ot", "--format", "csv", "--weight-col", "w",
        "--input", negative.toString(), "--input", csvA.toString(), "--output", o.toString());
    Path zero = dir.resolve("zero.csv");
    Files.writeString(zero, "x,w\n1,0\n2,0\n");
    assertBadInput(o, "every 'weight' is 0", "ot", "--format", "csv", "--weight-col", "w",
        "--input", csvA.toString(), "--input", zero.toString(), "--output", o.toString());
    assertBadInput(o, "--weight-col 'weight' is not a column", "ot", "--format", "csv", "--weight-col", "weight",
        "--input", csvA.toString(), "--input", csvA.toString(), "--output", o.toString());
    Path nan = dir.resolve("nan.parquet");
    writePoints(nan, List.of(new double[] {0, 0}, new double[] {1, 1}), List.of(1.0, Double.NaN));
    assertBadInput(o, "row 1: 'weight' is NaN", "fedwad", "--input", nan.toString(), "--input", nan.toString(),
        "--output", o.toString());
  }
}
