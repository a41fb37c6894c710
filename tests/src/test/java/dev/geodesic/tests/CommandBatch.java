package dev.geodesic.tests;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code CommandBatch <command> <args> [--next <command> <args>]...}: a SparkSubmit main class that
 * runs several geodesic command lines one after the other in one application, so that a test pays
 * the start of the driver and executor JVMs once rather than per command. It starts the session
 * from the configuration spark-submit set (with geodesic's Kryo registrator, which each command
 * would add to a session of its own) and every command joins it, as under a notebook or a
 * pipeline that shares a session; the jobs' classes come from the submitted jobs jar (SparkSubmit's
 * class loader, hence by name: this class itself is on the JVM's classpath, which has no jobs jar).
 * Exits with the first non-zero status. With {@value #AWAIT_EXECUTORS}{@code =N} set, each command
 * starts once N executors are registered (e.g. the replacement of one a test killed).
 */
public final class CommandBatch {
  /** Executors each command waits for before it starts (0, the default: none). */
  static final String AWAIT_EXECUTORS = "spark.geodesic.batch.awaitExecutors";

  private CommandBatch() {}

  public static void main(String[] args) throws ReflectiveOperationException, InterruptedException {
    SparkSession.Builder b = SparkSession.builder()
        .config("spark.kryo.registrator", "dev.geodesic.jobs.spark.GeodesicKryoRegistrator")
        .config("spark.ui.showConsoleProgress", "false");
    String secret = System.getenv("GEODESIC_SPARK_SECRET");
    if (secret != null && !secret.isEmpty()) {
      b.config("spark.authenticate.secret", secret); // as SparkSessions does for a session of its own
    }
    SparkSession spark = b.getOrCreate();
    int executors = spark.sparkContext().getConf().getInt(AWAIT_EXECUTORS, 0);
    int status = 0;
    try {
      List<String> current = new ArrayList<>();
      for (String a : args) {
        if (a.equals("--next")) {
          awaitExecutors(spark, executors);
          status = run(current);
          if (status != 0) {
            break;
          }
          current.clear();
        } else {
          current.add(a);
        }
      }
      if (status == 0 && !current.isEmpty()) {
        awaitExecutors(spark, executors);
        status = run(current);
      }
    } finally {
      spark.stop();
    }
    System.exit(status);
  }

  private static int run(List<String> commandLine) throws ReflectiveOperationException {
    System.err.println("CommandBatch: " + String.join(" ", commandLine));
    Class<?> cli = Class.forName("dev.geodesic.jobs.cli.GeodesicCli", true, Thread.currentThread().getContextClassLoader());
    Method execute = cli.getMethod("execute", String[].class, PrintStream.class, PrintStream.class);
    return (Integer) execute.invoke(null, commandLine.toArray(String[]::new), System.out, System.err);
  }

  private static void awaitExecutors(SparkSession spark, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (spark.sparkContext().getExecutorMemoryStatus().size() < n + 1) { // the driver's block manager is one
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(n + " executors did not register within 600 s");
      }
      Thread.sleep(100);
    }
  }

  static String[] join(List<String[]> commandLines) {
    List<String> all = new ArrayList<>();
    for (String[] c : commandLines) {
      if (!all.isEmpty()) {
        all.add("--next");
      }
      all.addAll(Arrays.asList(c));
    }
    return all.toArray(String[]::new);
  }
}
