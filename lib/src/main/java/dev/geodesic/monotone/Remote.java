package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;

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

  /**
   * The step every method reports: {@link MonotoneMethod#RESIDUAL} at u, then {@link MonotoneMethod#EPOCHS}
   * so far, then the method's own name–value pairs.
   */
  static Step report(IterationContext ctx, MonotoneInclusion problem, double[] u, Object... more) {
    double residual = residual(ctx, problem, u);
    Object[] pairs = new Object[4 + more.length];
    pairs[0] = MonotoneMethod.RESIDUAL;
    pairs[1] = residual;
    pairs[2] = MonotoneMethod.EPOCHS;
    pairs[3] = ctx.oracle().snapshot().dataPasses();
    System.arraycopy(more, 0, pairs, 4, more.length);
    return Step.of(pairs);
  }
}
