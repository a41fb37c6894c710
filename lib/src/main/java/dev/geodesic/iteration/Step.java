package dev.geodesic.iteration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one iteration of an {@link IterativeMethod} reports: its metrics in a fixed order (they
 * become a trace row), and, when the method's own test ends the run (optimality, every pair
 * converged), the reason.
 */
public record Step(Map<String, Double> metrics, StopReason stop) {
  public Step {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Metrics from alternating name/value pairs: {@code Step.of("objective", f, "grad_norm", g)}. */
  public static Step of(Object... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("metrics come as name/value pairs");
    }
    LinkedHashMap<String, Double> m = new LinkedHashMap<>();
    for (int k = 0; k < nameValuePairs.length; k += 2) {
      m.put((String) nameValuePairs[k], ((Number) nameValuePairs[k + 1]).doubleValue());
    }
    return new Step(m, null);
  }

  /** The same metrics, ending the run for {@code reason}. */
  public Step stopping(StopReason reason) {
    return new Step(metrics, reason);
  }
}
