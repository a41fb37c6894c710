package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumProblem;
import java.io.Serializable;

/**
 * Σ_i ℓ_i(x), Σ_i ∇f_i(x) and the row count over some rows: {@link #add} takes a shard's rows, {@link
 * #merge} combines two partial sums, so the full gradient is one tree reduction (the pattern of
 * MLlib's {@code DifferentiableLossAggregator} under {@code treeAggregate}).
 */
public final class GradientAggregator implements Serializable {
  private static final long serialVersionUID = 1L;

  private double lossSum;
  private final double[] gradientSum;
  private long count;

  public GradientAggregator(int parameters) {
    this.gradientSum = new double[parameters];
  }

  /** Adds the rows of {@code shard} at x. */
  public GradientAggregator add(FiniteSumProblem shard, double[] x) {
    lossSum += shard.lossSum(x, gradientSum, null);
    count += shard.rows();
    return this;
  }

  /** Adds another partial sum into this one. */
  public GradientAggregator merge(GradientAggregator other) {
    if (other.gradientSum.length != gradientSum.length) {
      throw new IllegalArgumentException("gradients of " + other.gradientSum.length + " and " + gradientSum.length
          + " parameters");
    }
    lossSum += other.lossSum;
    for (int j = 0; j < gradientSum.length; j++) {
      gradientSum[j] += other.gradientSum[j];
    }
    count += other.count;
    return this;
  }

  public long count() {
    return count;
  }

  /** F(x) = Σℓ/N. */
  public double loss() {
    return lossSum / count;
  }

  /** ∇F(x) = Σ∇f_i/N (a new array). */
  public double[] gradient() {
    double[] g = gradientSum.clone();
    for (int j = 0; j < g.length; j++) {
      g[j] /= count;
    }
    return g;
  }
}
