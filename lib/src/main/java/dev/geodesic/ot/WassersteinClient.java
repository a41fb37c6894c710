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
}
