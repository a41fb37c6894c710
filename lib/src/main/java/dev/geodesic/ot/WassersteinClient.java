package dev.geodesic.ot;

/**
 * One FedWaD client: it owns a measure (μ) that never leaves it, and answers the server's request with
 * d = W_p(ξ, μ) and the interpolant Interp(ξ → μ, t). {@link LocalWassersteinClient} holds μ in memory;
 * a Spark job implements this with μ's blocks on executors. A client must use the same p and
 * {@link Interpolation} as the {@link FederatedWasserstein} server.
 */
@FunctionalInterface
public interface WassersteinClient {
  ClientReply reply(DiscreteMeasure xi, double t);

  /**
   * The client's summary for the certified lower bounds ({@link SummaryLowerBounds}): its moments, and the
   * quantiles of its projections when {@code directions} is not null. Empty for a client that reveals none
   * (the bracket then keeps only the triangle bound).
   */
  default java.util.Optional<ClientSummary> summary(dev.geodesic.linalg.DenseMatrix directions, int quantiles) {
    return java.util.Optional.empty();
  }
}
