package dev.geodesic.finitesum.data;

import java.util.Locale;

/** How a {@link FeatureBlock} stores its rows. */
public enum Layout {
  /** Column-major d×n doubles: inner loops are BLAS level-1/2/3 calls. */
  DENSE,
  /** Compressed sparse rows: work per row is proportional to its nonzeros (lazy weight updates). */
  SPARSE;

  /**
   * Density at or above which dense rows are faster. A sparse row costs an index load and an indirect
   * access per nonzero, plus the lazy catch-up of each touched coordinate; a dense row is a contiguous
   * BLAS call over all d entries. {@code bench/finite-sum.sh} measures SAGA epochs on both layouts of
   * the same data across densities: see the bench's "layout" table (the sparse layout wins below this).
   */
  public static final double DENSE_ABOVE_DENSITY = 0.15;

  /** The faster layout for {@code nonZeros} entries in {@code rows} × {@code dimension}. */
  public static Layout recommended(long nonZeros, long rows, long dimension) {
    double cells = (double) rows * dimension;
    return cells == 0 || nonZeros >= DENSE_ABOVE_DENSITY * cells ? DENSE : SPARSE;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Layout fromLabel(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
