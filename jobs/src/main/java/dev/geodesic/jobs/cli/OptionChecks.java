package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;

/** Range checks of option values, failing with {@code error: --option must be …, got …} (exit 2). */
final class OptionChecks {
  private OptionChecks() {}

  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new InvalidInputException(option + " must be >= " + min + ", got " + value);
    }
  }

  /** value ≥ min and finite. */
  static void atLeast(String option, double value, double min) {
    if (!(value >= min) || !Double.isFinite(value)) {
      throw new InvalidInputException(option + " must be >= " + fmt(min) + ", got " + value);
    }
  }

  /** value &gt; 0 and finite. */
  static void positive(String option, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new InvalidInputException(option + " must be > 0, got " + value);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
