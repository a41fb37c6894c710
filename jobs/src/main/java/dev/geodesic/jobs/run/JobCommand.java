package dev.geodesic.jobs.run;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.output.OutputDirectory;
import dev.geodesic.jobs.output.SummarySchema;
import dev.geodesic.jobs.cli.OptionChecks;
import dev.geodesic.jobs.spark.SparkSessions;
import dev.geodesic.linalg.BlasBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The life of every command: check options (before Spark starts), check the output path, start or
 * join the Spark session, run, write {@code summary.json}, commit the output atomically. Any
 * {@link InvalidInputException} on the way leaves nothing written.
 */
public abstract class JobCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Output directory, written atomically (refused if it exists, unless --overwrite).")
  protected String output;

  @Option(names = "--overwrite", description = "Replace an existing --output directory once the new one is complete.")
  protected boolean overwrite;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
      description = "Seed of every random choice; the same seed gives the same result. Default: ${DEFAULT-VALUE}.")
  protected long seed;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
      description = {"Spark partitions for the data (0: keep the input's / Spark's default).",
          "ot, fedwad: partitions holding the clients, client k on partition k mod N (0: one per client).",
          "Default: ${DEFAULT-VALUE}."})
  protected int partitions;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: what spark-submit set, else local[*]).")
  protected String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable.")
  protected List<String> conf = new ArrayList<>();

  /** The output directory when {@code --output} is not given, or null when it is required. */
  protected String defaultOutput() {
    return null;
  }

  /**
   * Options a resumed run may change without changing the numbers already computed (budgets,
   * tolerances, verification), besides the output, checkpoint and Spark options.
   */
  protected Set<String> resumableOptions() {
    return Set.of();
  }

  /** Options never part of a run's fingerprint: where it writes, how it checkpoints, where it runs. */
  private static final Set<String> PLACEMENT_OPTIONS = Set.of("--output", "--overwrite", "--master", "--conf",
      "--partitions", "--checkpoint", "--checkpoint-every", "--time-limit", "--help", "--version");

  private String optionsFingerprint() {
    Set<String> skip = new HashSet<>(PLACEMENT_OPTIONS);
    skip.addAll(resumableOptions());
    List<String> lines = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!skip.contains(o.longestName())) {
        lines.add(o.longestName() + "=" + o.getValue());
      }
    }
    Collections.sort(lines);
    return String.join("\n", lines);
  }

  /** Checks option values; throws {@link InvalidInputException} naming the option. */
  protected void validateOptions() {}

  /** The command's work. */
  protected abstract void run(JobRun run) throws Exception;

  @Override
  public final Integer call() throws Exception {
    long start = System.nanoTime();
    if (output == null) {
      output = defaultOutput();
    }
    OptionChecks.atLeast("--partitions", partitions, 0);
    SparkSessions.validateConfs(conf);
    SparkSessions.validateMaster(master);
    validateOptions();
    OutputDirectory.prepare(output, overwrite, new Configuration());
    String name = spec.name();
    BlasBackend blas = BlasBackend.current();
    System.err.println("geodesic " + name + ": " + blas.summaryLine());
    if (blas.warning() != null) {
      System.err.println("warning: " + blas.warning());
    }
    try (SparkSessions.Handle spark = SparkSessions.open("geodesic " + name, master, conf)) {
      Configuration hadoop = spark.session().sparkContext().hadoopConfiguration();
      try (OutputDirectory out = OutputDirectory.prepare(output, overwrite, hadoop)) {
        JobRun run = new JobRun(name, spark.session(), out, seed, start, System.err, optionsFingerprint());
        System.err.println("geodesic " + name + ": Spark " + spark.session().version() + ", master "
            + spark.session().sparkContext().master());
        run(run);
        run.finishSummary();
        SummarySchema.check(name, run.summary());
        run.writeReport();
        out.writeText("summary.json", run.summary().toJson());
        out.commit();
        System.err.printf(java.util.Locale.ROOT, "geodesic %s: wrote %s (%.1f s)%n", name, out.target(), run.elapsedSeconds());
      }
    }
    return 0;
  }
}
