package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /**
   * How users type an enum option value: lower case, words hyphenated ({@code LEAST_SQUARES} →
   * {@code least-squares}). Option enums return it from {@code toString()}, which is what picocli
   * shows in {@code --help} ({@code ${COMPLETION-CANDIDATES}}) and matches case-insensitively.
   */
  public static String spelling(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code option must be a, b or c, got 'value'}: the message of an unknown choice. */
  public static String notOneOf(String option, Iterable<String> choices, String value) {
    List<String> c = new ArrayList<>();
    choices.forEach(c::add);
    String list = c.size() == 1 ? c.get(0)
        : String.join(", ", c.subList(0, c.size() - 1)) + " or " + c.get(c.size() - 1);
    return option + " must be " + list + ", got '" + value + "'";
  }
}
