package dev.geodesic.ot;

import dev.geodesic.progress.ProgressListener;

/**
 * The one entry point for OT between two discrete measures, in the spirit of POT's {@code ot.solve}:
 * the problem says which solver ({@link OtProblem.Exact}, {@link OtProblem.Entropic},
 * {@link OtProblem.Sliced}) and the answer is always a {@link TransportResult}. The algorithms stay
 * in their own classes ({@link NetworkSimplex}, {@link CandidateArcTransport}, {@link SinkhornSolver},
 * {@link SlicedWasserstein}); {@link #exact} chooses between the two exact methods by size.
 */
public final class OptimalTransport {
  private OptimalTransport() {}

  public static TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, OtProblem problem) {
    return solve(mu, nu, problem, ProgressListener.none());
  }

  /**
   * @throws IllegalArgumentException when the measures differ in dimension or total mass
   * @throws EntropicPolicy.PlanTooLargeException when an entropic plan would not fit in memory
   */
  public static TransportResult solve(DiscreteMeasure mu, DiscreteMeasure nu, OtProblem problem,
      ProgressListener listener) {
    if (mu.dimension() != nu.dimension()) {
      throw new IllegalArgumentException("dimension mismatch: " + mu.dimension() + " vs " + nu.dimension());
    }
    return problem.solve(mu, nu, listener);
  }

  /**
   * OT for the marginals a (n) and b (m) under a given n×m cost matrix, as POT's {@code ot.solve(M, a, b)}:
   * exact or entropic (sliced W_p needs points). Zero weights are allowed: such an atom keeps its index
   * and carries no mass in the plan.
   *
   * @throws IllegalArgumentException when a weight is negative or not finite, a side has zero or
   *     unequal total mass ({@link Marginals#balanced}), the sizes differ from the matrix's, or the problem is sliced
   */
  public static TransportResult solve(double[] a, double[] b, CostMatrix cost, OtProblem problem,
      ProgressListener listener) {
    Marginals.balanced(a, b);
    if (a.length != cost.rows() || b.length != cost.cols()) {
      throw new IllegalArgumentException("marginals of " + a.length + " and " + b.length + " atoms for a "
          + cost.rows() + "x" + cost.cols() + " cost matrix");
    }
    return problem.solve(a, b, cost, listener);
  }

  /**
   * Exact OT for the ground cost ‖x − y‖^p by the method that suits the size: the full
   * {@link NetworkSimplex} (dense costs, or on the fly past {@link CostMatrix#DENSE_LIMIT}) when
   * n·m &lt; {@link CandidateArcTransport#MIN_ARCS}, else {@link CandidateArcTransport} (candidate arcs,
   * all arcs priced by BLAS, certified by its duals; O((n + m)·d + candidates) memory). Both return
   * the plan in the input's indices and duals feasible on every arc to
   * {@value NetworkSimplex#PIVOT_TOLERANCE}·C_max. The {@code ot} command's exact solver and
   * FedWaD's solves ({@link NetworkSimplex#solveAuto}) come here.
   *
   * <p>This form prices on all available processors: for a solve on the driver. Inside a Spark task
   * use {@link #exact(DiscreteMeasure, DiscreteMeasure, double, NetworkSimplex.Config, int, ProgressListener)}
   * with one thread.
   *
   * @param simplex the pivot budget (per pricing round for {@link CandidateArcTransport}) and block size
   */
  public static NetworkSimplex.Result exact(DiscreteMeasure mu, DiscreteMeasure nu, double p,
      NetworkSimplex.Config simplex, ProgressListener listener) {
    return exact(mu, nu, p, simplex, 0, listener);
  }

  /**
   * As {@link #exact(DiscreteMeasure, DiscreteMeasure, double, NetworkSimplex.Config, ProgressListener)}
   * with {@code pricingThreads} threads pricing all arcs (0: the available processors).
   */
  public static NetworkSimplex.Result exact(DiscreteMeasure mu, DiscreteMeasure nu, double p,
      NetworkSimplex.Config simplex, int pricingThreads, ProgressListener listener) {
    if (mu.dimension() != nu.dimension()) {
      throw new IllegalArgumentException("dimension mismatch: " + mu.dimension() + " vs " + nu.dimension());
    }
    if ((long) mu.size() * nu.size() >= CandidateArcTransport.MIN_ARCS) {
      return new CandidateArcTransport(CandidateArcTransport.Config.defaults().withSimplex(simplex)
          .withThreads(pricingThreads)).solve(mu, nu, p, listener).solution();
    }
    return new NetworkSimplex(simplex).solve(mu.weights(), nu.weights(),
        CostMatrix.groundCost(mu.atoms(), nu.atoms(), p), listener);
  }
}
