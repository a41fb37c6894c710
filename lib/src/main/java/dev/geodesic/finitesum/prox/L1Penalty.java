package dev.geodesic.finitesum.prox;

/** Lasso h(w) = λ₁‖w‖₁: prox_{ηh}(v) = S(v, ηλ₁), soft-thresholding. */
public record L1Penalty(double lambda) implements Regularizer {
  public L1Penalty {
    Regularizer.requireWeight("L1 weight", lambda);
  }

  @Override
  public double l1() {
    return lambda;
  }

  @Override
  public double l2() {
    return 0.0;
  }

  @Override
  public double prox(double v, double eta) {
    return Regularizer.softThreshold(v, eta * lambda);
  }
}
