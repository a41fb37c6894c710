package dev.geodesic.data;

import static dev.geodesic.data.LinearModelGenerator.checkModel;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Logistic-regression data: x ~ N(0, Σ_x) (Σ_x = I unless given), label y ∈ {0, 1} with
 * P(y = 1 | x) = σ(w*ᵀx + b), σ(t) = 1/(1 + e^{−t}). The true weights w* are drawn once, at
 * construction, as a uniformly random direction scaled to {@code weightNorm} (or given), and are
 * exposed for checking a fit.
 */
public final class LogisticRegressionGenerator extends LinearModelGenerator {
  private static final long serialVersionUID = 1L;
  static final String TRUTH_PURPOSE = "data.logistic.truth";
  static final String ROWS_PURPOSE = "data.logistic.rows";

  /**
   * d, ‖w*‖ (≥ 0; larger means more separable classes), intercept b, and the feature covariance
   * Σ_x (d×d symmetric PSD, or {@code null} for I).
   */
  public record Config(int dimension, double weightNorm, double intercept, DenseMatrix featureCovariance) {
    public Config {
      checkModel(dimension, weightNorm, intercept);
    }

    /** Independent standard-normal features. */
    public Config(int dimension, double weightNorm, double intercept) {
      this(dimension, weightNorm, intercept, null);
    }
  }

  /** w* drawn from {@code seeds.stream("data.logistic.truth")}. */
  public LogisticRegressionGenerator(Config config, SeedSequence seeds) {
    this(config, randomWeights(seeds, TRUTH_PURPOSE, config.dimension(), config.weightNorm()));
  }

  /** A given w* (its length must be d; {@code weightNorm} is then ignored). */
  public LogisticRegressionGenerator(Config config, double[] trueWeights) {
    super(config.dimension(), trueWeights, config.intercept(), config.featureCovariance(), ROWS_PURPOSE);
  }

  /**
   * σ(t) = 1/(1 + e^{−t}), evaluated without overflow for large |t|; {@code StrictMath.exp} so the
   * labels, which compare a uniform draw with σ, are the same on every platform.
   */
  public static double sigmoid(double t) {
    if (t >= 0) {
      return 1.0 / (1.0 + StrictMath.exp(-t));
    }
    double e = StrictMath.exp(t);
    return e / (1.0 + e);
  }

  /**
   * Partition p's rows from {@code seeds.stream("data.logistic.rows", p)}: per row, d normals for
   * x, then one uniform u, label = 1 when u &lt; σ(w*ᵀx + b).
   */
  @Override
  double label(double score, SplittableRandom r) {
    return r.nextDouble() < sigmoid(score) ? 1.0 : 0.0;
  }
}
