package dev.geodesic.iteration;

import dev.geodesic.progress.IterationRecord;
import java.io.Serializable;
import java.util.List;

/**
 * A run after a completed iteration: enough to resume it exactly.
 *
 * @param iteration iterations completed
 * @param state the method's state after them
 * @param counts the oracle counts so far
 * @param elapsedSeconds seconds spent so far (a resumed run's clock continues from here)
 * @param trace the trace so far
 * @param stopReason why the run stopped when this is its last iteration, else null
 * @param <S> the method's state type
 */
public record Checkpoint<S extends Serializable>(int iteration, S state, OracleCounts counts, double elapsedSeconds,
    List<IterationRecord> trace, StopReason stopReason) implements Serializable {
  public Checkpoint {
    trace = List.copyOf(trace);
  }
}
