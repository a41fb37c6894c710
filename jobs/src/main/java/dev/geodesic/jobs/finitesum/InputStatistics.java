package dev.geodesic.jobs.finitesum;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One pass over the rows before the layout: nonzeros (for the dense/sparse choice), the column sums
 * and sums of squares (for the center and the standard deviations), and what the labels look like
 * (for the loss's checks, on the driver, so a bad label is an input error rather than a failed task).
 * Mergeable, for one {@code treeAggregate}.
 */
final class InputStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  long rows;
  long nonZeros;
  final double[] columnSums;
  /** Σ_i a_ij², for the standard deviations of the estimators' standardization. */
  final double[] columnSquares;
  double minLabel = Double.POSITIVE_INFINITY;
  double maxLabel = Double.NEGATIVE_INFINITY;
  boolean nonInteger;
  boolean zero;
  boolean minusOne;
  /** A label outside {−1, 0, 1}, or NaN. */
  double notBinary = Double.NaN;
  /** A label that is not an integer, or NaN. */
  double notInteger = Double.NaN;

  InputStatistics(int d) {
    this.columnSums = new double[d];
    this.columnSquares = new double[d];
  }

  InputStatistics add(Row r) {
    FeatureRows.nonZeros(r, columnSums.length, null, (j, v) -> {
      nonZeros++;
      columnSums[j] += v;
      columnSquares[j] += v * v;
    });
    double y = r.getDouble(1);
    minLabel = Math.min(minLabel, y);
    maxLabel = Math.max(maxLabel, y);
    if (y != Math.rint(y)) {
      nonInteger = true;
      notInteger = y;
    }
    if (y == 0) {
      zero = true;
    } else if (y == -1) {
      minusOne = true;
    } else if (y != 1) {
      notBinary = y;
    }
    rows++;
    return this;
  }

  InputStatistics merge(InputStatistics o) {
    if (Double.isNaN(notBinary)) {
      notBinary = o.notBinary;
    }
    if (Double.isNaN(notInteger)) {
      notInteger = o.notInteger;
    }
    rows += o.rows;
    nonZeros += o.nonZeros;
    for (int j = 0; j < columnSums.length; j++) {
      columnSums[j] += o.columnSums[j];
      columnSquares[j] += o.columnSquares[j];
    }
    minLabel = Math.min(minLabel, o.minLabel);
    maxLabel = Math.max(maxLabel, o.maxLabel);
    nonInteger |= o.nonInteger;
    zero |= o.zero;
    minusOne |= o.minusOne;
    return this;
  }

  /** The sample standard deviation (denominator N − 1, as MLlib's summarizer) of column j. */
  double std(int j) {
    if (rows < 2) {
      return 0.0;
    }
    double mean = columnSums[j] / rows;
    double var = (columnSquares[j] - rows * mean * mean) / (rows - 1);
    return var > 0 ? Math.sqrt(var) : 0.0;
  }
}
