package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * Comparing two runs' results: their {@code summary.json} figures (all but timings, placement and
 * resume bookkeeping) and the rows of their Parquet outputs, bitwise or to a tolerance relative to max(|figure|, 1).
 */
final class Figures {
  private Figures() {}

  /**
   * Summary fields that differ between equal runs: clocks, where it ran, whether it resumed, and the
   * OpenBLAS core (the launcher picks it from the CPU flags, a test JVM gets OpenBLAS's own choice).
   */
  static final Pattern VARYING = Pattern.compile(
      ".*seconds.*|spark_jobs|spark_master|executor_blas|blas_core|resumed_after_round|input.*|output.*|checkpoint.*|.*_path");

  /** Every figure of {@code a} equals {@code b}'s: integers and strings exactly, other numbers to {@code rel}. */
  static void assertSameSummary(Map<String, Object> a, Map<String, Object> b, double rel, String what) {
    assertEquals(keys(a), keys(b), what + ": the same summary fields");
    for (String k : keys(a)) {
      same(a.get(k), b.get(k), rel, what + ": summary " + k);
    }
  }

  private static TreeSet<String> keys(Map<String, Object> m) {
    TreeSet<String> k = new TreeSet<>(m.keySet());
    k.removeIf(s -> VARYING.matcher(s).matches());
    return k;
  }

  @SuppressWarnings("unchecked")
  static void same(Object x, Object y, double rel, String where) {
    if (x instanceof Number nx && y instanceof Number ny) {
      if (isIntegral(nx) && isIntegral(ny)) {
        assertEquals(nx.longValue(), ny.longValue(), where);
        return;
      }
      double u = nx.doubleValue();
      double v = ny.doubleValue();
      if (rel == 0 || Double.isNaN(u) || Double.isInfinite(u)) {
        assertEquals(Double.doubleToLongBits(u), Double.doubleToLongBits(v), () -> where + ": " + u + " vs " + v);
      } else {
        // relative to the figure, or to 1 for figures at rounding level (a gradient norm of 1e-15
        // is noise; the figures compared are objectives, coefficients and residuals of order 1)
        assertTrue(Math.abs(u - v) <= rel * Math.max(1.0, Math.max(Math.abs(u), Math.abs(v))) || u == v,
            () -> where + ": " + u + " vs " + v + " (tolerance " + rel + " relative to max(|figure|, 1))");
      }
    } else if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
      assertSameSummary((Map<String, Object>) mx, (Map<String, Object>) my, rel, where);
    } else if (x instanceof List<?> lx && y instanceof List<?> ly) {
      assertEquals(lx.size(), ly.size(), where + ": length");
      for (int k = 0; k < lx.size(); k++) {
        same(lx.get(k), ly.get(k), rel, where + "[" + k + "]");
      }
    } else if (x instanceof Row rx && y instanceof Row ry) {
      assertEquals(rx.size(), ry.size(), where + ": row width");
      for (int k = 0; k < rx.size(); k++) {
        Object vx = rx.get(k);
        Object vy = ry.get(k);
        if (vx instanceof scala.collection.Seq<?> sx && vy instanceof scala.collection.Seq<?> sy) {
          same(scala.jdk.javaapi.CollectionConverters.asJava(sx), scala.jdk.javaapi.CollectionConverters.asJava(sy), rel,
              where + "." + rx.schema().fields()[k].name());
        } else {
          same(vx, vy, rel, where + "." + rx.schema().fields()[k].name());
        }
      }
    } else {
      assertEquals(x, y, where);
    }
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }

  /**
   * The Parquet outputs of two runs hold the same rows in the same part files in the same order, to
   * {@code rel}; the trace is left out (its timing columns differ).
   */
  static void assertSameOutputs(Path a, Path b, double rel, String what) throws IOException {
    List<String> pa = parquetOutputs(a);
    assertEquals(pa, parquetOutputs(b), what + ": the same output files");
    for (String name : pa) {
      List<Path> fa = parts(a.resolve(name));
      List<Path> fb = parts(b.resolve(name));
      assertEquals(fa.size(), fb.size(), what + ": part files of " + name);
      for (int f = 0; f < fa.size(); f++) {
        List<Row> ra = EndToEnd.spark().read().parquet(fa.get(f).toString()).collectAsList();
        List<Row> rb = EndToEnd.spark().read().parquet(fb.get(f).toString()).collectAsList();
        assertEquals(ra.size(), rb.size(), what + ": rows of " + fa.get(f));
        for (int k = 0; k < ra.size(); k++) {
          same(ra.get(k), rb.get(k), rel, what + ": " + name + " part " + f + " row " + k);
        }
      }
    }
  }

  /**
   * The part files in write order (part-00000, part-00001, …). Compared one by one: reading the
   * directory whole orders equal-sized files arbitrarily (Spark packs splits by size).
   */
  private static List<Path> parts(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  static List<String> parquetOutputs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".parquet") && !n.startsWith("trace"))
          .sorted().toList();
    }
  }
}
