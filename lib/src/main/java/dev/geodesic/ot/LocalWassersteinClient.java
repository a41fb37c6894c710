package dev.geodesic.ot;

/** A FedWaD client holding its measure in memory: exact OT by {@link NetworkSimplex}, then interpolation. */
public final class LocalWassersteinClient implements WassersteinClient {
  private final DiscreteMeasure data;
  private final double p;
  private final Interpolation interpolation;
  private final NetworkSimplex solver;

  /** A client whose exact solves price on one thread: for Spark tasks, which already run one per core. */
  public LocalWassersteinClient(DiscreteMeasure data, double p, Interpolation interpolation) {
    this(data, p, interpolation, new NetworkSimplex());
  }

  public LocalWassersteinClient(DiscreteMeasure data, double p, Interpolation interpolation, NetworkSimplex solver) {
    PointCloudCost.checkExponent(p);
    this.data = data;
    this.p = p;
    this.interpolation = interpolation;
    this.solver = solver;
  }

  /**
   * A client matching the server's p and interpolation, for an in-memory run on the calling thread: its
   * solves price on all cores (the Spark clients use the one-thread constructor above, one task per core).
   */
  public static LocalWassersteinClient of(DiscreteMeasure data, FederatedWasserstein.Config config) {
    return new LocalWassersteinClient(data, config.p(), config.interpolation(),
        new NetworkSimplex(NetworkSimplex.Config.defaults(), 0));
  }

  @Override
  public ClientReply reply(DiscreteMeasure xi, double t) {
    NetworkSimplex.Result r = solver.solveAuto(xi, data, p);
    return new ClientReply(r.wasserstein(p), interpolation.apply(xi, data, r.plan(), t));
  }

  @Override
  public java.util.Optional<ClientSummary> summary(dev.geodesic.linalg.DenseMatrix directions, int quantiles) {
    return java.util.Optional.of(SummaryLowerBounds.summarize(data, directions, quantiles));
  }
}
