package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Points from a mixture of Gaussian clouds N(m_k, Σ_k) with weights w_k: each row first picks
 * cloud k with probability w_k / Σw (skipped when there is one cloud), then draws x = m_k + F_k·z
 * with F_k the Cholesky factor of Σ_k (or its principal square root when Σ_k is only positive
 * semi-definite). The label of a row is its cloud index k; with a single cloud the block is
 * unlabeled.
 *
 * <p>{@link #forCloud(int)} gives the generator of cloud k alone (every row labeled k, its own
 * streams), for data sets that need an exact count per cloud, e.g. one cloud per client.
 */
public final class GaussianCloudGenerator implements DataGenerator {
  private static final long serialVersionUID = 1L;
  static final String MIXTURE_PURPOSE = "data.gaussian-cloud";
  static final String SINGLE_CLOUD_PURPOSE = "data.gaussian-cloud.single";

  /** One cloud: mean m (length d), covariance Σ (d×d, symmetric PSD), mixture weight (> 0). */
  public record Cloud(double[] mean, DenseMatrix covariance, double weight) {
    public Cloud {
      if (mean == null || covariance == null) {
        throw new IllegalArgumentException("a cloud needs a mean and a covariance");
      }
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("cloud weight must be positive and finite, got " + weight);
      }
    }

    /** N(m, σ²I) with the given weight. */
    public static Cloud isotropic(double[] mean, double sigma, double weight) {
      if (!(sigma >= 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("sigma must be >= 0 and finite, got " + sigma);
      }
      DenseMatrix cov = DenseMatrix.identity(mean.length);
      double[] v = cov.values();
      for (int i = 0; i < v.length; i++) {
        v[i] *= sigma * sigma;
      }
      return new Cloud(mean, cov, weight);
    }
  }

  /** The clouds of the mixture (at least one, all of the same dimension). */
  public record Config(List<Cloud> clouds) {
    public Config {
      if (clouds == null || clouds.isEmpty()) {
        throw new IllegalArgumentException("at least one cloud is needed");
      }
      clouds = List.copyOf(clouds);
      int d = clouds.get(0).mean().length;
      for (int k = 0; k < clouds.size(); k++) {
        if (clouds.get(k).mean().length != d) {
          throw new IllegalArgumentException(
              "cloud " + k + " has dimension " + clouds.get(k).mean().length + ", cloud 0 has " + d);
        }
      }
    }
  }

  private final int dimension;
  private final GaussianSampler[] samplers;
  /** Cumulative weights, last = total. */
  private final double[] cumulativeWeights;
  /** The cloud this generator is restricted to, or -1 for the mixture. */
  private final int onlyCloud;

  public GaussianCloudGenerator(Config config) {
    int k = config.clouds().size();
    this.dimension = config.clouds().get(0).mean().length;
    this.samplers = new GaussianSampler[k];
    this.cumulativeWeights = new double[k];
    // The factors fix the sampled rows' bits: computed by the reproducible backend.
    Lapack lapack = Lapack.reproducible();
    double total = 0.0;
    for (int c = 0; c < k; c++) {
      Cloud cloud = config.clouds().get(c);
      try {
        samplers[c] = GaussianSampler.of(cloud.mean(), cloud.covariance(), lapack);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cloud " + c + ": " + e.getMessage(), e);
      }
      total += cloud.weight();
      cumulativeWeights[c] = total;
    }
    this.onlyCloud = -1;
  }

  /** One isotropic cloud N(m, σ²I). */
  public GaussianCloudGenerator(double[] mean, double sigma) {
    this(new Config(List.of(Cloud.isotropic(mean, sigma, 1.0))));
  }

  private GaussianCloudGenerator(GaussianCloudGenerator mixture, int cloud) {
    this.dimension = mixture.dimension;
    this.samplers = mixture.samplers;
    this.cumulativeWeights = mixture.cumulativeWeights;
    this.onlyCloud = cloud;
  }

  /** The generator of cloud k alone: rows labeled k, drawn from streams keyed by k. */
  public GaussianCloudGenerator forCloud(int k) {
    if (k < 0 || k >= samplers.length) {
      throw new IllegalArgumentException("cloud " + k + " outside 0.." + (samplers.length - 1));
    }
    return new GaussianCloudGenerator(this, k);
  }

  public int cloudCount() {
    return samplers.length;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Partition p's rows from {@code seeds.stream("data.gaussian-cloud", p)} (mixture) or
   * {@code seeds.stream("data.gaussian-cloud.single", k, p)} (cloud k alone).
   */
  @Override
  public LabeledBlock generate(SeedSequence seeds, int partition, int rows) {
    PartitionArguments.check(seeds, partition, rows, dimension);
    SplittableRandom r = onlyCloud < 0
        ? seeds.stream(MIXTURE_PURPOSE, partition)
        : seeds.stream(SINGLE_CLOUD_PURPOSE, onlyCloud, partition);
    int d = dimension;
    double[] x = new double[rows * d];
    boolean labeled = onlyCloud >= 0 || samplers.length > 1;
    double[] labels = labeled ? new double[rows] : null;
    double[] z = new double[d];
    double total = cumulativeWeights[cumulativeWeights.length - 1];
    for (int j = 0; j < rows; j++) {
      int k = onlyCloud >= 0 ? onlyCloud : samplers.length == 1 ? 0 : pick(r.nextDouble() * total);
      samplers[k].sample(r, x, j * d, z);
      if (labeled) {
        labels[j] = k;
      }
    }
    return new LabeledBlock(DenseMatrix.wrap(d, rows, x), labels);
  }

  private int pick(double u) {
    int last = cumulativeWeights.length - 1;
    for (int k = 0; k < last; k++) {
      if (u < cumulativeWeights[k]) {
        return k;
      }
    }
    return last;
  }
}
