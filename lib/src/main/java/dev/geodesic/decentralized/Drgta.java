package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decentralized Riemannian gradient tracking, DRGTA (Chen et al. 2021, Algorithm 2):
 * y_{i,0} = grad f_i(x₀); v_i = P_T(x_i)(y_i);
 * x_i⁺ = R_{x_i}(a·P_T(x_i)(Σ_j (W^t)_ij x_j − x_i) − α·v_i) with a = 1;
 * y_i⁺ = Σ_j (W^t)_ij y_j + grad f_i(x_i⁺) − grad f_i(x_i).
 * The tracked y_i estimate the average Riemannian gradient, so a constant step converges exactly.
 * x and y are gossiped in the same exchange.
 */
public final class Drgta extends StiefelConsensusMethod<Drgta.State> {
  /** The agents' points, Euclidean gradients and tracked gradients (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients, DenseMatrix[] tracked) implements Serializable {}

  private List<DenseMatrix> x;
  private List<DenseMatrix> egrad;
  private List<DenseMatrix> y;

  public Drgta(DecentralizedSetup setup) {
    super(setup);
    this.x = copies(setup.initial());
  }

  @Override
  public String name() {
    return "drgta";
  }

  @Override
  public Step step(IterationContext ctx) {
    if (egrad == null) {
      egrad = initialGradients(ctx);
      y = riemannian(x, egrad);
    }
    double alpha = alpha(ctx);
    List<DenseMatrix> rgrad = riemannian(x, egrad);
    List<List<DenseMatrix>> mixed = exchange(ctx, x, y);
    List<DenseMatrix> mixedX = mixed.get(0);
    List<DenseMatrix> mixedY = mixed.get(1);
    List<DenseMatrix> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DenseMatrix xi = x.get(i);
      DenseMatrix xiStep = consensusDirection(xi, mixedX.get(i));
      DenseMatrix v = manifold.tangentProjection(xi, y.get(i));
      blas.axpy(-alpha, v, xiStep);
      next.add(manifold.retract(xi, xiStep));
    }
    Round round = evaluate(ctx, next);
    List<DenseMatrix> rgradNext = riemannian(next, round.gradients());
    List<DenseMatrix> yNext = tracked(mixedY, rgradNext, rgrad);
    x = next;
    egrad = round.gradients();
    y = yNext;
    return report(ctx, round.metrics(), alpha);
  }

  @Override
  protected List<DenseMatrix> points() {
    return x;
  }

  @Override
  public State state() {
    return new State(save(x), save(egrad), save(y));
  }

  @Override
  public void restore(State s) {
    x = load(s.x());
    egrad = load(s.gradients());
    y = load(s.tracked());
  }
}
