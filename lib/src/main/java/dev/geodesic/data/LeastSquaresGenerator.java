package dev.geodesic.data;

import static dev.geodesic.data.LinearModelGenerator.checkModel;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Linear-regression data: x ~ N(0, Σ_x) (Σ_x = I unless given), y = w*ᵀx + b + s·ε with
 * ε ~ N(0, 1) and noise level s. The true weights w* are drawn once, at construction, as a
 * uniformly random direction scaled to {@code weightNorm} (or given), and are exposed for checking
 * a fit.
 */
public final class LeastSquaresGenerator extends LinearModelGenerator {
  private static final long serialVersionUID = 1L;
  static final String TRUTH_PURPOSE = "data.least-squares.truth";
  static final String ROWS_PURPOSE = "data.least-squares.rows";

  /**
   * d, ‖w*‖ (≥ 0), intercept b, noise standard deviation s (≥ 0), and the feature covariance Σ_x
   * (d×d symmetric PSD, or {@code null} for I).
   */
  public record Config(int dimension, double weightNorm, double intercept, double noise,
      DenseMatrix featureCovariance) {
    public Config {
      checkModel(dimension, weightNorm, intercept);
      if (!(noise >= 0) || !Double.isFinite(noise)) {
        throw new IllegalArgumentException("noise must be >= 0 and finite, got " + noise);
      }
    }

    /** Independent standard-normal features. */
    public Config(int dimension, double weightNorm, double intercept, double noise) {
      this(dimension, weightNorm, intercept, noise, null);
    }
  }

  private final double noise;

  /** w* drawn from {@code seeds.stream("data.least-squares.truth")}. */
  public LeastSquaresGenerator(Config config, SeedSequence seeds) {
    this(config, randomWeights(seeds, TRUTH_PURPOSE, config.dimension(), config.weightNorm()));
  }

  /** A given w* (its length must be d; {@code weightNorm} is then ignored). */
  public LeastSquaresGenerator(Config config, double[] trueWeights) {
    super(config.dimension(), trueWeights, config.intercept(), config.featureCovariance(), ROWS_PURPOSE);
    this.noise = config.noise();
  }

  /** s. */
  public double noise() {
    return noise;
  }

  /**
   * Partition p's rows from {@code seeds.stream("data.least-squares.rows", p)}: per row, d normals
   * for x, then one normal ε; y = w*ᵀx + b + s·ε.
   */
  @Override
  double label(double score, SplittableRandom r) {
    return score + noise * SeedSequence.nextGaussian(r);
  }
}
