package dev.geodesic.finitesum.prox;

/** h = 0: the prox is the identity. */
public record NoPenalty() implements Regularizer {
  @Override
  public double l1() {
    return 0.0;
  }

  @Override
  public double l2() {
    return 0.0;
  }

  @Override
  public double prox(double v, double eta) {
    return v;
  }

  @Override
  public double value(double[] w, int n) {
    return 0.0;
  }
}
