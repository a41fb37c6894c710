package dev.geodesic.iteration;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param stopReason why it stopped
 * @param iterations iterations completed (resumed ones included)
 * @param counts oracle calls
 * @param elapsedSeconds seconds spent (resumed runs included)
 * @param trace every iteration's record
 * @param resumedAfter the iteration a resumed run continued from, or -1 for a fresh run
 */
public record IterationOutcome(StopReason stopReason, int iterations, OracleCounts counts, double elapsedSeconds,
    Trace trace, int resumedAfter) {
  /** The last iteration's record, if any iteration ran. */
  public Optional<IterationRecord> last() {
    return trace.size() == 0 ? Optional.empty() : Optional.of(trace.records().get(trace.size() - 1));
  }
}
