package dev.geodesic.jobs.run;

import dev.geodesic.jobs.output.OutputDirectory;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/** Builds a {@link JobRun} for tests of the job classes, outside the command lifecycle. */
public final class TestRuns {
  private TestRuns() {}

  /** A run of {@code command} writing into {@code outputDir}, logging to {@code log}. */
  public static JobRun run(String command, SparkSession spark, String outputDir, String optionsFingerprint, PrintStream log) {
    OutputDirectory out = OutputDirectory.prepare(outputDir, true, spark.sparkContext().hadoopConfiguration());
    return new JobRun(command, spark, out, 1, System.nanoTime(), log, optionsFingerprint);
  }
}
