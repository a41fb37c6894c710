package dev.geodesic.decentralized;

import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;

/**
 * Decentralized Riemannian gradient descent, DRDGD — the full-gradient DRSGD of Chen et al. 2021
 * (Algorithm 1): x_{i,k+1} = R_{x_i}(a·P_T(x_i)(Σ_j (W^t)_ij x_j − x_i) − α_k·grad f_i(x_i)) with the
 * polar retraction R and consensus step a = 1. Only x is gossiped.
 */
public final class Drdgd extends PointGossipMethod<Drdgd.State> {
  /** The agents' points and their Euclidean gradients (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients) implements Serializable {}

  /** The consensus step a of the paper (a = 1 in its experiments). */
  static final double CONSENSUS_STEP = 1.0;

  public Drdgd(DecentralizedSetup setup) {
    super(setup);
  }

  @Override
  public String name() {
    return "drdgd";
  }

  @Override
  protected DenseMatrix next(DenseMatrix xi, DenseMatrix mixed, DenseMatrix rgrad, double alpha) {
    DenseMatrix xiStep = consensusDirection(xi, mixed);
    blas.scal(CONSENSUS_STEP, xiStep.values());
    blas.axpy(-alpha, rgrad, xiStep);
    return manifold.retract(xi, xiStep);
  }

  @Override
  public State state() {
    return new State(save(x), save(egrad));
  }

  @Override
  public void restore(State s) {
    x = load(s.x());
    egrad = load(s.gradients());
  }
}
