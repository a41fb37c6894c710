package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.List;

/**
 * Decentralized projected Riemannian gradient descent, DPRGD (Deng &amp; Hu 2023, eq. (3.1)):
 * x_{i,k+1} = P_M(Σ_j (W^t)_ij x_{j,k} − α_k·grad f_i(x_{i,k})). Only x is gossiped. With a
 * constant step it stalls at a step-dependent distance from the solution (the local gradients do
 * not vanish at the consensus point).
 */
public final class Dprgd extends StiefelConsensusMethod<Dprgd.State> {
  /** The agents' points and their Euclidean gradients (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients) implements Serializable {}

  private List<DenseMatrix> x;
  private List<DenseMatrix> egrad;

  public Dprgd(DecentralizedSetup setup) {
    super(setup);
    this.x = copies(setup.initial());
  }

  @Override
  public String name() {
    return "dprgd";
  }

  @Override
  public Step step(IterationContext ctx) {
    if (egrad == null) {
      egrad = initialGradients(ctx);
    }
    double alpha = alpha(ctx);
    List<DenseMatrix> rgrad = riemannian(x, egrad);
    List<DenseMatrix> mixed = exchange(ctx, x).get(0);
    List<DenseMatrix> next = projectedStep(mixed, -alpha, rgrad);
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
