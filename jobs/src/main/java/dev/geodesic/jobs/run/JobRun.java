package dev.geodesic.jobs.run;

import dev.geodesic.jobs.output.OutputDirectory;
import dev.geodesic.jobs.output.ProgressLog;
import dev.geodesic.jobs.output.Summary;
import dev.geodesic.jobs.output.TraceWriter;
import dev.geodesic.jobs.report.HtmlReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.BlasBackend;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.progress.Trace;
import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * What one command run works with: the Spark session, the atomic output directory, the summary
 * (its common fields filled here), the clock, and the progress log. Commands fill in their own
 * fields and results; {@link JobCommand} writes {@code summary.json} and commits.
 */
public final class JobRun {
  private final String command;
  private final SparkSession spark;
  private final OutputDirectory output;
  private final Summary summary = new Summary();
  private final PrintStream log;
  private final long startNanos;
  private final Set<String> executorBlas = new TreeSet<>();
  private HtmlReport.Builder report;
  private long solveStartNanos = -1;
  private long solveEndNanos = -1;
  private final String optionsFingerprint;

  JobRun(String command, SparkSession spark, OutputDirectory output, long seed, long startNanos, PrintStream log,
      String optionsFingerprint) {
    this.command = command;
    this.optionsFingerprint = optionsFingerprint;
    this.spark = spark;
    this.output = output;
    this.log = log;
    this.startNanos = startNanos;
    summary.put("command", command)
        .put("method", null)
        .put("status", null)
        .put("iterations", 0)
        .put("wall_seconds", null)
        .put("solve_seconds", null)
        .put("blas", Blas.get().implementationName())
        .put("blas_core", BlasBackend.current().openblasCore())
        .put("spark_master", spark.sparkContext().master())
        .put("spark_version", spark.version())
        .put("seed", seed);
  }

  public SparkSession spark() {
    return spark;
  }

  public OutputDirectory output() {
    return output;
  }

  public Summary summary() {
    return summary;
  }

  public PrintStream log() {
    return log;
  }

  public String command() {
    return command;
  }

  /**
   * The options that determine the run's numbers, one {@code --name=value} per line, sorted: what a
   * checkpoint must match to be resumed (budgets, output and Spark placement options are left out).
   */
  public String optionsFingerprint() {
    return optionsFingerprint;
  }

  /** Call once the input is loaded and cached: {@code solve_seconds} counts from here. */
  public void solveStarted() {
    solveStartNanos = System.nanoTime();
  }

  /** Call once the result is known. */
  public void solveFinished() {
    solveEndNanos = System.nanoTime();
  }

  /** The BLAS implementations the executors reported (see {@code BlockLayout}). */
  public void executorBlas(Set<String> names) {
    executorBlas.addAll(names);
  }

  /** A progress listener that logs each iteration and records it into {@code trace}. */
  public ProgressListener progress(String unit, Trace trace) {
    return new ProgressLog(command, unit, log).andThen(trace);
  }

  /** Writes {@code trace.parquet} and {@code trace.csv}. */
  public void writeTrace(Trace trace) {
    TraceWriter.write(spark, trace, output);
  }

  /** The report of this run; {@code report.html} is written when it has a section. */
  public HtmlReport.Builder report() {
    if (report == null) {
      report = HtmlReport.builder("geodesic " + command);
    }
    return report;
  }

  /** Renders the report (if any) locally, then copies it into the output directory. */
  void writeReport() {
    if (report == null) {
      return;
    }
    report.section("Summary", s -> s.table(summary.fields()));
    try {
      Path tmp = Files.createTempDirectory("geodesic-report");
      try {
        report.build().write(tmp);
        try (Stream<Path> files = Files.list(tmp)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            output.copyFromLocal(f, f.getFileName().toString());
          }
        }
      } finally {
        try (Stream<Path> files = Files.list(tmp)) {
          files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report.html", e);
    }
  }

  /** Seconds since the command started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  void finishSummary() {
    if (solveStartNanos >= 0) {
      long end = solveEndNanos >= 0 ? solveEndNanos : System.nanoTime();
      summary.put("solve_seconds", (end - solveStartNanos) / 1e9);
    }
    if (!executorBlas.isEmpty()) {
      summary.put("executor_blas", String.join(",", executorBlas));
    }
    summary.put("wall_seconds", elapsedSeconds());
    if (summary.get("method") == null || summary.get("status") == null) {
      throw new IllegalStateException(command + " did not set method and status");
    }
  }
}
