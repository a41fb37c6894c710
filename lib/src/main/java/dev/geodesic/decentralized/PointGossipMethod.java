package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The iteration of a method that gossips only x (DPRGD, DRDGD): every agent moves from its point x_i,
 * its mixed point Σ_j (W^t)_ij x_j and its Riemannian gradient grad f_i(x_i) by the method's
 * {@link #next}, then the agents' round at the new points gives the next gradients and the metrics.
 */
abstract class PointGossipMethod<S extends Serializable> extends StiefelConsensusMethod<S> {
  /** The agents' points. */
  protected List<DenseMatrix> x;
  /** Their Euclidean gradients (null before the first iteration). */
  protected List<DenseMatrix> egrad;

  PointGossipMethod(DecentralizedSetup setup) {
    super(setup);
    this.x = copies(setup.initial());
  }

  /** Agent i's next point from x_i, its mixed point, grad f_i(x_i) and the step α. */
  protected abstract DenseMatrix next(DenseMatrix xi, DenseMatrix mixed, DenseMatrix rgrad, double alpha);

  @Override
  public final Step step(IterationContext ctx) {
    if (egrad == null) {
      egrad = initialGradients(ctx);
    }
    double alpha = alpha(ctx);
    List<DenseMatrix> rgrad = riemannian(x, egrad);
    List<DenseMatrix> mixed = exchange(ctx, x).get(0);
    List<DenseMatrix> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(next(x.get(i), mixed.get(i), rgrad.get(i), alpha));
    }
    Round round = evaluate(ctx, next);
    x = next;
    egrad = round.gradients();
    return report(ctx, round.metrics(), alpha);
  }

  @Override
  protected final List<DenseMatrix> points() {
    return x;
  }
}
