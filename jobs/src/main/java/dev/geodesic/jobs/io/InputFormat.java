package dev.geodesic.jobs.io;

/** The input formats of {@code --format}. */
public enum InputFormat {
  PARQUET, CSV, LIBSVM;

  /** Parses an option value, case-insensitively. */
  public static InputFormat parse(String s) {
    for (InputFormat f : values()) {
      if (f.name().equalsIgnoreCase(s)) {
        return f;
      }
    }
    throw new IllegalArgumentException("expected parquet, csv or libsvm, got '" + s + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
