package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Logistic-regression data: x ~ N(0, Σ_x) (Σ_x = I unless given), label y ∈ {0, 1} with
 * P(y = 1 | x) = σ(w*ᵀx + b), σ(t) = 1/(1 + e^{−t}). The true weights w* are drawn once, at
 * construction, as a uniformly random direction scaled to {@code weightNorm} (or given), and are
 * exposed for checking a fit.
 */
public final class LogisticRegressionGenerator implements DataGenerator {
  private static final long serialVersionUID = 1L;
  static final String TRUTH_PURPOSE = "data.logistic.truth";
  static final String ROWS_PURPOSE = "data.logistic.rows";

  /**
   * d, ‖w*‖ (≥ 0; larger means more separable classes), intercept b, and the feature covariance
   * Σ_x (d×d symmetric PSD, or {@code null} for I).
   */
  public record Config(int dimension, double weightNorm, double intercept, DenseMatrix featureCovariance) {
    public Config {
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      if (!(weightNorm >= 0) || !Double.isFinite(weightNorm) || !Double.isFinite(intercept)) {
        throw new IllegalArgumentException("need weightNorm >= 0 and a finite intercept, got "
            + weightNorm + ", " + intercept);
      }
    }

    /** Independent standard-normal features. */
    public Config(int dimension, double weightNorm, double intercept) {
      this(dimension, weightNorm, intercept, null);
    }
  }

  private final double[] weights;
  private final double intercept;
  private final GaussianSampler features;

  /** w* drawn from {@code seeds.stream("data.logistic.truth")}. */
  public LogisticRegressionGenerator(Config config, SeedSequence seeds) {
    this(config, GaussianSampler.randomDirection(seeds.stream(TRUTH_PURPOSE), config.dimension(),
        config.weightNorm()));
  }

  /** A given w* (its length must be d; {@code weightNorm} is then ignored). */
  public LogisticRegressionGenerator(Config config, double[] trueWeights) {
    GaussianSampler.requireFinite(trueWeights, "true weights");
    if (trueWeights.length != config.dimension()) {
      throw new IllegalArgumentException(
          "true weights have length " + trueWeights.length + ", dimension is " + config.dimension());
    }
    this.weights = trueWeights.clone();
    this.intercept = config.intercept();
    this.features = featureSampler(config.dimension(), config.featureCovariance());
  }

  static GaussianSampler featureSampler(int d, DenseMatrix covariance) {
    return covariance == null
        ? GaussianSampler.standard(d)
        : GaussianSampler.of(new double[d], covariance, Lapack.get());
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

  /** σ(t) = 1/(1 + e^{−t}), evaluated without overflow for large |t|. */
  public static double sigmoid(double t) {
    if (t >= 0) {
      return 1.0 / (1.0 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1.0 + e);
  }

  /**
   * Partition p's rows from {@code seeds.stream("data.logistic.rows", p)}: per row, d normals for
   * x, then one uniform u, label = 1 when u &lt; σ(w*ᵀx + b).
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
      y[j] = r.nextDouble() < sigmoid(t) ? 1.0 : 0.0;
    }
    return new LabeledBlock(DenseMatrix.wrap(d, rows, x), y);
  }
}
