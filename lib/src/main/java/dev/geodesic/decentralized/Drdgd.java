package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decentralized Riemannian gradient descent, DRDGD — the full-gradient DRSGD of Chen et al. 2021
 * (Algorithm 1): x_{i,k+1} = R_{x_i}(a·P_T(x_i)(Σ_j (W^t)_ij x_j − x_i) − α_k·grad f_i(x_i)) with the
 * polar retraction R and consensus step a = 1. Only x is gossiped.
 */
public final class Drdgd extends StiefelConsensusMethod<Drdgd.State> {
  /** The agents' points and their Euclidean gradients (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients) implements Serializable {}

  /** The consensus step a of the paper (a = 1 in its experiments). */
  static final double CONSENSUS_STEP = 1.0;

  private List<DenseMatrix> x;
  private List<DenseMatrix> egrad;

  public Drdgd(DecentralizedSetup setup) {
    super(setup);
    this.x = copies(setup.initial());
  }

  @Override
  public String name() {
    return "drdgd";
  }

  @Override
  public Step step(IterationContext ctx) {
    if (egrad == null) {
      egrad = initialGradients(ctx);
    }
    double alpha = alpha(ctx);
    List<DenseMatrix> rgrad = riemannian(x, egrad);
    List<DenseMatrix> mixed = exchange(ctx, x).get(0);
    List<DenseMatrix> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DenseMatrix xi = x.get(i);
      DenseMatrix xiStep = consensusDirection(xi, mixed.get(i));
      blas.scal(CONSENSUS_STEP, xiStep.values());
      blas.axpy(-alpha, rgrad.get(i), xiStep);
      next.add(manifold.retract(xi, xiStep));
    }
    Round round = evaluate(ctx, next);
    x = next;
    egrad = round.gradients();
    return report(ctx, round.metrics(), alpha);
  }

  @Override
  protected List<DenseMatrix> points() {
    return x;
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
