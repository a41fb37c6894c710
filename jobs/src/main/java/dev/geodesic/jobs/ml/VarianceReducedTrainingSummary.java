package dev.geodesic.jobs.ml;

import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.jobs.finitesum.VarianceReducedFit;
import dev.geodesic.progress.IterationRecord;
import java.io.Serializable;

/**
 * How a fit went: the objective after every round (F + h, in the coordinates the solver saw — the
 * standardized ones with standardization, as MLlib's {@code objectiveHistory}), the rounds, the data
 * passes, the last gradient-mapping norm, why it stopped, the row layout and the step.
 */
public final class VarianceReducedTrainingSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] objectiveHistory;
  private final double[] secondsHistory;
  private final int totalIterations;
  private final double epochs;
  private final double gradientMappingNorm;
  private final String stopReason;
  private final String layout;
  private final double step;
  private final double seconds;

  VarianceReducedTrainingSummary(VarianceReducedFit.Fit fit) {
    this.objectiveHistory = fit.objectiveHistory();
    this.secondsHistory = fit.outcome().trace().records().stream().mapToDouble(IterationRecord::elapsedSeconds)
        .toArray();
    this.totalIterations = fit.outcome().iterations();
    this.epochs = fit.outcome().counts().dataPasses();
    IterationRecord last = fit.outcome().last().orElseThrow();
    this.gradientMappingNorm = last.metric(FiniteSumMethod.GRAD_MAPPING_NORM);
    this.stopReason = fit.outcome().stopReason().label();
    this.layout = fit.layout().label();
    this.step = fit.step();
    this.seconds = fit.outcome().elapsedSeconds();
  }

  /** F + h after each round. */
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  /** Seconds since the first round started, at the end of each round (time to a target objective). */
  public double[] secondsHistory() {
    return secondsHistory.clone();
  }

  /** Rounds run. */
  public int totalIterations() {
    return totalIterations;
  }

  /** Data passes used (full gradients and local passes). */
  public double epochs() {
    return epochs;
  }

  /** ‖(x − prox(x − η∇F(x)))/η‖ at the end: zero exactly at the optimum. */
  public double gradientMappingNorm() {
    return gradientMappingNorm;
  }

  /** {@code converged} (tol), {@code max-epochs} (maxIter) or {@code diverged}. */
  public String stopReason() {
    return stopReason;
  }

  /** {@code dense} or {@code sparse}: the blocks the rows were cached as. */
  public String layout() {
    return layout;
  }

  /** The step η used. */
  public double step() {
    return step;
  }

  /** Seconds of the rounds (the layout pass excluded). */
  public double seconds() {
    return seconds;
  }
}
