package dev.geodesic.iteration;

import java.util.Locale;

/** Why an iterative run stopped; every result carries one. */
public enum StopReason {
  /** The method's own convergence test held (a tolerance on a residual, a certified bracket, optimality). */
  CONVERGED("converged"),
  /** A user target was met (e.g. objective gap ≤ T). */
  TARGET_REACHED("target-reached"),
  /** The iteration (round) budget ran out. */
  ITERATION_LIMIT("max-iterations"),
  /** The budget of data passes (epochs) ran out. */
  EPOCH_LIMIT("max-epochs"),
  /** The wall-clock budget ran out. */
  TIME_LIMIT("time-limit"),
  /** A monitored quantity became non-finite or blew up. */
  DIVERGED("diverged");

  private final String label;

  StopReason(String label) {
    this.label = label;
  }

  /** The name written to {@code summary.json}'s {@code status} and {@code stop_reason}. */
  public String label() {
    return label;
  }

  /** Whether the run reached what it was asked for (converged or met its target). */
  public boolean successful() {
    return this == CONVERGED || this == TARGET_REACHED;
  }

  /** Whether this is a budget (iterations, epochs, time) that a resumed run with a larger budget may lift. */
  public boolean isBudget() {
    return this == ITERATION_LIMIT || this == EPOCH_LIMIT || this == TIME_LIMIT;
  }

  public static StopReason fromLabel(String label) {
    for (StopReason r : values()) {
      if (r.label.equals(label.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown stop reason '" + label + "'");
  }
}
