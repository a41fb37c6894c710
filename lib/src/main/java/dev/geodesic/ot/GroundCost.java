package dev.geodesic.ot;

import java.io.Serializable;

/**
 * The ground cost c(x, y) = ‖x − y‖^p of W_p, as a value: what every OT problem of this package
 * (exact, entropic, sliced, federated) is configured with.
 *
 * @param p the exponent, finite and ≥ 1 (W_p is a metric for p ≥ 1)
 */
public record GroundCost(double p) implements Serializable {
  public GroundCost {
    PointCloudCost.checkExponent(p);
  }

  /** C_ij = ‖x_i − y_j‖^p between the atoms of mu and nu, computed on the fly. */
  public PointCloudCost between(DiscreteMeasure mu, DiscreteMeasure nu) {
    return new PointCloudCost(mu.atoms(), nu.atoms(), p);
  }

  /** W_p from the transport cost W_p^p (clamped at 0 against rounding below it). */
  public double distance(double cost) {
    return Math.pow(Math.max(0.0, cost), 1.0 / p);
  }
}
