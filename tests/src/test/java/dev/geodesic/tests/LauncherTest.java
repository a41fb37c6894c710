package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./geodesic} as a user runs it: help, exit statuses, and a real multi-process cluster
 * ({@code local-cluster[2,1,1024]}: two executor JVMs) giving the same data as local mode.
 */
class LauncherTest {
  @TempDir
  Path dir;

  @Test
  void helpListsEveryCommandAndBadUsageExitsTwo() throws Exception {
    EndToEnd.Result help = Launcher.run(Map.of(), 120, "--help");
    assertEquals(0, help.status(), help::describe);
    for (String c : List.of("demo", "import", "generate")) {
      assertTrue(help.out().contains(c), "help lists " + c + ":\n" + help.out());
    }
    EndToEnd.Result sub = Launcher.run(Map.of(), 120, "generate", "--help");
    assertEquals(0, sub.status());
    assertTrue(sub.out().contains("--seed") && sub.out().contains("Default: 42"), sub.out());
    // A user's terminal shows neither the JVM's incubator-module warning nor picocli's complaints
    // about a description it cannot format (an unescaped %).
    for (EndToEnd.Result r : List.of(help, sub, Launcher.run(Map.of(), 120, "ot", "--help"))) {
      String all = r.out() + r.err();
      assertFalse(all.contains("WARNING: Using incubator modules"), r::describe);
      assertFalse(all.contains("[picocli WARN]"), r::describe);
    }

    Path out = dir.resolve("never");
    EndToEnd.Result bad = Launcher.run(Map.of(), 120, "generate", "--kind", "spiral", "--output", out.toString());
    assertEquals(2, bad.status(), bad::describe);
    assertEquals(1, bad.errorLines().size(), bad::describe);
    assertTrue(bad.errorLines().get(0).startsWith("error: --kind"), bad::describe);
    assertFalse(Files.exists(out));
  }

  @Test
  void multiProcessClusterGivesTheSameDataAsLocalMode() throws Exception {
    Path cluster = dir.resolve("cluster");
    Path local = dir.resolve("local");
    EndToEnd.ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "600", "--dim", "3",
        "--partitions", "4", "--seed", "11", "--output", local.toString());
    // No SPARK_HOME, SPARK_SCALA_VERSION or SPARK_DIST_CLASSPATH: the launcher sets up what the
    // executor JVMs of local-cluster need (README: "works as it is"). The two runs are independent
    // (FedWaD reads local mode's data, which the first run must reproduce exactly) and run at once:
    // each mostly waits for its driver and executor JVMs to start.
    Map<String, String> env = Map.of();
    CompletableFuture<EndToEnd.Result> gen = Launcher.runAsync(env, 900, "generate", "--kind", "gaussian", "--clients", "2",
        "--rows", "600", "--dim", "3", "--partitions", "4", "--seed", "11", "--master", "local-cluster[2,1,1024]",
        "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
        "--output", cluster.toString());
    // FedWaD with the clients cached in two executor JVMs gives local mode's numbers.
    Path fedCluster = dir.resolve("fedwad-cluster");
    CompletableFuture<EndToEnd.Result> fed = Launcher.runAsync(env, 900, "fedwad", "--input", local.toString(), "--rounds", "5",
        "--master", "local-cluster[2,1,1024]", "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
        "--output", fedCluster.toString());
    EndToEnd.Result r = gen.get();
    EndToEnd.Result f = fed.get();
    assertEquals(0, r.status(), r::describe);
    assertEquals("local-cluster[2,1,1024]", EndToEnd.summary(cluster).get("spark_master"));
    List<Row> a = EndToEnd.spark().read().parquet(cluster.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    List<Row> b = EndToEnd.spark().read().parquet(local.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    assertEquals(600, a.size());
    assertEquals(b, a, "executors in other JVMs generate exactly the rows local mode does");

    assertEquals(0, f.status(), f::describe);
    Path fedLocal = dir.resolve("fedwad-local");
    EndToEnd.ok("fedwad", "--input", local.toString(), "--rounds", "5", "--output", fedLocal.toString());
    Map<String, Object> sc = EndToEnd.summary(fedCluster);
    Map<String, Object> sl = EndToEnd.summary(fedLocal);
    double est = ((Number) sl.get("estimate")).doubleValue();
    assertEquals(est, ((Number) sc.get("estimate")).doubleValue(), 1e-9 * est);
    assertEquals(((Number) sl.get("lower")).doubleValue(), ((Number) sc.get("lower")).doubleValue(), 1e-9 * est);
    // "JNIBLAS", "JNIBLAS/Prescott" (native with its OpenBLAS core) or a Java BLAS, comma-separated.
    assertTrue(((String) sc.get("executor_blas")).matches("\\w+BLAS(/\\w+)?(,\\w+BLAS(/\\w+)?)*"), (String) sc.get("executor_blas"));
  }

  @Test
  void killedRunLeavesNoOutputAndTheNextRunSucceeds() throws Exception {
    Path out = dir.resolve("killed");
    java.util.List<String> cmd = java.util.List.of(Launcher.repositoryRoot().resolve("geodesic").toString(),
        "generate", "--kind", "least-squares", "--rows", "20000000", "--dim", "20", "--output", out.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // Wait until the run has started writing (its hidden staging directory exists), then kill it hard.
    long deadline = System.nanoTime() + 120_000_000_000L;
    boolean staging = false;
    while (!staging && System.nanoTime() < deadline && p.isAlive()) {
      try (var s = Files.list(dir)) {
        staging = s.anyMatch(x -> x.getFileName().toString().startsWith(".killed.geodesic-staging"));
      }
      Thread.sleep(200);
    }
    assertTrue(staging, "the run reached its writing phase");
    p.destroyForcibly().waitFor();
    assertFalse(Files.exists(out), "a killed run leaves no output directory");

    EndToEnd.ok("generate", "--kind", "least-squares", "--rows", "100", "--dim", "3", "--output", out.toString());
    EndToEnd.assertCommitted(out);
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(x -> x.getFileName().toString().startsWith(".killed.geodesic-staging")),
          "the next run to the same output removes the stale staging directory");
    }
  }
}
