package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./geodesic cluster start|status|stop} and {@code --master spark://…} through the real
 * launcher, and Spark start-up failures (malformed, unreachable master; no worker big enough)
 * ending in one {@code error:} line without a stack trace.
 */
@Timeout(value = 1800, unit = TimeUnit.SECONDS)
class LauncherClusterTest {
  @TempDir
  Path dir;

  @Test
  void clusterStartRunStopThroughTheLauncher() throws Exception {
    Map<String, String> env = Map.of("GEODESIC_CLUSTER_DIR", dir.resolve("state").toString(),
        "GEODESIC_CLUSTER_START_TIMEOUT", "600");
    String port = Integer.toString(StandaloneCluster.freePort());
    String ui = Integer.toString(StandaloneCluster.freePort());
    List<Long> pids = new ArrayList<>();
    try {
      EndToEnd.Result start = Launcher.run(env, 900, "cluster", "start", "--workers", "2", "--cores", "1", "--memory", "1g",
          "--port", port, "--ui-port", ui);
      assertEquals(0, start.status(), start::describe);
      String url = start.out().trim();
      assertEquals("spark://127.0.0.1:" + port, url, start::describe);
      assertTrue(start.err().contains("web UI http://127.0.0.1:" + ui), start::describe);
      try (var s = Files.list(dir.resolve("state"))) {
        for (Path p : s.filter(p -> p.toString().endsWith(".pid")).toList()) {
          pids.add(Long.parseLong(Files.readString(p).trim()));
        }
      }
      assertEquals(3, pids.size(), "a master and two workers");
      EndToEnd.Result status = Launcher.run(env, 300, "cluster", "status");
      assertEquals(0, status.status(), status::describe);
      assertTrue(status.out().contains("2 of 2 workers alive"), status::describe);
      EndToEnd.Result again = Launcher.run(env, 300, "cluster", "start", "--port", port, "--ui-port", ui);
      assertEquals(3, again.status(), again::describe);
      assertTrue(again.errorLines().get(0).contains("already running"), again::describe);

      // A command on it gives local mode's data, bitwise (seeded data never touch the native BLAS).
      Path onCluster = dir.resolve("on-cluster");
      String[] gen = {"generate", "--kind", "pca", "--rows", "300", "--dim", "4", "--rank", "2", "--partitions", "2",
          "--seed", "4"};
      EndToEnd.Result r = Launcher.run(env, 900, concat(gen, "--master", url, "--output", onCluster.toString()));
      assertEquals(0, r.status(), r::describe);
      assertEquals(url, EndToEnd.summary(onCluster).get("spark_master"));
      Path local = dir.resolve("local");
      EndToEnd.ok(concat(gen, "--output", local.toString()));
      List<Row> a = EndToEnd.spark().read().parquet(onCluster.resolve("data.parquet").toString()).orderBy("features").collectAsList();
      List<Row> b = EndToEnd.spark().read().parquet(local.resolve("data.parquet").toString()).orderBy("features").collectAsList();
      assertEquals(300, a.size());
      assertEquals(b, a);

      // No worker has 8 GB for an executor: one error line after the start-up timeout, exit 3, nothing written.
      Path never = dir.resolve("never");
      EndToEnd.Result big = Launcher.run(env, 900, concat(gen, "--master", url, "--conf", "spark.executor.memory=8g",
          "--conf", "spark.geodesic.startupTimeout=10", "--output", never.toString()));
      assertOneEnvironmentError(big, "no executor started on " + url + " within 10 s");
      assertFalse(Files.exists(never));
    } finally {
      EndToEnd.Result stop = Launcher.run(env, 300, "cluster", "stop");
      assertEquals(0, stop.status(), stop::describe);
    }
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "daemon " + pid + " stopped");
    }
    EndToEnd.Result stopAgain = Launcher.run(env, 300, "cluster", "stop");
    assertEquals(0, stopAgain.status(), stopAgain::describe);
    assertTrue(stopAgain.out().contains("not running"), stopAgain::describe);
    assertEquals(3, Launcher.run(env, 300, "cluster", "status").status());
  }

  @Test
  void badMastersAndMissingSecretEndInOneErrorLine() throws Exception {
    Path out = dir.resolve("never");
    String[] gen = {"generate", "--kind", "pca", "--rows", "50", "--dim", "3", "--rank", "1", "--output", out.toString()};
    EndToEnd.Result malformed = Launcher.run(Map.of(), 300, concat(gen, "--master", "spark://127.0.0.1"));
    assertEquals(2, malformed.status(), malformed::describe);
    assertEquals(1, malformed.errorLines().size(), malformed::describe);
    assertTrue(malformed.errorLines().get(0).startsWith("error: --master 'spark://127.0.0.1' is not a Spark master URL"),
        malformed::describe);

    // Nothing listens there: the driver never registers, one error line after the start-up timeout.
    String nobody = "spark://127.0.0.1:" + StandaloneCluster.freePort();
    EndToEnd.Result unreachable = Launcher.run(Map.of(), 900, concat(gen, "--master", nobody,
        "--conf", "spark.geodesic.startupTimeout=10"));
    assertOneEnvironmentError(unreachable, nobody);
    assertFalse(Files.exists(out));

    EndToEnd.Result secure = Launcher.run(Map.of("GEODESIC_CLUSTER_DIR", dir.resolve("state").toString()), 300,
        "cluster", "start", "--secure");
    assertEquals(2, secure.status(), secure::describe);
    assertTrue(secure.errorLines().get(0).contains("GEODESIC_SPARK_SECRET"), secure::describe);
    assertFalse(Files.exists(dir.resolve("state")), "nothing started");
  }

  private static void assertOneEnvironmentError(EndToEnd.Result r, String fragment) {
    assertEquals(3, r.status(), r::describe);
    assertEquals(1, r.errorLines().size(), r::describe);
    assertTrue(r.errorLines().get(0).contains(fragment), r::describe);
    assertFalse(r.err().contains("\tat "), () -> "no stack trace:\n" + r.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
