package dev.geodesic.progress;

/** Receives one {@link IterationRecord} per iteration (or round) of a solver, in order. */
@FunctionalInterface
public interface ProgressListener {
  void onIteration(IterationRecord record);

  /** A listener that drops everything. */
  static ProgressListener none() {
    return r -> { };
  }

  /** Both listeners, this one first. */
  default ProgressListener andThen(ProgressListener next) {
    return r -> {
      onIteration(r);
      next.onIteration(r);
    };
  }
}
