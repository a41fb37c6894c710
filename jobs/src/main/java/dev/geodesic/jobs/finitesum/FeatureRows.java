package dev.geodesic.jobs.finitesum;

import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Row;

/**
 * The nonzeros of a row's features, whichever way they are stored: an {@code array<double>} column
 * (the command's validated inputs) or a Spark ML vector (the estimators' {@code featuresCol};
 * a {@link SparseVector} is walked over its stored entries only, so a sparse row is never densified).
 * An optional per-column scale multiplies each value (the estimators' standardization, 1/σ_j).
 */
final class FeatureRows {
  private FeatureRows() {}

  /** Receives one nonzero (column j, value v) of a row. */
  interface NonZero {
    void accept(int j, double v);
  }

  /** Calls {@code out} for every nonzero of column 0 of {@code r} (times {@code scale[j]} when not null). */
  static void nonZeros(Row r, int d, double[] scale, NonZero out) {
    Object f = r.get(0);
    if (f instanceof SparseVector s) {
      int[] idx = s.indices();
      double[] val = s.values();
      checkSize(s.size(), d);
      for (int q = 0; q < idx.length; q++) {
        emit(idx[q], val[q], scale, out);
      }
    } else if (f instanceof DenseVector v) {
      double[] val = v.values();
      checkSize(val.length, d);
      for (int j = 0; j < d; j++) {
        emit(j, val[j], scale, out);
      }
    } else {
      List<Object> a = r.getList(0);
      checkSize(a.size(), d);
      for (int j = 0; j < d; j++) {
        emit(j, (Double) a.get(j), scale, out);
      }
    }
  }

  private static void emit(int j, double v, double[] scale, NonZero out) {
    if (v != 0.0) {
      double s = scale == null ? v : v * scale[j];
      if (s != 0.0) {
        out.accept(j, s);
      }
    }
  }

  private static void checkSize(int size, int d) {
    if (size != d) {
      throw new IllegalArgumentException("a row has " + size + " features, expected " + d);
    }
  }
}
