package dev.geodesic.iteration;

import java.util.Map;

/**
 * What a {@link StoppingRule} sees after an iteration: its number (from 1), the seconds since the
 * run started (resumed runs included), the oracle counts and the iteration's metrics.
 */
public record IterationStatus(int iteration, double elapsedSeconds, OracleCounts counts, Map<String, Double> metrics) {
  /** The metric's value, or NaN when this iteration did not report it. */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }
}
