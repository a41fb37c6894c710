package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decentralized Riemannian conjugate gradient, DRCGD (Chen, Ye, Wang, Huang, Dai, Tsang &amp; Liu,
 * ICLR 2024, Algorithm 1), every agent i in lock-step from η_{i,0} = −grad f_i(x₀):
 * <ol>
 *   <li>x_{i,k+1} = P_M(Σ_j (W^t)_ij x_{j,k} + α_k·η_{i,k})  (eq. 3.2)
 *   <li>β_{i,k+1} = ‖grad f_i(x_{i,k+1})‖² / ‖grad f_i(x_{i,k})‖²  (local Fletcher–Reeves, eq. 3.4)
 *   <li>η_{i,k+1} = −grad f_i(x_{i,k+1}) + β_{i,k+1}·P_T(x_{i,k+1})(Σ_j (W^t)_ij η_{j,k})  (eq. 3.3)
 * </ol>
 * Both x and η are gossiped (twice DPRGD's traffic). As in the paper there is no restart and no
 * safeguard; with {@code conjugate = false} (β ≡ 0) the x-iterates are DPRGD's.
 *
 * <p>Note (measured, see the spec and {@code bench/drcgd.sh}): the local FR ratio tends to 1 at the
 * consensus point, where the local gradients do not vanish, so η accumulates; the paper's
 * advantage over DPRGD does not reproduce with a fixed step.
 */
public final class Drcgd extends StiefelConsensusMethod<Drcgd.State> {
  /** Points, Euclidean gradients and directions (null before the first iteration). */
  public record State(DenseMatrix[] x, DenseMatrix[] gradients, DenseMatrix[] directions) implements Serializable {}

  private final boolean conjugate;
  private List<DenseMatrix> x;
  private List<DenseMatrix> egrad;
  private List<DenseMatrix> eta;

  /** DRCGD with the local Fletcher–Reeves β. */
  public Drcgd(DecentralizedSetup setup) {
    this(setup, true);
  }

  /** DRCGD, or with {@code conjugate = false} its β ≡ 0 special case. */
  public Drcgd(DecentralizedSetup setup, boolean conjugate) {
    super(setup);
    this.conjugate = conjugate;
    this.x = copies(setup.initial());
  }

  @Override
  public String name() {
    return "drcgd";
  }

  @Override
  public Step step(IterationContext ctx) {
    if (egrad == null) {
      egrad = initialGradients(ctx);
      eta = new ArrayList<>(n);
      for (DenseMatrix g : riemannian(x, egrad)) {
        blas.scal(-1.0, g.values());
        eta.add(g);
      }
    }
    double alpha = alpha(ctx);
    List<DenseMatrix> rgrad = riemannian(x, egrad);
    List<List<DenseMatrix>> mixed = exchange(ctx, x, eta);
    List<DenseMatrix> mixedX = mixed.get(0);
    List<DenseMatrix> mixedEta = mixed.get(1);
    List<DenseMatrix> next = projectedStep(mixedX, alpha, eta);
    Round round = evaluate(ctx, next);
    List<DenseMatrix> rgradNext = riemannian(next, round.gradients());
    List<DenseMatrix> etaNext = new ArrayList<>(n);
    double betaSum = 0;
    for (int i = 0; i < n; i++) {
      DenseMatrix e = rgradNext.get(i).copy();
      blas.scal(-1.0, e.values());
      if (conjugate) {
        double beta = squaredNorm(rgradNext.get(i)) / squaredNorm(rgrad.get(i));
        betaSum += beta;
        blas.axpy(beta, manifold.tangentProjection(next.get(i), mixedEta.get(i)), e);
      }
      etaNext.add(e);
    }
    x = next;
    egrad = round.gradients();
    eta = etaNext;
    return report(ctx, round.metrics(), alpha, "beta_mean", betaSum / n);
  }

  @Override
  protected List<DenseMatrix> points() {
    return x;
  }

  @Override
  public State state() {
    return new State(save(x), save(egrad), save(eta));
  }

  @Override
  public void restore(State s) {
    x = load(s.x());
    egrad = load(s.gradients());
    eta = load(s.directions());
  }
}
