package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;

/**
 * Operator evaluations are the work that runs where the components live (one Spark job each under
 * the Spark driver), so the methods run them through {@link IterationContext#remote}: named, and
 * timed apart from the driver's own vector work.
 */
final class Remote {
  private Remote() {}

  static void run(IterationContext ctx, String what, Runnable work) {
    ctx.remote(what, () -> {
      work.run();
      return null;
    });
  }

  /** Res(u) with η = 1 at u, the monitored residual. */
  static double residual(IterationContext ctx, MonotoneInclusion problem, double[] u) {
    return ctx.remote("residual", () -> problem.residual(u, 1.0));
  }
}
