package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;

/** Range checks of option values, failing with {@code error: --option must be …, got …} (exit 2). */
public final class OptionChecks {
  private OptionChecks() {}

  public static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new InvalidInputException(option + " must be >= " + min + ", got " + value);
    }
  }

  /** value ≥ min and finite. */
  public static void atLeast(String option, double value, double min) {
    if (!(value >= min) || !Double.isFinite(value)) {
      throw new InvalidInputException(option + " must be >= " + plain(min) + ", got " + value);
    }
  }

  /** value &gt; 0 and finite. */
  public static void positive(String option, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new InvalidInputException(option + " must be > 0, got " + value);
    }
  }

  /** A number as a user wrote it: {@code 2} rather than {@code 2.0}. */
  public static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
