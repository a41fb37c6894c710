package dev.geodesic.jobs.io;

import java.util.Locale;

/** The input formats of {@code --format}, spelled in lower case ({@code parquet}); IDX is read by {@code import} only. */
public enum InputFormat {
  PARQUET, CSV, LIBSVM, IDX;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
