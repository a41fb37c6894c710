package dev.geodesic.decentralized;

import java.io.Serializable;

/**
 * The step sizes α_k, k = 0, 1, …: constant α, or diminishing α_k = α̂/√(k+1) (α_{k+1}/α_k → 1 and
 * α_k → 0, the conditions of Chen et al. 2024, Theorem 4.4).
 *
 * @param base α (constant) or α̂ (diminishing)
 * @param diminishing whether α_k = α̂/√(k+1)
 */
public record StepSchedule(double base, boolean diminishing) implements Serializable {
  public StepSchedule {
    if (!(base > 0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("step must be finite and > 0, got " + base);
    }
  }

  public static StepSchedule constant(double alpha) {
    return new StepSchedule(alpha, false);
  }

  public static StepSchedule diminishing(double alphaHat) {
    return new StepSchedule(alphaHat, true);
  }

  /** α_k for the iteration k (from 0). */
  public double at(int k) {
    return diminishing ? base / Math.sqrt(k + 1.0) : base;
  }

  public String label() {
    return diminishing ? "diminishing" : "constant";
  }
}
