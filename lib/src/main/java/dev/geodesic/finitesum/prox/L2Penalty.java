package dev.geodesic.finitesum.prox;

/** Ridge h(w) = (λ₂/2)‖w‖²: prox_{ηh}(v) = v/(1 + ηλ₂). */
public record L2Penalty(double lambda) implements Regularizer {
  public L2Penalty {
    Regularizer.requireWeight("L2 weight", lambda);
  }

  @Override
  public double l1() {
    return 0.0;
  }

  @Override
  public double l2() {
    return lambda;
  }

  @Override
  public double prox(double v, double eta) {
    return v / (1.0 + eta * lambda);
  }
}
