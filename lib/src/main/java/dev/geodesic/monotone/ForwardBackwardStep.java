package dev.geodesic.monotone;

/**
 * The forward–backward step the extragradient and Halpern methods share, out ← J_{ηG}(x − η·f), and
 * the convex combination λ·a + (1 − λ)·x their anchoring and averaging use. Element by element in
 * index order, so every method does the same floating-point operations as when it wrote the loops.
 */
final class ForwardBackwardStep {
  private ForwardBackwardStep() {}

  /** out ← J_{ηG}(x − η·f); out may be x. */
  static void apply(Resolvent resolvent, double[] x, double eta, double[] f, double[] out) {
    for (int j = 0; j < x.length; j++) {
      out[j] = x[j] - eta * f[j];
    }
    resolvent.apply(out, eta, out);
  }

  /** out ← λ·a + (1 − λ)·x; out may be x. */
  static void convex(double lambda, double[] a, double[] x, double[] out) {
    for (int j = 0; j < x.length; j++) {
      out[j] = lambda * a[j] + (1 - lambda) * x[j];
    }
  }
}
