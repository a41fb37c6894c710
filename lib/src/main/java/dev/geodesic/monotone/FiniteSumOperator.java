package dev.geodesic.monotone;

/**
 * A single-valued monotone operator on ℝ^d given as a finite sum F = (1/n)·Σ_i F_i (Cai, Alacaoglu &amp;
 * Diakonikolas 2024, eq. (1)): the full evaluation costs n component evaluations (one epoch), one
 * component F_i costs one. Implementations keep their data in flat arrays, so both evaluations are
 * BLAS calls or tight loops with no allocation.
 */
public interface FiniteSumOperator {
  /** The dimension d of u. */
  int dimension();

  /** The number n of components. */
  int components();

  /** out ← F(u) (n component evaluations' worth of work; out and u distinct). */
  void apply(double[] u, double[] out);

  /** out ← out + scale·F_i(u), for one component i in [0, n). */
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

  /** A Lipschitz constant L of F on the feasible set, ‖F(u) − F(v)‖ ≤ L‖u − v‖ (NaN if unknown). */
  double lipschitz();

  /**
   * A mean-square Lipschitz constant L_Q of the components under uniform sampling,
   * (1/n)·Σ_i ‖F_i(u) − F_i(v)‖² ≤ L_Q²‖u − v‖² (NaN if unknown): the constant of the VR methods.
   */
  double meanSquareLipschitz();

  /** A cocoercivity constant: ⟨F(u) − F(v), u − v⟩ ≥ (1/L)‖F(u) − F(v)‖² holds with this L; NaN when F is not cocoercive. */
  default double cocoercivity() {
    return Double.NaN;
  }
}
