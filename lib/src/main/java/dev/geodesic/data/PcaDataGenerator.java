package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Unlabeled PCA data x ~ N(0, Σ) with Σ = Q·diag(λ)·Qᵀ: λ a non-increasing spectrum with a gap
 * after the first r eigenvalues, Q a seeded random orthogonal matrix (the Q factor of the QR
 * decomposition of a d×d standard Gaussian matrix, signs fixed so R has a non-negative diagonal,
 * which makes Q Haar-distributed). Rows are x = Q·diag(√λ)·z, z ~ N(0, I).
 *
 * <p>The true top-r principal subspace is spanned by Q's first r columns ({@link #trueSubspace()}),
 * the reference for subspace-distance metrics.
 */
public final class PcaDataGenerator implements DataGenerator {
  private static final long serialVersionUID = 1L;
  static final String BASIS_PURPOSE = "data.pca.basis";
  static final String ROWS_PURPOSE = "data.pca.rows";

  /**
   * Eigenvalues λ_0 ≥ … ≥ λ_{d-1} ≥ 0 of Σ (d = their number) and the rank r of the subspace of
   * interest, 1 ≤ r ≤ d, with λ_{r-1} > λ_r when r < d so that the subspace is well defined.
   */
  public record Config(double[] spectrum, int rank) {
    public Config {
      GaussianSampler.requireFinite(spectrum, "spectrum");
      int d = spectrum.length;
      if (rank < 1 || rank > d) {
        throw new IllegalArgumentException("rank " + rank + " outside 1.." + d);
      }
      for (int i = 0; i < d; i++) {
        if (spectrum[i] < 0) {
          throw new IllegalArgumentException("eigenvalue " + i + " is negative: " + spectrum[i]);
        }
        if (i > 0 && spectrum[i] > spectrum[i - 1]) {
          throw new IllegalArgumentException("spectrum must be non-increasing: eigenvalue " + i + " = "
              + spectrum[i] + " > " + spectrum[i - 1]);
        }
      }
      if (rank < d && !(spectrum[rank - 1] > spectrum[rank])) {
        throw new IllegalArgumentException("no eigengap after rank " + rank + ": eigenvalues "
            + spectrum[rank - 1] + " and " + spectrum[rank]);
      }
      spectrum = spectrum.clone();
    }

    /**
     * The spectrum λ_i = 1 − i·step for i &lt; r, then λ_i = 1 − (r−1)·step − gap for every i ≥ r:
     * the top r eigenvalues 1, 1−step, …, then an eigengap {@code gap} down to a flat tail.
     */
    public static Config withEigengap(int dimension, int rank, double step, double gap) {
      if (rank < 1 || rank > dimension) {
        throw new IllegalArgumentException("rank " + rank + " outside 1.." + dimension);
      }
      if (!(step >= 0) || !(gap > 0) || !Double.isFinite(step) || !Double.isFinite(gap)) {
        throw new IllegalArgumentException("need step >= 0 and gap > 0, got step " + step + ", gap " + gap);
      }
      double lowestTop = 1.0 - (rank - 1) * step;
      if (!(lowestTop > 0)) {
        throw new IllegalArgumentException("step " + step + " makes eigenvalue " + (rank - 1) + " non-positive");
      }
      double tail = lowestTop - gap;
      if (rank < dimension && tail < 0) {
        throw new IllegalArgumentException("gap " + gap + " exceeds eigenvalue " + (rank - 1) + " = " + lowestTop);
      }
      double[] s = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        s[i] = i < rank ? 1.0 - i * step : tail;
      }
      return new Config(s, rank);
    }
  }

  private final int dimension;
  private final int rank;
  private final double[] spectrum;
  /** Q, d×d column-major. */
  private final double[] basis;
  private final GaussianSampler sampler;

  /** Draws Q from {@code seeds.stream("data.pca.basis")}. */
  public PcaDataGenerator(Config config, SeedSequence seeds) {
    this.dimension = config.spectrum().length;
    this.rank = config.rank();
    this.spectrum = config.spectrum().clone();
    int d = dimension;
    SplittableRandom r = seeds.stream(BASIS_PURPOSE);
    double[] g = new double[d * d];
    for (int k = 0; k < g.length; k++) {
      g[k] = SeedSequence.nextGaussian(r);
    }
    // Q is part of what the seed determines: the reproducible backend keeps it bitwise fixed.
    DenseMatrix q = Lapack.reproducible().qrFactorQ(DenseMatrix.wrap(d, d, g));
    this.basis = q.values();
    double[] f = basis.clone();
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(spectrum[j]);
      for (int i = 0; i < d; i++) {
        f[i + j * d] *= s;
      }
    }
    this.sampler = GaussianSampler.withFactor(new double[d], DenseMatrix.wrap(d, d, f));
  }

  @Override
  public int dimension() {
    return dimension;
  }

  public int rank() {
    return rank;
  }

  /** λ, copied. */
  public double[] spectrum() {
    return spectrum.clone();
  }

  /** λ_{r-1} − λ_r (the whole λ_{r-1} when r = d). */
  public double eigengap() {
    return rank < dimension ? spectrum[rank - 1] - spectrum[rank] : spectrum[rank - 1];
  }

  /** The orthogonal matrix Q (d×d), copied. */
  public DenseMatrix basis() {
    return DenseMatrix.wrap(dimension, dimension, basis.clone());
  }

  /** Q's first r columns (d×r, orthonormal): the true top-r principal subspace. */
  public DenseMatrix trueSubspace() {
    return basis().columns(0, rank);
  }

  /** Σ = Q·diag(λ)·Qᵀ. */
  public DenseMatrix covariance() {
    int d = dimension;
    double[] c = new double[d * d];
    for (int k = 0; k < d; k++) {
      double l = spectrum[k];
      for (int j = 0; j < d; j++) {
        double qjk = basis[j + k * d] * l;
        for (int i = 0; i < d; i++) {
          c[i + j * d] += basis[i + k * d] * qjk;
        }
      }
    }
    return DenseMatrix.wrap(d, d, c);
  }

  /** Partition p's rows from {@code seeds.stream("data.pca.rows", p)}; unlabeled. */
  @Override
  public LabeledBlock generate(SeedSequence seeds, int partition, int rows) {
    PartitionArguments.check(seeds, partition, rows, dimension);
    SplittableRandom r = seeds.stream(ROWS_PURPOSE, partition);
    int d = dimension;
    double[] x = new double[rows * d];
    double[] z = new double[d];
    for (int j = 0; j < rows; j++) {
      sampler.sample(r, x, j * d, z);
    }
    return LabeledBlock.unlabeled(DenseMatrix.wrap(d, rows, x));
  }
}
