package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Linear-regression data: x ~ N(0, Σ_x) (Σ_x = I unless given), y = w*ᵀx + b + s·ε with
 * ε ~ N(0, 1) and noise level s. The true weights w* are drawn once, at construction, as a
 * uniformly random direction scaled to {@code weightNorm} (or given), and are exposed for checking
 * a fit.
 */
public final class LeastSquaresGenerator implements DataGenerator {
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
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      if (!(weightNorm >= 0) || !Double.isFinite(weightNorm) || !Double.isFinite(intercept)) {
        throw new IllegalArgumentException("need weightNorm >= 0 and a finite intercept, got "
            + weightNorm + ", " + intercept);
      }
      if (!(noise >= 0) || !Double.isFinite(noise)) {
        throw new IllegalArgumentException("noise must be >= 0 and finite, got " + noise);
      }
    }

    /** Independent standard-normal features. */
    public Config(int dimension, double weightNorm, double intercept, double noise) {
      this(dimension, weightNorm, intercept, noise, null);
    }
  }

  private final double[] weights;
  private final double intercept;
  private final double noise;
  private final GaussianSampler features;

  /** w* drawn from {@code seeds.stream("data.least-squares.truth")}. */
  public LeastSquaresGenerator(Config config, SeedSequence seeds) {
    this(config, GaussianSampler.randomDirection(seeds.stream(TRUTH_PURPOSE), config.dimension(),
        config.weightNorm()));
  }

  /** A given w* (its length must be d; {@code weightNorm} is then ignored). */
  public LeastSquaresGenerator(Config config, double[] trueWeights) {
    GaussianSampler.requireFinite(trueWeights, "true weights");
    if (trueWeights.length != config.dimension()) {
      throw new IllegalArgumentException(
          "true weights have length " + trueWeights.length + ", dimension is " + config.dimension());
    }
    this.weights = trueWeights.clone();
    this.intercept = config.intercept();
    this.noise = config.noise();
    this.features = LogisticRegressionGenerator.featureSampler(config.dimension(), config.featureCovariance());
  }

  @Override
  public int dimension() {
    return weights.length;
  }

  /** w*, copied. */
  public double[] trueWeights() {
    return weights.clone();
  }

  /** b. */
  public double intercept() {
    return intercept;
  }

  /** s. */
  public double noise() {
    return noise;
  }

  /**
   * Partition p's rows from {@code seeds.stream("data.least-squares.rows", p)}: per row, d normals
   * for x, then one normal ε.
   */
  @Override
  public LabeledBlock generate(SeedSequence seeds, int partition, int rows) {
    int d = dimension();
    PartitionArguments.check(seeds, partition, rows, d);
    SplittableRandom r = seeds.stream(ROWS_PURPOSE, partition);
    double[] x = new double[rows * d];
    double[] y = new double[rows];
    double[] z = new double[d];
    for (int j = 0; j < rows; j++) {
      int off = j * d;
      features.sample(r, x, off, z);
      double t = intercept;
      for (int i = 0; i < d; i++) {
        t += weights[i] * x[off + i];
      }
      y[j] = t + noise * SeedSequence.nextGaussian(r);
    }
    return new LabeledBlock(DenseMatrix.wrap(d, rows, x), y);
  }
}
