package dev.geodesic.finitesum;

import java.util.Locale;

/** How a variance-reduced pass draws its rows. */
public enum RowSampling {
  /** Uniformly: the step must respect the largest row's smoothness, η ∝ 1/L_max. */
  UNIFORM("uniform"),
  /**
   * With probability ∝ L_i, each gradient difference weighted by L̄/L_i ({@link SmoothnessSampling}):
   * η ∝ 1/L̄, the mean row's smoothness.
   */
  SMOOTHNESS("smoothness");

  private final String label;

  RowSampling(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static RowSampling fromLabel(String s) {
    for (RowSampling r : values()) {
      if (r.label.equals(s.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown row sampling '" + s + "' (uniform, smoothness)");
  }
}
