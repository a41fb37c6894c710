package dev.geodesic.finitesum.prox;

/**
 * Elastic net h(w) = λ₁‖w‖₁ + (λ₂/2)‖w‖² (Zou &amp; Hastie 2005): prox_{ηh}(v) = S(v, ηλ₁)/(1 + ηλ₂).
 *
 * <p>Spark MLlib's parametrisation (regParam r, elasticNetParam α ∈ [0, 1]) penalizes
 * r·(α‖w‖₁ + (1 − α)/2·‖w‖²), i.e. λ₁ = α·r and λ₂ = (1 − α)·r: see {@link #fromMllib}.
 */
public record ElasticNetPenalty(double l1, double l2) implements Regularizer {
  public ElasticNetPenalty {
    Regularizer.requireWeight("L1 weight", l1);
    Regularizer.requireWeight("L2 weight", l2);
  }

  /** λ₁ = α·regParam, λ₂ = (1 − α)·regParam, as MLlib's LogisticRegression/LinearRegression read them. */
  public static ElasticNetPenalty fromMllib(double regParam, double elasticNetParam) {
    if (!(elasticNetParam >= 0 && elasticNetParam <= 1)) {
      throw new IllegalArgumentException("elasticNetParam must be in [0, 1], got " + elasticNetParam);
    }
    Regularizer.requireWeight("regParam", regParam);
    return new ElasticNetPenalty(elasticNetParam * regParam, (1 - elasticNetParam) * regParam);
  }

  @Override
  public double prox(double v, double eta) {
    return Regularizer.softThreshold(v, eta * l1) / (1.0 + eta * l2);
  }
}
