package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Draws x = m + F·z with z ~ N(0, I), so x ~ N(m, F·Fᵀ). F is diagonal, lower triangular (a
 * Cholesky factor) or full (a PSD square root, or Q·diag(√λ)). The loops run in a fixed order so the
 * bits depend only on the stream and on F.
 */
final class GaussianSampler implements Serializable {
  private static final long serialVersionUID = 1L;

  private enum Shape { DIAGONAL, LOWER, FULL }

  private final int d;
  private final double[] mean;
  private final Shape shape;
  /** Diagonal of F (DIAGONAL) or F column-major (LOWER, FULL). */
  private final double[] factor;

  private GaussianSampler(double[] mean, Shape shape, double[] factor) {
    this.d = mean.length;
    this.mean = mean;
    this.shape = shape;
    this.factor = factor;
  }

  /** N(m, diag(s)²). */
  static GaussianSampler diagonal(double[] mean, double[] scales) {
    requireFinite(mean, "mean");
    requireFinite(scales, "scales");
    if (scales.length != mean.length) {
      throw new IllegalArgumentException("mean has " + mean.length + " entries, scales " + scales.length);
    }
    return new GaussianSampler(mean.clone(), Shape.DIAGONAL, scales.clone());
  }

  /** N(0, I_d). */
  static GaussianSampler standard(int d) {
    double[] ones = new double[d];
    java.util.Arrays.fill(ones, 1.0);
    return new GaussianSampler(new double[d], Shape.DIAGONAL, ones);
  }

  /** N(m, F·Fᵀ) for a given full square factor F. */
  static GaussianSampler withFactor(double[] mean, DenseMatrix f) {
    requireFinite(mean, "mean");
    requireSquare(f, mean.length, "factor");
    return new GaussianSampler(mean.clone(), Shape.FULL, f.values().clone());
  }

  /**
   * N(m, Σ): a diagonal Σ gives a diagonal factor; otherwise the Cholesky factor when Σ is positive
   * definite, else (Σ only positive semi-definite) its principal square root.
   *
   * @throws IllegalArgumentException when Σ is not symmetric or has a clearly negative eigenvalue
   */
  static GaussianSampler of(double[] mean, DenseMatrix cov, Lapack lapack) {
    requireFinite(mean, "mean");
    int d = mean.length;
    requireSquare(cov, d, "covariance");
    requireFinite(cov.values(), "covariance");
    double maxAbs = 0.0;
    boolean diagonal = true;
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < d; i++) {
        double a = cov.get(i, j);
        maxAbs = Math.max(maxAbs, Math.abs(a));
        if (i != j && a != 0.0) {
          diagonal = false;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      if (cov.get(j, j) < 0) {
        throw new IllegalArgumentException("covariance has a negative variance " + cov.get(j, j) + " at " + j);
      }
      for (int i = 0; i < j; i++) {
        if (Math.abs(cov.get(i, j) - cov.get(j, i)) > 1e-12 * maxAbs) {
          throw new IllegalArgumentException("covariance is not symmetric at (" + i + "," + j + "): "
              + cov.get(i, j) + " vs " + cov.get(j, i));
        }
      }
    }
    if (diagonal) {
      double[] s = new double[d];
      for (int i = 0; i < d; i++) {
        s[i] = Math.sqrt(cov.get(i, i));
      }
      return new GaussianSampler(mean.clone(), Shape.DIAGONAL, s);
    }
    try {
      return new GaussianSampler(mean.clone(), Shape.LOWER, lapack.cholesky(cov).lower().values());
    } catch (IllegalArgumentException notPositiveDefinite) {
      double[] eig = lapack.symmetricEigen(cov).values();
      if (eig[0] < -1e-10 * Math.max(eig[d - 1], Double.MIN_NORMAL)) {
        throw new IllegalArgumentException(
            "covariance is not positive semi-definite: smallest eigenvalue " + eig[0], notPositiveDefinite);
      }
      // Principal square root with eigenvalues at rounding level (|λ| ≲ d·ε·λ_max) set to 0: their
      // square roots (~1e-8) would otherwise leak noise into the null space of Σ.
      double noiseFloor = 16.0 * d * Math.ulp(1.0) * Math.max(eig[d - 1], 0.0);
      DenseMatrix root = lapack.symmetricFunction(cov, l -> l <= noiseFloor ? 0.0 : Math.sqrt(l));
      return new GaussianSampler(mean.clone(), Shape.FULL, root.values());
    }
  }

  int dimension() {
    return d;
  }

  /** Writes one draw into {@code out[offset, offset+d)}; {@code z} is scratch of length d. */
  void sample(SplittableRandom r, double[] out, int offset, double[] z) {
    for (int k = 0; k < d; k++) {
      z[k] = SeedSequence.nextGaussian(r);
    }
    if (shape == Shape.DIAGONAL) {
      for (int i = 0; i < d; i++) {
        out[offset + i] = mean[i] + factor[i] * z[i];
      }
      return;
    }
    for (int i = 0; i < d; i++) {
      out[offset + i] = 0.0;
    }
    boolean lower = shape == Shape.LOWER;
    for (int k = 0; k < d; k++) {
      double zk = z[k];
      int col = k * d;
      for (int i = lower ? k : 0; i < d; i++) {
        out[offset + i] += factor[col + i] * zk;
      }
    }
    for (int i = 0; i < d; i++) {
      out[offset + i] += mean[i];
    }
  }

  /** A vector of Euclidean norm {@code norm} in a uniformly random direction. */
  static double[] randomDirection(SplittableRandom r, int d, double norm) {
    double[] w = new double[d];
    double ss = 0.0;
    do {
      ss = 0.0;
      for (int i = 0; i < d; i++) {
        w[i] = SeedSequence.nextGaussian(r);
        ss += w[i] * w[i];
      }
    } while (ss == 0.0);
    double s = norm / Math.sqrt(ss);
    for (int i = 0; i < d; i++) {
      w[i] *= s;
    }
    return w;
  }

  static void requireFinite(double[] v, String what) {
    if (v == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(what + " entry " + i + " is not finite: " + v[i]);
      }
    }
  }

  private static void requireSquare(DenseMatrix m, int d, String what) {
    if (m == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (m.rows() != d || m.cols() != d) {
      throw new IllegalArgumentException(what + " is " + m.rows() + "x" + m.cols() + ", expected " + d + "x" + d);
    }
  }
}
