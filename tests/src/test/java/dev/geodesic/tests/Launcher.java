package dev.geodesic.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./geodesic} at the repository root as a user would: a separate JVM, real exit status. */
final class Launcher {
  private Launcher() {}

  static Path repositoryRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("geodesic"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no ./geodesic above " + Paths.get("").toAbsolutePath());
    }
    return p;
  }

  /**
   * A stand-in SPARK_HOME for multi-process masters: Spark's worker builds executor command lines
   * from it (an empty RELEASE file and an empty jars/ make it a "distribution"); the classes come
   * from SPARK_DIST_CLASSPATH, which the caller sets.
   */
  static Path fakeSparkHome(Path under) throws IOException {
    Path home = under.resolve("spark-home");
    Files.createDirectories(home.resolve("jars"));
    Files.writeString(home.resolve("RELEASE"), "");
    return home;
  }

  /** The full classpath the launcher uses (jobs jar + Spark), for executors of a multi-process master. */
  static String launcherClasspath() throws IOException {
    Path root = repositoryRoot();
    return root.resolve("jobs/target/geodesic-jobs.jar") + File.pathSeparator
        + Files.readString(root.resolve("jobs/target/spark-classpath.txt")).trim();
  }

  /**
   * {@link #run} in a thread of its own, for independent runs that mostly wait for their JVMs to
   * start (not the common pool, which has one thread on 2 cores).
   */
  static java.util.concurrent.CompletableFuture<EndToEnd.Result> runAsync(Map<String, String> env, long timeoutSeconds,
      String... args) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return run(env, timeoutSeconds, args);
      } catch (IOException | InterruptedException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, task -> new Thread(task, "launcher " + args[0]).start());
  }

  static EndToEnd.Result run(Map<String, String> env, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(repositoryRoot().resolve("geodesic").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repositoryRoot().toFile());
    pb.environment().putAll(env);
    Path out = Files.createTempFile("geodesic-out", ".txt");
    Path err = Files.createTempFile("geodesic-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("./geodesic " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
    }
    EndToEnd.Result r = new EndToEnd.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
