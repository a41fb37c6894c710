package dev.geodesic.finitesum.distributed;

import java.io.Serializable;

/**
 * Σ_s n_s·x_s and Σ_s n_s over the shards' local iterates, plus the component evaluations they made:
 * mergeable, so the combination is one reduction. The average weights each shard by its row count,
 * so unequal shards pull in proportion to the data they hold.
 */
public final class IterateAverager implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] weightedSum;
  private long weight;
  private long evaluations;

  public IterateAverager(int parameters) {
    this.weightedSum = new double[parameters];
  }

  /** Adds a local iterate of a shard of {@code rows} rows that made {@code componentEvaluations}. */
  public IterateAverager add(double[] x, long rows, long componentEvaluations) {
    for (int j = 0; j < x.length; j++) {
      weightedSum[j] += rows * x[j];
    }
    weight += rows;
    evaluations += componentEvaluations;
    return this;
  }

  public IterateAverager merge(IterateAverager other) {
    for (int j = 0; j < weightedSum.length; j++) {
      weightedSum[j] += other.weightedSum[j];
    }
    weight += other.weight;
    evaluations += other.evaluations;
    return this;
  }

  /** Σ n_s x_s / Σ n_s. */
  public double[] average() {
    double[] x = weightedSum.clone();
    for (int j = 0; j < x.length; j++) {
      x[j] /= weight;
    }
    return x;
  }

  public long evaluations() {
    return evaluations;
  }
}
