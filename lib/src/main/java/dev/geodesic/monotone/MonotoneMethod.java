package dev.geodesic.monotone;

import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.io.Serializable;

/**
 * A method for 0 ∈ F(u) + G(u) on the iteration core. Every step reports {@value #RESIDUAL}, the
 * residual Res(u) with η = 1 at the method's last iterate (the exit criterion), and {@value #EPOCHS},
 * the component evaluations so far divided by n. Stochastic methods do a round of inner steps per
 * iteration (about {@code roundEpochs} epochs), so the residual is monitored once a round.
 */
public interface MonotoneMethod<S extends Serializable> extends IterativeMethod<S> {
  /** The metric with the last iterate's residual. */
  String RESIDUAL = "residual";
  /** The metric with the epochs (component evaluations / n) used so far. */
  String EPOCHS = "epochs";

  /** The problem solved. */
  MonotoneInclusion problem();

  /** A copy of the last iterate. */
  double[] iterate();

  /** Runs until {@code rule} fires (e.g. {@code converged(RESIDUAL, tol).or(maxDataPasses(E))}). */
  default MonotoneResult solve(StoppingRule rule) {
    return solve(rule, ProgressListener.none());
  }

  default MonotoneResult solve(StoppingRule rule, ProgressListener listener) {
    IterationOutcome out = new IterationLoop(IterationLoop.Config.of(rule.or(StoppingRule.nonFinite(RESIDUAL))))
        .run(this, listener);
    return MonotoneResult.of(problem(), iterate(), out);
  }
}
