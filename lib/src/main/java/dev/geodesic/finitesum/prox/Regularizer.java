package dev.geodesic.finitesum.prox;

import java.io.Serializable;

/**
 * A separable convex penalty h(w) on a model's weights (never on its intercept), with its proximal
 * operator prox_{ηh}(v) = argmin_x ½‖x − v‖² + η·h(x). Every penalty here is a case of the elastic net
 * h(w) = λ₁‖w‖₁ + (λ₂/2)‖w‖², whose prox is soft-thresholding then shrinking:
 * prox_{ηh}(v)_j = S(v_j, ηλ₁)/(1 + ηλ₂), S(v, t) = sign(v)·max(|v| − t, 0). The solvers' lazy
 * ("just-in-time") updates of sparse rows rely on that form through {@link #l1()} and {@link #l2()}.
 */
public interface Regularizer extends Serializable {
  /** λ₁, the weight of ‖w‖₁. */
  double l1();

  /** λ₂, the weight of ½‖w‖². */
  double l2();

  /** The coordinate prox: argmin_x ½(x − v)² + η·h(x) for one coordinate. */
  double prox(double v, double eta);

  /** h over the first {@code n} entries of {@code w}. */
  default double value(double[] w, int n) {
    double s1 = 0.0;
    double s2 = 0.0;
    for (int j = 0; j < n; j++) {
      s1 += Math.abs(w[j]);
      s2 += w[j] * w[j];
    }
    return l1() * s1 + 0.5 * l2() * s2;
  }

  /** Applies the prox in place to the first {@code n} entries of {@code v}. */
  default void prox(double[] v, int n, double eta) {
    for (int j = 0; j < n; j++) {
      v[j] = prox(v[j], eta);
    }
  }

  /** Whether h is zero. */
  default boolean isZero() {
    return l1() == 0.0 && l2() == 0.0;
  }

  /** S(v, t) = sign(v)·max(|v| − t, 0), the prox of t·|x|. */
  static double softThreshold(double v, double t) {
    return v > t ? v - t : (v < -t ? v + t : 0.0);
  }

  /** The penalty for λ₁, λ₂ ≥ 0: none, L2, L1 or the elastic net. */
  static Regularizer of(double l1, double l2) {
    if (l1 == 0.0 && l2 == 0.0) {
      return new NoPenalty();
    }
    if (l1 == 0.0) {
      return new L2Penalty(l2);
    }
    if (l2 == 0.0) {
      return new L1Penalty(l1);
    }
    return new ElasticNetPenalty(l1, l2);
  }

  static void requireWeight(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
  }
}
