package dev.geodesic.finitesum.loss;

/**
 * Multinomial logistic (softmax) loss over K classes: ℓ(z, y) = log Σ_k e^{z_k} − z_y, with
 * ∂ℓ/∂z_k = p_k − [k = y], p = softmax(z). Its Hessian diag(p) − ppᵀ has largest eigenvalue at most
 * 1/2 (reached for two classes at p = (½, ½)), so c_ℓ = 1/2 and f_i is ‖a_i‖²/2-smooth in the d×K
 * weights (the Hessian is (diag(p) − ppᵀ) ⊗ a_i a_iᵀ).
 */
public final class MultinomialLogisticLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  private final int classes;

  public MultinomialLogisticLoss(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("multinomial logistic regression needs >= 2 classes, got " + classes);
    }
    this.classes = classes;
  }

  @Override
  public int outputs() {
    return classes;
  }

  @Override
  public double value(double[] z, int off, double y) {
    double mx = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      mx = Math.max(mx, z[off + k]);
    }
    double s = 0.0;
    for (int k = 0; k < classes; k++) {
      s += Math.exp(z[off + k] - mx);
    }
    return mx + Math.log(s) - z[off + (int) y];
  }

  @Override
  public void derivative(double[] z, int off, double y, double[] g, int goff) {
    double mx = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      mx = Math.max(mx, z[off + k]);
    }
    double s = 0.0;
    for (int k = 0; k < classes; k++) {
      double e = Math.exp(z[off + k] - mx);
      g[goff + k] = e;
      s += e;
    }
    double inv = 1.0 / s;
    for (int k = 0; k < classes; k++) {
      g[goff + k] *= inv;
    }
    g[goff + (int) y] -= 1.0;
  }

  @Override
  public double curvature() {
    return 0.5;
  }

  /** Class indices 0 … K−1 (integers). */
  @Override
  public double[] prepareLabels(double[] raw) {
    double[] y = raw.clone();
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] >= 0 && y[i] < classes && y[i] == Math.rint(y[i]))) {
        throw new IllegalArgumentException("label of row " + i + " is " + y[i] + ": multinomial regression over "
            + classes + " classes takes class indices 0.." + (classes - 1));
      }
    }
    return y;
  }

  @Override
  public String name() {
    return "multinomial";
  }

  @Override
  public String toString() {
    return "multinomial(" + classes + ")";
  }
}
