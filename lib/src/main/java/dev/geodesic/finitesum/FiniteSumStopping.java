package dev.geodesic.finitesum;

import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.StoppingRule;
import java.util.ArrayList;
import java.util.List;

/**
 * When a finite-sum solve stops, in this order: the objective turns non-finite (diverged); the gap to
 * f* is ≤ {@code targetGap} (target-reached; needs f*); the gradient-mapping norm is ≤ {@code tol}
 * (converged); {@code maxEpochs} data passes are used (max-epochs). A non-positive targetGap or tol is
 * not checked.
 */
public record FiniteSumStopping(double targetGap, double tol, double maxEpochs) {
  public FiniteSumStopping {
    if (!(maxEpochs > 0)) {
      throw new IllegalArgumentException("max epochs must be > 0, got " + maxEpochs);
    }
  }

  public static FiniteSumStopping epochs(double maxEpochs) {
    return new FiniteSumStopping(0, 0, maxEpochs);
  }

  public static FiniteSumStopping tolerance(double tol, double maxEpochs) {
    return new FiniteSumStopping(0, tol, maxEpochs);
  }

  public StoppingRule rule() {
    List<StoppingRule> rules = new ArrayList<>();
    rules.add(StoppingRule.nonFinite(FiniteSumMethod.OBJECTIVE));
    if (targetGap > 0) {
      rules.add(StoppingRule.atMost(FiniteSumMethod.GAP, targetGap, StopReason.TARGET_REACHED));
    }
    if (tol > 0) {
      rules.add(StoppingRule.converged(FiniteSumMethod.GRAD_MAPPING_NORM, tol));
    }
    rules.add(StoppingRule.maxDataPasses(maxEpochs));
    return StoppingRule.anyOf(rules.toArray(new StoppingRule[0]));
  }
}
