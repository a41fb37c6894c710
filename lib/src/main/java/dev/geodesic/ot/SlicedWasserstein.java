package dev.geodesic.ot;

import dev.geodesic.linalg.Blas;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * Sliced Wasserstein distance (Rabin, Peyré, Delon &amp; Bernot 2011; Bonneel et al. 2015):
 * SW_p(μ, ν) = (E_θ W_p^p(θ#μ, θ#ν))^(1/p), θ uniform on the unit sphere S^(d−1), estimated by Monte Carlo
 * over L seeded directions, each 1-D problem solved in closed form by {@link OneDimensionalWasserstein}.
 *
 * <p>This is the <em>sliced</em> quantity, not W_p: SW_p ≤ W_p always (projection is 1-Lipschitz), and for
 * a translation δ, SW_2² = ‖δ‖²/d. Direction l is drawn from {@code SeedSequence.of(seed).stream("sliced", l)}.
 */
public final class SlicedWasserstein {
  /** What {@link Result#value()} is. */
  public enum Quantity {
    /** (1/L Σ_l W_p^p(θ_l#μ, θ_l#ν))^(1/p), the Monte Carlo sliced Wasserstein distance. */
    SLICED_WASSERSTEIN
  }

  /**
   * @param projections L, the number of random directions
   * @param p the order of W_p on each slice
   * @param seed the seed of the directions
   */
  public record Config(int projections, double p, long seed) {
    public Config {
      if (projections < 1) {
        throw new IllegalArgumentException("projections must be >= 1");
      }
      PointCloudCost.checkExponent(p);
    }
  }

  /**
   * @param value SW_p estimate
   * @param valuePowP SW_p^p estimate, the mean of the slices' W_p^p
   * @param standardError Monte Carlo standard error of {@code valuePowP}
   * @param projections L
   * @param quantity always {@link Quantity#SLICED_WASSERSTEIN}
   */
  public record Result(double value, double valuePowP, double standardError, int projections, Quantity quantity) {}

  private final Config config;

  public SlicedWasserstein(Config config) {
    this.config = config;
  }

  public Result compute(DiscreteMeasure mu, DiscreteMeasure nu) {
    int d = mu.dimension();
    if (nu.dimension() != d) {
      throw new IllegalArgumentException("dimension mismatch: " + d + " vs " + nu.dimension());
    }
    Blas blas = Blas.get();
    SeedSequence seeds = SeedSequence.of(config.seed());
    double[] theta = new double[d];
    double[] px = new double[mu.size()];
    double[] py = new double[nu.size()];
    double sum = 0.0;
    double sumSq = 0.0;
    int l = config.projections();
    for (int k = 0; k < l; k++) {
      direction(seeds.stream("sliced", k), theta);
      blas.gemv(true, 1.0, mu.atoms(), theta, 0.0, px);
      blas.gemv(true, 1.0, nu.atoms(), theta, 0.0, py);
      double c = OneDimensionalWasserstein.cost(px, mu.weights(), py, nu.weights(), config.p());
      sum += c;
      sumSq += c * c;
    }
    double mean = sum / l;
    double var = l > 1 ? Math.max(0.0, (sumSq - l * mean * mean) / (l - 1)) : 0.0;
    return new Result(Math.pow(mean, 1.0 / config.p()), mean, Math.sqrt(var / l), l, Quantity.SLICED_WASSERSTEIN);
  }

  /** A uniform direction on S^(d−1): a normalized standard Gaussian vector. */
  static void direction(SplittableRandom r, double[] theta) {
    double norm;
    do {
      double s = 0.0;
      for (int k = 0; k < theta.length; k++) {
        theta[k] = SeedSequence.nextGaussian(r);
        s += theta[k] * theta[k];
      }
      norm = Math.sqrt(s);
    } while (norm < 1e-300);
    for (int k = 0; k < theta.length; k++) {
      theta[k] /= norm;
    }
  }
}
