package dev.geodesic.monotone;

/**
 * The resolvent J_{ηG} = (I + ηG)⁻¹ of a maximal monotone G: the backward step of every method here.
 * For G the normal cone of a closed convex set C it is the projection onto C whatever η.
 */
public interface Resolvent {
  /** The dimension it acts on. */
  int dimension();

  /**
   * out ← J_{ηG}(v) on the {@link #dimension()} entries starting at {@code offset} of v and out
   * (v and out may be the same array).
   */
  void apply(double[] v, int offset, double eta, double[] out);

  /** out ← J_{ηG}(v) on whole arrays. */
  default void apply(double[] v, double eta, double[] out) {
    apply(v, 0, eta, out);
  }

  /** Whether v (from offset) is a fixed point up to tol, i.e. lies in C for a projection. */
  default boolean contains(double[] v, int offset, double tol) {
    double[] p = new double[offset + dimension()];
    apply(v, offset, 1.0, p);
    double s = 0;
    for (int k = 0; k < dimension(); k++) {
      double d = p[offset + k] - v[offset + k];
      s += d * d;
    }
    return Math.sqrt(s) <= tol;
  }
}
