package dev.geodesic.finitesum;

import dev.geodesic.finitesum.prox.Regularizer;
import java.io.Serializable;

/**
 * What a driver needs of a linear finite-sum problem without its rows: the layout of x
 * ([W (d×K column-major); b (K, with an intercept)]), the penalty on W, and the center the rows are
 * taken from (null when not centered). The gradient mapping and the prox step live here so a method
 * whose data sit on shards computes them the same way.
 */
public record LinearModelShape(int features, int outputs, boolean intercept, Regularizer penalty, double[] center)
    implements Serializable {
  /** The same model under another penalty. */
  public LinearModelShape withPenalty(Regularizer h) {
    return new LinearModelShape(features, outputs, intercept, h, center);
  }

  /** d·K: the penalized coordinates, first in x. */
  public int weightCount() {
    return features * outputs;
  }

  /** Length of x. */
  public int parameters() {
    return features * outputs + (intercept ? outputs : 0);
  }

  /** h(W). */
  public double penaltyValue(double[] x) {
    return penalty.value(x, weightCount());
  }

  /** out = prox_{ηh}(x − η·g); the intercept takes the plain gradient step. */
  public void proxGradientStep(double[] x, double[] g, double eta, double[] out) {
    for (int j = 0; j < x.length; j++) {
      out[j] = x[j] - eta * g[j];
    }
    penalty.prox(out, weightCount(), eta);
  }

  /** ‖(x − prox_{ηh}(x − η∇F(x)))/η‖: zero exactly at the minimizers of F + h. */
  public double gradientMappingNorm(double[] x, double[] grad, double eta) {
    double[] p = new double[x.length];
    proxGradientStep(x, grad, eta, p);
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      double v = (x[j] - p[j]) / eta;
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** b_k − W[:, k]ᵀm: the constant every margin of output k gets (b_k when not centered). */
  public double[] marginShift(double[] x) {
    int d = features;
    double[] s = new double[outputs];
    for (int c = 0; c < outputs; c++) {
      double v = intercept ? x[d * outputs + c] : 0.0;
      if (center != null) {
        for (int j = 0; j < d; j++) {
          v -= center[j] * x[c * d + j];
        }
      }
      s[c] = v;
    }
    return s;
  }

  /** W copied out of x. */
  public double[] weights(double[] x) {
    return java.util.Arrays.copyOf(x, weightCount());
  }

  /** b in the original (uncentered) coordinates; zeros without an intercept. */
  public double[] intercepts(double[] x) {
    return intercept ? marginShift(x) : new double[outputs];
  }
}
