package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import java.util.List;

/**
 * A block of {@code n} points in R^d: {@code features} is {@code d × n} (point j is the contiguous
 * slice {@code [j*d, (j+1)*d)}), {@code labels} has one entry per point or is {@code null} when the
 * data are unlabeled. Neither array is copied.
 */
public record LabeledBlock(DenseMatrix features, double[] labels) {

  public LabeledBlock {
    if (features == null) {
      throw new IllegalArgumentException("features must not be null");
    }
    if (labels != null && labels.length != features.cols()) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + features.cols() + " points");
    }
  }

  /** An unlabeled block. */
  public static LabeledBlock unlabeled(DenseMatrix features) {
    return new LabeledBlock(features, null);
  }

  /** Dimension d of each point. */
  public int dimension() {
    return features.rows();
  }

  /** Number n of points. */
  public int size() {
    return features.cols();
  }

  public boolean hasLabels() {
    return labels != null;
  }

  /** Points {@code [from, to)} with their labels, copied. */
  public LabeledBlock slice(int from, int to) {
    DenseMatrix f = features.columns(from, to);
    return new LabeledBlock(f, labels == null ? null : java.util.Arrays.copyOfRange(labels, from, to));
  }

  /** Throws naming the first point whose feature or label is NaN or infinite. */
  public LabeledBlock requireFinite() {
    double[] v = features.values();
    int d = dimension();
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k])) {
        throw new IllegalArgumentException(
            "point " + (k / d) + ", feature " + (k % d) + " is not finite: " + v[k]);
      }
    }
    if (labels != null) {
      for (int j = 0; j < labels.length; j++) {
        if (!Double.isFinite(labels[j])) {
          throw new IllegalArgumentException("label of point " + j + " is not finite: " + labels[j]);
        }
      }
    }
    return this;
  }

  /** Throws unless the points are in R^d. */
  public LabeledBlock requireDimension(int d) {
    if (dimension() != d) {
      throw new IllegalArgumentException("points have dimension " + dimension() + ", expected " + d);
    }
    return this;
  }

  /**
   * The blocks one after another (columns concatenated). All must have the same dimension, and
   * either all or none must carry labels.
   */
  public static LabeledBlock concat(List<LabeledBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    int d = blocks.get(0).dimension();
    boolean labeled = blocks.get(0).hasLabels();
    long n = 0;
    for (int b = 0; b < blocks.size(); b++) {
      LabeledBlock blk = blocks.get(b);
      if (blk.dimension() != d) {
        throw new IllegalArgumentException(
            "block " + b + " has dimension " + blk.dimension() + ", block 0 has " + d);
      }
      if (blk.hasLabels() != labeled) {
        throw new IllegalArgumentException("block " + b + (labeled ? " has no labels" : " has labels")
            + " unlike block 0");
      }
      n += blk.size();
    }
    int total = Math.toIntExact(n);
    double[] x = new double[Math.multiplyExact(d, total)];
    double[] y = labeled ? new double[total] : null;
    int at = 0;
    for (LabeledBlock blk : blocks) {
      System.arraycopy(blk.features.values(), 0, x, at * d, blk.size() * d);
      if (labeled) {
        System.arraycopy(blk.labels, 0, y, at, blk.size());
      }
      at += blk.size();
    }
    return new LabeledBlock(DenseMatrix.wrap(d, total, x), y);
  }
}
