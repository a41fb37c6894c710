package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.linalg.DenseMatrix;
import java.util.List;

/**
 * How a decentralized run ended.
 *
 * @param method the method's name ({@code drcgd}, {@code drcgd-gt}, {@code dprgd}, {@code drdgd}, {@code drgta})
 * @param average x̄ = P_M((1/n)Σ x_i) after the last iteration
 * @param points every agent's x_i
 * @param last the metrics of the last iteration
 * @param outcome the loop's outcome: stop reason, counts (messages, bytes), trace
 */
public record DecentralizedResult(String method, DenseMatrix average, List<DenseMatrix> points, ConsensusMetrics last,
    IterationOutcome outcome) {
  public DecentralizedResult {
    points = List.copyOf(points);
  }

  public StopReason stopReason() {
    return outcome.stopReason();
  }
}
