package dev.geodesic.decentralized;

import dev.geodesic.graph.Gossip;
import dev.geodesic.linalg.DenseMatrix;

/**
 * What every decentralized method runs on.
 *
 * @param agents the agents' local work
 * @param gossip the t rounds of neighbour exchange (plain W^t or Chebyshev) on the agents' graph
 * @param step the step sizes
 * @param initial x₀ ∈ St(d, r), the common starting point of every agent
 * @param truth the reference for {@code subspace_distance} and {@code objective_gap}, or null
 */
public record DecentralizedSetup(Agents agents, Gossip gossip, StepSchedule step, DenseMatrix initial,
    GroundTruth truth) {
  public DecentralizedSetup {
    if (gossip.mixing().nodes() != agents.count()) {
      throw new IllegalArgumentException("the graph has " + gossip.mixing().nodes() + " nodes but there are "
          + agents.count() + " agents");
    }
    if (initial.rows() != agents.dimension()) {
      throw new IllegalArgumentException("x0 is " + initial.rows() + "x" + initial.cols() + " but the agents' dimension is "
          + agents.dimension());
    }
    if (initial.cols() > initial.rows()) {
      throw new IllegalArgumentException("rank " + initial.cols() + " exceeds the dimension " + initial.rows());
    }
    if (truth != null && (truth.solution().rows() != initial.rows() || truth.solution().cols() != initial.cols())) {
      throw new IllegalArgumentException("the truth is " + truth.solution().rows() + "x" + truth.solution().cols()
          + ", x0 is " + initial.rows() + "x" + initial.cols());
    }
  }

  public int rank() {
    return initial.cols();
  }

  /** The same setup with another step schedule. */
  public DecentralizedSetup withStep(StepSchedule s) {
    return new DecentralizedSetup(agents, gossip, s, initial, truth);
  }

  /** The same setup with another gossip. */
  public DecentralizedSetup withGossip(Gossip g) {
    return new DecentralizedSetup(agents, g, step, initial, truth);
  }
}
