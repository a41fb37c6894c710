package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;

/**
 * What a FedWaD client reveals about its measure μ for the summary lower bounds ({@link SummaryLowerBounds}):
 * its mean and covariance (d + d(d+1)/2 numbers) and, when the server sent directions θ_1 … θ_k, bracketing
 * quantiles of the projections θ_lᵀx at the levels s_q = q/Q, q = 1 … Q − 1 (2k(Q − 1) numbers): never a sample.
 *
 * @param mean the weighted mean m = Σ w_i x_i / Σ w_i
 * @param covariance the measure's own covariance Σ w_i (x_i − m)(x_i − m)ᵀ / Σ w_i (not the unbiased estimate)
 * @param lowerQuantiles per direction l, F_l⁻¹(s_q − η) for q = 1 … Q − 1 (null without directions)
 * @param upperQuantiles per direction l, F_l⁻¹(s_q + η) (null without directions)
 */
public record ClientSummary(double[] mean, DenseMatrix covariance, double[][] lowerQuantiles, double[][] upperQuantiles)
    implements java.io.Serializable {
  public ClientSummary {
    if (mean == null || covariance == null || covariance.rows() != mean.length || covariance.cols() != mean.length) {
      throw new IllegalArgumentException("a summary needs a mean and a matching covariance");
    }
    if ((lowerQuantiles == null) != (upperQuantiles == null)
        || (lowerQuantiles != null && lowerQuantiles.length != upperQuantiles.length)) {
      throw new IllegalArgumentException("lower and upper quantiles come together, one row per direction");
    }
  }

  /** Whether the summary holds projections. */
  public boolean hasProjections() {
    return lowerQuantiles != null;
  }
}
