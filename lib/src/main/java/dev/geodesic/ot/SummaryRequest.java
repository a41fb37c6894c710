package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;

/**
 * The server's request for a client's {@link ClientSummary}: moments only ({@code directions} null), or also
 * the projections' quantiles along the unit columns of {@code directions} (d×k) at Q − 1 levels.
 *
 * @param client the client that answers, by index into the run's client list
 * @param quantiles Q, the number of quantile intervals (≥ 3)
 */
public record SummaryRequest(int client, DenseMatrix directions, int quantiles) implements java.io.Serializable {
  public SummaryRequest {
    if (directions != null && quantiles < 3) {
      throw new IllegalArgumentException("quantiles must be >= 3, got " + quantiles);
    }
  }
}
