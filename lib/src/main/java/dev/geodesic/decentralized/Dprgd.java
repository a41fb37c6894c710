package dev.geodesic.decentralized;

import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;

/**
 * Decentralized projected Riemannian gradient descent, DPRGD (Deng &amp; Hu 2023, eq. (3.1)):
 * x_{i,k+1} = P_M(Σ_j (W^t)_ij x_{j,k} − α_k·grad f_i(x_{i,k})). Only x is gossiped. With a
 * constant step it stalls at a step-dependent distance from the solution (the local gradients do
 * not vanish at the consensus point).
 */
public final class Dprgd extends PointGossipMethod<Dprgd.State> {
  /** The agents' points and their Euclidean gradients (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients) implements Serializable {}

  public Dprgd(DecentralizedSetup setup) {
    super(setup);
  }

  @Override
  public String name() {
    return "dprgd";
  }

  @Override
  protected DenseMatrix next(DenseMatrix xi, DenseMatrix mixed, DenseMatrix rgrad, double alpha) {
    return manifold.project(plus(mixed, -alpha, rgrad));
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
