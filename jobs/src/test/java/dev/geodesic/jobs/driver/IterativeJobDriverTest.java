package dev.geodesic.jobs.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.Step;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.SparkTestBase;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.run.TestRuns;
import dev.geodesic.progress.IterationRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterativeJobDriverTest extends SparkTestBase {
  @TempDir
  Path dir;

  /**
   * x ← x/2 + 1 on every element of an RDD, a new RDD each round (so its lineage grows one step per
   * round unless cut), and one Spark job per round summing it. From x₀ the k-th sum is
   * Σ (2 + (x₀ − 2)/2^k).
   */
  static final class Halving implements IterativeMethod<double[]>, Lineage.Holder {
    final JavaSparkContext jsc;
    final double[] start;
    JavaRDD<Double> values;
    JavaRDD<Double> lastCut;

    Halving(JavaSparkContext jsc, double[] start) {
      this.jsc = jsc;
      this.start = start;
      restore(start);
    }

    @Override
    public Step step(IterationContext ctx) {
      values = values.map(x -> x / 2 + 1);
      double sum = ctx.remote("sum", () -> values.reduce(Double::sum));
      ctx.oracle().componentsOf(start.length, start.length);
      return Step.of("sum", sum, "depth", depth(values.rdd()));
    }

    @Override
    public double[] state() {
      return values.collect().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void restore(double[] s) {
      values = jsc.parallelize(java.util.Arrays.stream(s).boxed().toList(), 2);
    }

    @Override
    public void cutLineage() {
      JavaRDD<Double> previous = lastCut;
      values = Lineage.cut(values);
      lastCut = values;
      if (previous != null) {
        previous.unpersist(false);
      }
    }
  }

  /** The number of RDDs on the longest dependency chain from {@code rdd} back to its sources. */
  static int depth(org.apache.spark.rdd.RDD<?> rdd) {
    int max = 0;
    scala.collection.Iterator<org.apache.spark.Dependency<?>> it = rdd.dependencies().iterator();
    while (it.hasNext()) {
      max = Math.max(max, depth(it.next().rdd()));
    }
    return max + 1;
  }

  private JobRun run(String name, String fingerprint, PrintStream log) {
    return TestRuns.run("test", spark, dir.resolve(name).toString(), fingerprint, log);
  }

  private static double expectedSum(double[] x0, int k) {
    double s = 0;
    for (double x : x0) {
      s += 2 + (x - 2) / Math.pow(2, k);
    }
    return s;
  }

  @Test
  void fourHundredRoundsKeepTheLineageShortAndNameEveryJob() {
    Set<String> descriptions = ConcurrentHashMap.newKeySet();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        String d = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
        if (d != null) {
          descriptions.add(d);
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      double[] x0 = {10, -6, 3e3, 0.5};
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Halving m = new Halving(jsc, x0);
      IterativeJobDriver driver = new IterativeJobDriver(run("lineage", "", new PrintStream(new ByteArrayOutputStream())),
          IterativeJobDriver.Options.none()).cutLineageOf(m);
      IterationOutcome out = driver.run("round", m, IterationLoop.Config.of(StoppingRule.maxIterations(400)), "x0");
      assertEquals(StopReason.ITERATION_LIMIT, out.stopReason());
      assertEquals(400, out.iterations());
      int maxDepth = 0;
      for (IterationRecord r : out.trace().records()) {
        maxDepth = Math.max(maxDepth, (int) r.metric("depth"));
        if (r.iteration() <= 40) {
          assertEquals(expectedSum(x0, r.iteration()), r.metric("sum"), 1e-9, "round " + r.iteration());
        }
      }
      // Cut every 50 rounds: at most 50 maps on top of a checkpointed RDD (plus the source).
      assertTrue(maxDepth <= IterativeJobDriver.DEFAULT_LINEAGE_EVERY + 2, "lineage depth " + maxDepth);
      assertEquals(8.0, out.last().orElseThrow().metric("sum"), 0.0);
      assertEquals(400.0, out.counts().dataPasses(), 1e-9);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!descriptions.contains("test round 400: sum") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(descriptions.contains("test round 7: sum"), "descriptions " + descriptions.size());
      assertTrue(descriptions.contains("test round 400: sum"));
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void aKilledRunResumesFromTheLastCompleteCheckpointAndEndsAsAStraightRun() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    double[] x0 = {100, -50, 7};
    IterationLoop.Config budget12 = IterationLoop.Config.of(StoppingRule.maxIterations(12))
        .withTimings("spark_seconds", "driver_seconds");
    Halving straight = new Halving(jsc, x0);
    IterationOutcome whole = new IterativeJobDriver(run("straight", "fp", new PrintStream(new ByteArrayOutputStream())),
        IterativeJobDriver.Options.none()).run("round", straight, budget12, "x0");

    String ck = dir.resolve("ck").toString();
    IterativeJobDriver.Options every3 = new IterativeJobDriver.Options(ck, 3, 50, null);
    // First run stops at 10 (its budget): checkpoints after 3, 6, 9 and 10; the newest two are kept.
    new IterativeJobDriver(run("first", "fp", new PrintStream(new ByteArrayOutputStream())), every3)
        .run("round", new Halving(jsc, x0), IterationLoop.Config.of(StoppingRule.maxIterations(10))
            .withTimings("spark_seconds", "driver_seconds"), "x0");
    // The newest file is torn (a driver killed while a storage layer flushed it): resume from round 9.
    Path newest = dir.resolve("ck").resolve("checkpoint-0000000010.bin");
    try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
      f.setLength(f.length() - 7);
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    JobRun second = run("second", "fp", new PrintStream(log, true, StandardCharsets.UTF_8));
    Halving resumed = new Halving(jsc, new double[] {0, 0, 0});
    IterationOutcome out = new IterativeJobDriver(second, every3).run("round", resumed, budget12, "x0");
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("is torn") && text.contains("resuming from " + ck + " after round 9"), text);
    assertEquals(9, out.resumedAfter());
    assertEquals(9, second.summary().get("resumed_after_round"));
    assertEquals(12, out.iterations());
    assertEquals(whole.last().orElseThrow().metric("sum"), out.last().orElseThrow().metric("sum"), 0.0);
    List<String> names = out.trace().metricNames();
    assertEquals(List.of("sum", "depth", "spark_seconds", "driver_seconds"), names);
    assertEquals(StopReason.ITERATION_LIMIT.label(), second.summary().get("status"));
    assertEquals(12, second.summary().get("iterations"));
  }

  @Test
  void theTimeLimitStopsTheRun() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    IterationOutcome out = new IterativeJobDriver(run("time", "", new PrintStream(new ByteArrayOutputStream())),
        new IterativeJobDriver.Options(null, 1, 50, 0.2))
        .run("round", new Halving(jsc, new double[] {1}), IterationLoop.Config.of(StoppingRule.maxIterations(1_000_000)), "x");
    assertEquals(StopReason.TIME_LIMIT, out.stopReason());
    assertTrue(out.elapsedSeconds() >= 0.2);
  }
}
