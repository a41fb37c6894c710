package dev.geodesic.ot;

import dev.geodesic.progress.ProgressListener;

/**
 * The one entry point for OT between two discrete measures, in the spirit of POT's {@code ot.solve}:
 * the problem says which solver ({@link OtProblem.Exact}, {@link OtProblem.Entropic},
 * {@link OtProblem.Sliced}) and the answer is always a {@link TransportResult}. The algorithms stay
 * in their own classes ({@link NetworkSimplex}, {@link SinkhornSolver}, {@link SlicedWasserstein}).
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
}
