package dev.geodesic.monotone;

import java.io.Serializable;

/**
 * The components [from, to) of a finite-sum operator F = (1/n)·Σ_i F_i with the data they need, so
 * that they can be evaluated where that data lives (an executor's partition); a
 * {@link BlockedOperator} is the sum of its blocks.
 */
public interface ComponentBlock extends Serializable {
  /** The first component held. */
  int from();

  /** One past the last component held. */
  int to();

  /** out ← out + scale·Σ_{i∈[from, to)} F_i(u). */
  void addAll(double[] u, double scale, double[] out);

  /** out ← out + scale·F_i(u), for i in [from, to). */
  void addComponent(int i, double[] u, double scale, double[] out);

  /**
   * A copy of component i alone, as the block [i, i+1) with only the data F_i needs (for a game A's
   * row and column i), for {@link FiniteSumOperator#fetch}: it evaluates F_i exactly as this block does.
   */
  ComponentBlock component(int i);

  /** out ← out + scale·Σ_{s<count, i_s∈[from, to)} [F_{i_s}(u) − F_{i_s}(v)]: the indices outside are skipped. */
  default void addDifferences(int[] indices, int count, double[] u, double[] v, double scale, double[] out) {
    for (int s = 0; s < count; s++) {
      int i = indices[s];
      if (i >= from() && i < to()) {
        addComponent(i, u, scale, out);
        addComponent(i, v, -scale, out);
      }
    }
  }
}
