package dev.geodesic.ot;

/**
 * A client's answer to one FedWaD round.
 *
 * @param distance W_p(ξ, μ) (the distance, not its p-th power)
 * @param interpolant Interp(ξ → μ, t), a point on the geodesic from ξ toward μ
 */
public record ClientReply(double distance, DiscreteMeasure interpolant) implements java.io.Serializable {
  public ClientReply {
    if (!(distance >= 0) || Double.isInfinite(distance)) {
      throw new IllegalArgumentException("distance must be finite and >= 0, got " + distance);
    }
    if (interpolant == null) {
      throw new IllegalArgumentException("interpolant must not be null");
    }
  }
}
