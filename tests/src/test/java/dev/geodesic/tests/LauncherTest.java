package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    Map<String, String> env = Map.of(
        "SPARK_HOME", Launcher.fakeSparkHome(dir).toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_DIST_CLASSPATH", Launcher.launcherClasspath());
    EndToEnd.Result r = Launcher.run(env, 300, "generate", "--kind", "gaussian", "--clients", "2", "--rows", "600",
        "--dim", "3", "--partitions", "4", "--seed", "11", "--master", "local-cluster[2,1,1024]",
        "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer",
        "--output", cluster.toString());
    assertEquals(0, r.status(), r::describe);
    assertEquals("local-cluster[2,1,1024]", EndToEnd.summary(cluster).get("spark_master"));

    Path local = dir.resolve("local");
    EndToEnd.ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "600", "--dim", "3",
        "--partitions", "4", "--seed", "11", "--output", local.toString());
    List<Row> a = EndToEnd.spark().read().parquet(cluster.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    List<Row> b = EndToEnd.spark().read().parquet(local.resolve("data.parquet").toString()).orderBy("client", "features").collectAsList();
    assertEquals(600, a.size());
    assertEquals(b, a, "executors in other JVMs generate exactly the rows local mode does");
  }
}
