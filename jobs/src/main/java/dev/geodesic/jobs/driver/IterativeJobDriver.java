package dev.geodesic.jobs.driver;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.OracleCounts;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.output.ProgressLog;
import dev.geodesic.jobs.run.JobRun;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Runs an {@link IterativeMethod}'s iterations ("rounds") on Spark for any command, through the
 * iteration core's {@link IterationLoop}:
 * <ul>
 *   <li>every Spark job started inside the method's remote work is named
 *       {@code "<command> <unit> <k>: <what>"} (visible in the Spark UI and event logs);
 *   <li>the trace gets each round's seconds of Spark work and of driver work (the metric names come
 *       from the loop configuration, e.g. {@code clients_seconds}/{@code server_seconds});
 *   <li>progress is logged ({@link ProgressLog}) and the whole trace written at the end;
 *   <li>with a checkpoint directory, the method's state is saved every {@code checkpointEvery}
 *       rounds and after the last one ({@link CheckpointStore}), and a run started again with the
 *       same options and input resumes from the newest complete checkpoint; other options or input
 *       are refused with exit status 2;
 *   <li>every {@code lineageEvery} rounds the registered {@link Lineage.Holder}s cut their RDD lineage;
 *   <li>the summary gets {@code status}, {@code stop_reason}, {@code iterations}, the oracle counts and
 *       {@code resumed_after_round}.
 * </ul>
 * A new solver plugs in by implementing {@code IterativeMethod} in {@code lib/} with its remote work
 * behind an interface, a Spark implementation of that interface in {@code jobs/}, and one call of
 * {@link #run}.
 */
public final class IterativeJobDriver {
  /** Rounds between two lineage cuts when the command does not say. */
  public static final int DEFAULT_LINEAGE_EVERY = 50;

  /**
   * @param checkpointDir where to checkpoint and resume from, or null for no checkpoints
   * @param checkpointEvery rounds between checkpoints (besides the last round)
   * @param lineageEvery rounds between lineage cuts (0: never)
   * @param timeLimitSeconds stop after this many seconds, or null for no limit
   */
  public record Options(String checkpointDir, int checkpointEvery, int lineageEvery, Double timeLimitSeconds) {
    public Options {
      if (checkpointEvery < 1) {
        throw new IllegalArgumentException("checkpointEvery must be >= 1");
      }
      if (lineageEvery < 0) {
        throw new IllegalArgumentException("lineageEvery must be >= 0");
      }
    }

    /** No checkpoints, no time limit, the default lineage cut. */
    public static Options none() {
      return new Options(null, 1, DEFAULT_LINEAGE_EVERY, null);
    }

    public Options withLineageEvery(int every) {
      return new Options(checkpointDir, checkpointEvery, every, timeLimitSeconds);
    }
  }

  private final JobRun run;
  private final Options options;
  private final List<Lineage.Holder> holders = new ArrayList<>();

  public IterativeJobDriver(JobRun run, Options options) {
    this.run = run;
    this.options = options;
  }

  /** Registers RDD state whose lineage grows with the rounds. */
  public IterativeJobDriver cutLineageOf(Lineage.Holder holder) {
    holders.add(holder);
    return this;
  }

  /**
   * Runs (or resumes) the method to its end and writes the trace and the summary's iteration fields.
   *
   * @param unit what one iteration is called in logs and job names ({@code round}, {@code iteration}, {@code epoch})
   * @param loop the stopping rule and timing metrics; the checkpoint interval comes from the options
   * @param dataFingerprint what identifies the input beyond the options (client names and sizes, dimension)
   */
  public <S extends Serializable> IterationOutcome run(String unit, IterativeMethod<S> method, IterationLoop.Config loop,
      String dataFingerprint) {
    StoppingRule rule = options.timeLimitSeconds() == null ? loop.rule()
        : loop.rule().or(StoppingRule.timeLimit(options.timeLimitSeconds()));
    IterationLoop.Config config = new IterationLoop.Config(rule, options.checkpointDir() == null ? 0 : options.checkpointEvery(),
        loop.remoteSecondsMetric(), loop.localSecondsMetric());
    String command = run.command();
    CheckpointStore store = options.checkpointDir() == null ? null
        : CheckpointStore.at(options.checkpointDir(), command, run.optionsFingerprint() + "\ninput: " + dataFingerprint,
            run.spark().sparkContext().hadoopConfiguration(), w -> run.log().println("warning: " + w));
    Checkpoint<S> resume = store == null ? null : store.<S>load().orElse(null);
    if (resume != null) {
      run.log().printf(Locale.ROOT, "[%s] resuming from %s after %s %d%n", command, options.checkpointDir(), unit,
          resume.iteration());
      run.summary().put("resumed_after_round", resume.iteration());
    }
    SparkContext sc = run.spark().sparkContext();
    IterationLoop.Hooks<S> hooks = new IterationLoop.Hooks<>() {
      @Override
      public <T> T remote(int iteration, String what, Supplier<T> work) {
        String previous = sc.getLocalProperty("spark.job.description");
        sc.setJobDescription(command + " " + unit + " " + iteration + ": " + what);
        try {
          return work.get();
        } finally {
          sc.setJobDescription(previous);
        }
      }

      @Override
      public void afterIteration(int iteration) {
        if (options.lineageEvery() > 0 && iteration % options.lineageEvery() == 0) {
          holders.forEach(Lineage.Holder::cutLineage);
        }
      }

      @Override
      public boolean checkpointing() {
        return store != null;
      }

      @Override
      public void checkpoint(Checkpoint<S> checkpoint) {
        store.save(checkpoint);
      }
    };
    IterationOutcome outcome = new IterationLoop(config).run(method, resume, new ProgressLog(command, unit, run.log()), hooks);
    OracleCounts c = outcome.counts();
    run.summary().put("status", outcome.stopReason().label())
        .put("stop_reason", outcome.stopReason().label())
        .put("iterations", outcome.iterations())
        .put("component_evaluations", c.componentEvaluations())
        .put("data_passes", c.dataPasses())
        .put("messages", c.messages())
        .put("bytes_exchanged", c.bytes());
    if (outcome.trace().size() > 0) {
      run.writeTrace(outcome.trace());
    }
    run.log().printf(Locale.ROOT, "[%s] stopped after %s %d: %s%n", command, unit, outcome.iterations(),
        outcome.stopReason().label());
    return outcome;
  }
}
