package dev.geodesic.jobs.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * What one pass over a partition of canonical input learns: its row count, the range of feature
 * lengths, and the first offending row with the reason. The driver combines the partitions in order,
 * so a row is named by its position in the input.
 */
final class InputValidation implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  long rows;
  int firstDimension = -1;
  long badRow = -1;
  String badReason;

  private InputValidation(int partition) {
    this.partition = partition;
  }

  /** Scans one partition of {@code features[, label][, client][, weight]} rows (index -1: column absent). */
  static Iterator<InputValidation> scan(int partition, Iterator<Row> it, int labelIdx, int clientIdx, int weightIdx) {
    InputValidation v = new InputValidation(partition);
    while (it.hasNext()) {
      Row r = it.next();
      if (v.badRow < 0) {
        String reason = check(r, labelIdx, clientIdx, v);
        if (reason == null && weightIdx >= 0) {
          reason = checkWeight(r, weightIdx);
        }
        if (reason != null) {
          v.badRow = v.rows;
          v.badReason = reason;
        }
      }
      v.rows++;
    }
    List<InputValidation> out = new ArrayList<>(1);
    out.add(v);
    return out.iterator();
  }

  private static String check(Row r, int labelIdx, int clientIdx, InputValidation v) {
    if (r.isNullAt(0)) {
      return "'features' is null";
    }
    if (r.get(0) instanceof Vector vec) {
      String bad = checkVector(vec, v);
      if (bad != null) {
        return bad;
      }
      return checkLabelAndClient(r, labelIdx, clientIdx);
    }
    List<Object> f = r.getList(0);
    if (f.isEmpty()) {
      return "'features' is empty";
    }
    if (v.firstDimension < 0) {
      v.firstDimension = f.size();
    } else if (f.size() != v.firstDimension) {
      return "'features' has " + f.size() + " values where earlier rows have " + v.firstDimension
          + " (ragged vectors)";
    }
    for (int k = 0; k < f.size(); k++) {
      Object x = f.get(k);
      if (x == null) {
        return "'features'[" + k + "] is null";
      }
      double d = (Double) x;
      if (!Double.isFinite(d)) {
        return "'features'[" + k + "] is " + d;
      }
    }
    return checkLabelAndClient(r, labelIdx, clientIdx);
  }

  /** A features vector kept as a Spark ML vector: its size is the dimension, its stored values finite. */
  private static String checkVector(Vector vec, InputValidation v) {
    int size = vec.size();
    if (size == 0) {
      return "'features' is empty";
    }
    if (v.firstDimension < 0) {
      v.firstDimension = size;
    } else if (size != v.firstDimension) {
      return "'features' has " + size + " values where earlier rows have " + v.firstDimension + " (ragged vectors)";
    }
    int[] idx = vec instanceof SparseVector s ? s.indices() : null;
    double[] values = vec instanceof SparseVector s ? s.values() : vec.toArray();
    for (int q = 0; q < values.length; q++) {
      if (!Double.isFinite(values[q])) {
        return "'features'[" + (idx == null ? q : idx[q]) + "] is " + values[q];
      }
    }
    return null;
  }

  private static String checkLabelAndClient(Row r, int labelIdx, int clientIdx) {
    if (labelIdx >= 0) {
      if (r.isNullAt(labelIdx)) {
        return "'label' is null";
      }
      double y = r.getDouble(labelIdx);
      if (!Double.isFinite(y)) {
        return "'label' is " + y;
      }
    }
    if (clientIdx >= 0 && r.isNullAt(clientIdx)) {
      return "the client column is null";
    }
    return null;
  }

  /** A weight is a mass: present, finite and non-negative (an all-zero set is caught per set, later). */
  private static String checkWeight(Row r, int weightIdx) {
    if (r.isNullAt(weightIdx)) {
      return "'weight' is null";
    }
    double w = r.getDouble(weightIdx);
    if (!Double.isFinite(w)) {
      return "'weight' is " + w + " (weights must be finite and >= 0)";
    }
    if (w < 0) {
      return "'weight' is negative: " + w + " (weights must be finite and >= 0)";
    }
    return null;
  }
}
