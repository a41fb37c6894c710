package dev.geodesic.jobs.finitesum;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One pass over the rows before the layout: nonzeros (for the dense/sparse choice), the column sums
 * (for the center), and what the labels look like (for the loss's checks, on the driver, so a bad
 * label is an input error rather than a failed task). Mergeable, for one {@code treeAggregate}.
 */
final class InputStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  long rows;
  long nonZeros;
  final double[] columnSums;
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
  }

  InputStatistics add(Row r) {
    List<Object> f = r.getList(0);
    for (int j = 0; j < columnSums.length; j++) {
      double v = (Double) f.get(j);
      if (v != 0.0) {
        nonZeros++;
        columnSums[j] += v;
      }
    }
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
    }
    minLabel = Math.min(minLabel, o.minLabel);
    maxLabel = Math.max(maxLabel, o.maxLabel);
    nonInteger |= o.nonInteger;
    zero |= o.zero;
    minusOne |= o.minusOne;
    return this;
  }
}
