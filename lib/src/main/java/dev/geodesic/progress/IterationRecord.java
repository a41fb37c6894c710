package dev.geodesic.progress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a solver's trace: the iteration number, seconds since the solve started, and the named
 * metrics of that iteration (e.g. {@code upper}, {@code lower}, {@code objective}), in a fixed order.
 */
public record IterationRecord(int iteration, double elapsedSeconds, Map<String, Double> metrics)
    implements java.io.Serializable {
  public IterationRecord {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Builds a record from alternating name/value pairs: {@code of(3, 0.5, "upper", 1.2, "lower", 0.9)}. */
  public static IterationRecord of(int iteration, double elapsedSeconds, Object... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("metrics come as name/value pairs");
    }
    LinkedHashMap<String, Double> m = new LinkedHashMap<>();
    for (int k = 0; k < nameValuePairs.length; k += 2) {
      m.put((String) nameValuePairs[k], ((Number) nameValuePairs[k + 1]).doubleValue());
    }
    return new IterationRecord(iteration, elapsedSeconds, m);
  }

  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "' in " + metrics.keySet());
    }
    return v;
  }
}
