package dev.geodesic.monotone;

/**
 * A single-valued monotone operator on ℝ^d given as a finite sum F = (1/n)·Σ_i F_i (Cai, Alacaoglu &amp;
 * Diakonikolas 2024, eq. (1)): the full evaluation costs n component evaluations (one epoch), one
 * component F_i costs one. Implementations keep their data in flat arrays, so both evaluations are
 * BLAS calls or tight loops with no allocation.
 */
public interface FiniteSumOperator extends Components {
  /** The dimension d of u. */
  int dimension();

  /** The number n of components. */
  int components();

  /** out ← F(u) (n component evaluations' worth of work; out and u distinct). */
  void apply(double[] u, double[] out);

  /** out ← out + scale·F_i(u), for one component i in [0, n). */
  @Override
  void addComponent(int i, double[] u, double scale, double[] out);

  /**
   * How many distinct components one {@link #fetch} may bring: {@link Integer#MAX_VALUE} when the
   * components are local already (fetching copies nothing), 0 when they must be evaluated where they
   * live, one remote call per stochastic step.
   */
  default int fetchLimit() {
    return Integer.MAX_VALUE;
  }

  /**
   * The components i_0 … i_{count−1} (repeats allowed, at most {@link #fetchLimit} distinct), where
   * the caller can evaluate them with no further remote call: the stochastic steps up to the next
   * full evaluation draw their indices in advance (from seed-determined streams that do not depend on
   * the iterates), fetch them in one call and then run exactly as with this operator. A local operator
   * returns itself.
   */
  default Components fetch(int[] indices, int count) {
    return this;
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
