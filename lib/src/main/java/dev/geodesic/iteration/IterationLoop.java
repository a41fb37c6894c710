package dev.geodesic.iteration;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.progress.Trace;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an {@link IterativeMethod} until its own test or the {@link StoppingRule} ends it: the one
 * loop of every solver. After each iteration it appends the timing metrics, feeds the listener and
 * the trace, checks the rule, and offers the hooks a {@link Checkpoint} every
 * {@link Config#checkpointEvery()} iterations and after the last one. Given a checkpoint it resumes:
 * the method is restored, the clock, counts and trace continue, and a run that had stopped on a
 * budget continues when the new budget allows it.
 */
public final class IterationLoop {
  /**
   * @param rule when to stop (besides the method's own test)
   * @param checkpointEvery offer a checkpoint after every this many iterations (and after the last);
   *     0 only after the last
   * @param remoteSecondsMetric name of the trace metric with the iteration's seconds of remote work
   *     ({@link IterationContext#remote}), or null for none
   * @param localSecondsMetric name of the metric with the rest of the iteration's seconds, or null
   */
  public record Config(StoppingRule rule, int checkpointEvery, String remoteSecondsMetric, String localSecondsMetric) {
    public Config {
      if (rule == null) {
        throw new IllegalArgumentException("a stopping rule is required");
      }
      if (checkpointEvery < 0) {
        throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
      }
    }

    /** The rule alone: no timing metrics, checkpoints only after the last iteration. */
    public static Config of(StoppingRule rule) {
      return new Config(rule, 0, null, null);
    }

    public Config withCheckpointEvery(int every) {
      return new Config(rule, every, remoteSecondsMetric, localSecondsMetric);
    }

    public Config withTimings(String remoteMetric, String localMetric) {
      return new Config(rule, checkpointEvery, remoteMetric, localMetric);
    }
  }

  /**
   * Where a run meets its environment. The defaults run remote work in place and keep no
   * checkpoint; the Spark driver names and times Spark jobs, stores checkpoints and cuts lineage.
   */
  public interface Hooks<S extends Serializable> {
    /** Runs the remote work of iteration {@code iteration}. */
    default <T> T remote(int iteration, String what, Supplier<T> work) {
      return work.get();
    }

    /** Called after every iteration, once its record is out (e.g. to cut RDD lineage). */
    default void afterIteration(int iteration) {}

    /** Whether {@link #checkpoint} keeps anything (the loop skips building the state if not). */
    default boolean checkpointing() {
      return false;
    }

    /** Receives a checkpoint to keep. */
    default void checkpoint(Checkpoint<S> checkpoint) {}
  }

  private final Config config;

  public IterationLoop(Config config) {
    this.config = config;
  }

  public Config config() {
    return config;
  }

  /** A fresh run on one machine: remote work in place, no checkpoints. */
  public <S extends Serializable> IterationOutcome run(IterativeMethod<S> method, ProgressListener listener) {
    return run(method, null, listener, new Hooks<S>() {});
  }

  /**
   * Runs the method, or continues the run saved in {@code resume} (null for a fresh run).
   *
   * @param listener receives each new iteration's record (not the resumed ones)
   */
  public <S extends Serializable> IterationOutcome run(IterativeMethod<S> method, Checkpoint<S> resume,
      ProgressListener listener, Hooks<S> hooks) {
    Trace trace = new Trace();
    int k = 0;
    double offset = 0;
    OracleCounter oracle = new OracleCounter();
    int resumedAfter = -1;
    if (resume != null) {
      method.restore(resume.state());
      resume.trace().forEach(trace::onIteration);
      k = resume.iteration();
      offset = resume.elapsedSeconds();
      oracle = OracleCounter.startingAt(resume.counts());
      resumedAfter = k;
      Optional<StopReason> still = stillStopped(resume);
      if (still.isPresent()) {
        return new IterationOutcome(still.get(), k, resume.counts(), offset, trace, resumedAfter);
      }
    }
    long start = System.nanoTime();
    int sinceCheckpoint = 0;
    while (true) {
      k++;
      long iterationStart = System.nanoTime();
      RunContext ctx = new RunContext(k, oracle, hooks);
      Step step = method.step(ctx);
      long now = System.nanoTime();
      double elapsed = offset + (now - start) * 1e-9;
      Map<String, Double> metrics = new LinkedHashMap<>(step.metrics());
      if (config.remoteSecondsMetric() != null) {
        metrics.put(config.remoteSecondsMetric(), ctx.remoteNanos * 1e-9);
      }
      if (config.localSecondsMetric() != null) {
        metrics.put(config.localSecondsMetric(), (now - iterationStart - ctx.remoteNanos) * 1e-9);
      }
      IterationRecord record = new IterationRecord(k, elapsed, metrics);
      trace.onIteration(record);
      listener.onIteration(record);
      OracleCounts counts = oracle.snapshot();
      StopReason stop = step.stop() != null ? step.stop()
          : config.rule().check(new IterationStatus(k, elapsed, counts, metrics)).orElse(null);
      sinceCheckpoint++;
      if (hooks.checkpointing()
          && (stop != null || (config.checkpointEvery() > 0 && sinceCheckpoint >= config.checkpointEvery()))) {
        hooks.checkpoint(new Checkpoint<>(k, method.state(), counts, elapsed, trace.records(), stop));
        sinceCheckpoint = 0;
      }
      hooks.afterIteration(k);
      if (stop != null) {
        return new IterationOutcome(stop, k, counts, elapsed, trace, resumedAfter);
      }
    }
  }

  /**
   * Whether a saved run is already over under this run's rule: the method's own stop (converged,
   * diverged) always is; otherwise (a budget, or a run saved midway) it is when the rule fires on
   * the last saved iteration, so a larger budget extends it and an equal or smaller one ends it.
   */
  private Optional<StopReason> stillStopped(Checkpoint<?> resume) {
    StopReason saved = resume.stopReason();
    if (saved != null && !saved.isBudget()) {
      return Optional.of(saved);
    }
    List<IterationRecord> t = resume.trace();
    Map<String, Double> last = t.isEmpty() ? Map.of() : t.get(t.size() - 1).metrics();
    return config.rule().check(new IterationStatus(resume.iteration(), resume.elapsedSeconds(), resume.counts(), last));
  }

  /** The context of one iteration: counts the nanoseconds spent in remote work. */
  private static final class RunContext implements IterationContext {
    private final int iteration;
    private final OracleCounter oracle;
    private final Hooks<?> hooks;
    private long remoteNanos;

    RunContext(int iteration, OracleCounter oracle, Hooks<?> hooks) {
      this.iteration = iteration;
      this.oracle = oracle;
      this.hooks = hooks;
    }

    @Override
    public int iteration() {
      return iteration;
    }

    @Override
    public OracleCounter oracle() {
      return oracle;
    }

    @Override
    public <T> T remote(String what, Supplier<T> work) {
      long t0 = System.nanoTime();
      try {
        return hooks.remote(iteration, what, work);
      } finally {
        remoteNanos += System.nanoTime() - t0;
      }
    }
  }
}
