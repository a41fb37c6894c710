package dev.geodesic.monotone;

/**
 * Evaluations of single components F_i of a finite sum, the work of a stochastic step: a whole
 * {@link FiniteSumOperator}, or the few components it {@linkplain FiniteSumOperator#fetch fetched}
 * to where the method runs.
 */
public interface Components {
  /** out ← out + scale·F_i(u). */
  void addComponent(int i, double[] u, double scale, double[] out);

  /**
   * out ← out + scale·Σ_{s<count} [F_{i_s}(u) − F_{i_s}(v)] for the first {@code count} indices: the
   * mini-batch correction of the variance-reduced methods (2·count component evaluations). A
   * distributed operator evaluates it in one pass where the components live.
   */
  default void addDifferences(int[] indices, int count, double[] u, double[] v, double scale, double[] out) {
    for (int s = 0; s < count; s++) {
      addComponent(indices[s], u, scale, out);
      addComponent(indices[s], v, -scale, out);
    }
  }
}
