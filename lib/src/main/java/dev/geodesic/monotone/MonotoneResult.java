package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;

/**
 * How a {@link MonotoneMethod} run ended.
 *
 * @param solution the last iterate
 * @param residual Res(solution) with η = 1, recomputed from the solution
 * @param epochs component evaluations / n
 * @param stopReason why the run stopped
 * @param outcome the iteration core's outcome (counts, trace)
 */
public record MonotoneResult(double[] solution, double residual, double epochs, StopReason stopReason,
    IterationOutcome outcome) {
  static MonotoneResult of(MonotoneInclusion problem, double[] solution, IterationOutcome out) {
    return new MonotoneResult(solution, problem.residual(solution, 1.0), out.counts().dataPasses(), out.stopReason(), out);
  }
}
