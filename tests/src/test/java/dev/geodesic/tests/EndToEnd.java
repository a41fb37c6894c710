package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodesic.jobs.cli.GeodesicCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Helpers of the end-to-end tests: one shared {@code local[2]} session for the JVM, the CLI run
 * in-process (it joins that session), and checks on what a run wrote.
 */
final class EndToEnd {
  private static SparkSession spark;

  private EndToEnd() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("geodesic-e2e")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.ui.showConsoleProgress", "false")
          .getOrCreate();
    }
    return spark;
  }

  /** The outcome of one CLI run. */
  record Result(int status, String out, String err) {
    /** The stderr lines starting with {@code error:}. */
    List<String> errorLines() {
      return err.lines().filter(l -> l.startsWith("error:")).toList();
    }

    String describe() {
      return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Runs {@code geodesic args...} in this JVM, in the shared Spark session. */
  static Result cli(String... args) {
    spark();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GeodesicCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result ok(String... args) {
    Result r = cli(args);
    assertEquals(0, r.status(), r::describe);
    return r;
  }

  /** Exit status 2, exactly one {@code error:} line containing {@code fragment}, nothing at {@code output}. */
  static void assertBadInput(Path output, String fragment, String... args) throws IOException {
    Result r = cli(args);
    assertEquals(2, r.status(), r::describe);
    List<String> errors = r.errorLines();
    assertEquals(1, errors.size(), r::describe);
    assertTrue(errors.get(0).contains(fragment), () -> "expected '" + fragment + "' in: " + errors.get(0));
    if (output != null) {
      assertFalse(Files.exists(output), "bad input must write nothing at " + output);
      try (var siblings = Files.list(output.getParent())) {
        assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("." + output.getFileName() + ".geodesic-staging")),
            "no staging directory left behind");
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> summary(Path dir) throws IOException {
    return new ObjectMapper().readValue(dir.resolve("summary.json").toFile(), Map.class);
  }

  /** The contract's common summary fields, with the BLAS implementation named. */
  static void assertCommonSummary(Map<String, Object> s, String command) {
    for (String f : List.of("command", "method", "status", "iterations", "wall_seconds", "solve_seconds",
        "blas", "blas_core", "spark_master", "spark_version", "seed")) {
      assertTrue(s.containsKey(f), "summary.json lacks " + f + ": " + s);
    }
    assertEquals(command, s.get("command"));
    assertTrue(((String) s.get("blas")).endsWith("BLAS"), "blas names an implementation: " + s.get("blas"));
    assertEquals("4.1.0", s.get("spark_version"));
  }

  static void assertCommitted(Path dir) {
    assertTrue(Files.isRegularFile(dir.resolve("_SUCCESS")), "_SUCCESS in " + dir);
    assertTrue(Files.isRegularFile(dir.resolve("summary.json")), "summary.json in " + dir);
  }
}
