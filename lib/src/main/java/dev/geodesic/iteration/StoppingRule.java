package dev.geodesic.iteration;

import java.util.Optional;

/**
 * A composable stopping test, checked after every iteration. {@link #or} and {@link #anyOf} combine
 * rules; the first rule that fires names the {@link StopReason}, so list convergence tests before
 * budgets (a run that converges on its last allowed iteration then reports {@code converged}).
 */
@FunctionalInterface
public interface StoppingRule {
  /** The reason to stop after this iteration, or empty to go on. */
  Optional<StopReason> check(IterationStatus status);

  /** This rule, then {@code other}. */
  default StoppingRule or(StoppingRule other) {
    return s -> {
      Optional<StopReason> r = check(s);
      return r.isPresent() ? r : other.check(s);
    };
  }

  /** The rules in order: the first that fires. */
  static StoppingRule anyOf(StoppingRule... rules) {
    return s -> {
      for (StoppingRule r : rules) {
        Optional<StopReason> reason = r.check(s);
        if (reason.isPresent()) {
          return reason;
        }
      }
      return Optional.empty();
    };
  }

  /** Never fires: the method's own test or another rule ends the run. */
  static StoppingRule never() {
    return s -> Optional.empty();
  }

  /** Stops after iteration {@code k}. */
  static StoppingRule maxIterations(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("iteration budget must be >= 1, got " + k);
    }
    return s -> s.iteration() >= k ? Optional.of(StopReason.ITERATION_LIMIT) : Optional.empty();
  }

  /** Stops once {@code epochs} passes over the data are used up. */
  static StoppingRule maxDataPasses(double epochs) {
    if (!(epochs > 0)) {
      throw new IllegalArgumentException("epoch budget must be > 0, got " + epochs);
    }
    return s -> s.counts().dataPasses() >= epochs * (1 - 1e-12) ? Optional.of(StopReason.EPOCH_LIMIT) : Optional.empty();
  }

  /** Stops once {@code seconds} of wall clock have passed (checked after each iteration). */
  static StoppingRule timeLimit(double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("time limit must be > 0 seconds, got " + seconds);
    }
    return s -> s.elapsedSeconds() >= seconds ? Optional.of(StopReason.TIME_LIMIT) : Optional.empty();
  }

  /** Fires with {@code reason} when {@code metric} ≤ {@code threshold} (a residual, a gap, a bracket width). */
  static StoppingRule atMost(String metric, double threshold, StopReason reason) {
    return s -> s.metric(metric) <= threshold ? Optional.of(reason) : Optional.empty();
  }

  /** {@link StopReason#CONVERGED} when {@code metric} ≤ {@code tolerance}. */
  static StoppingRule converged(String metric, double tolerance) {
    return atMost(metric, tolerance, StopReason.CONVERGED);
  }

  /** {@link StopReason#DIVERGED} when {@code metric} is reported and NaN or infinite. */
  static StoppingRule nonFinite(String metric) {
    return s -> s.metrics().containsKey(metric) && !Double.isFinite(s.metric(metric))
        ? Optional.of(StopReason.DIVERGED) : Optional.empty();
  }

  /** {@link StopReason#DIVERGED} when {@code metric} exceeds {@code bound} (or is non-finite). */
  static StoppingRule exceeds(String metric, double bound) {
    return nonFinite(metric).or(s -> s.metric(metric) > bound ? Optional.of(StopReason.DIVERGED) : Optional.empty());
  }
}
