package dev.geodesic.finitesum;

import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;

/**
 * The end of a finite-sum solve.
 *
 * @param method the solver's name ({@code saga}, {@code svrg}, {@code lsvrg}, {@code apg}, {@code distributed-svrg})
 * @param x the final parameter vector (centered coordinates when the problem is centered)
 * @param weights W, d×K column-major
 * @param intercepts b in the original coordinates (zeros without an intercept)
 * @param objective F + h at x
 * @param gradMappingNorm ‖(x − prox_{ηh}(x − η∇F(x)))/η‖ at x
 * @param step the step η used
 * @param outcome the iteration core's account: stop reason, epochs, trace
 */
public record FiniteSumResult(String method, double[] x, double[] weights, double[] intercepts, double objective,
    double gradMappingNorm, double step, IterationOutcome outcome) {
  public StopReason stopReason() {
    return outcome.stopReason();
  }

  /** Data passes used (epochs). */
  public double epochs() {
    return outcome.counts().dataPasses();
  }
}
