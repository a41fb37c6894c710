package dev.geodesic.decentralized;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.Step;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * DRCGD on a gradient-tracking estimate ({@code drcgd-gt}; the spec's "tracked DRCGD", beyond the
 * paper). From y_{i,0} = grad f_i(x₀), η_{i,0} = −P_T(x₀)(y_{i,0}):
 * <ol>
 *   <li>x_{i,k+1} = P_M(Σ_j (W^t)_ij x_{j,k} + α·η_{i,k})
 *   <li>y_{i,k+1} = Σ_j (W^t)_ij y_{j,k} + grad f_i(x_{i,k+1}) − grad f_i(x_{i,k})  (tracks the average gradient)
 *   <li>v_{i,k+1} = P_T(x_{i,k+1})(y_{i,k+1}), β = ‖v_{i,k+1}‖²/‖v_{i,k}‖²  (Fletcher–Reeves on the tracked gradient)
 *   <li>η_{i,k+1} = −v_{i,k+1} + β·P_T(x_{i,k+1})(Σ_j (W^t)_ij η_{j,k}), reset to −v_{i,k+1} when
 *       ⟨η_{i,k+1}, v_{i,k+1}⟩ ≥ 0 (not a descent direction for the tracked gradient).
 * </ol>
 * x, y and η travel in one exchange (three matrices per message). Because v_i tends to the
 * average Riemannian gradient, which vanishes at the solution, β does not tend to 1 as in
 * {@link Drcgd} and a constant step converges exactly.
 *
 * <p><b>Step safeguard</b> (ours). Gradient tracking fails when α·L is too large for the mixing:
 * the tracking error is amplified instead of contracted, and the run either blows up or wanders
 * chaotically with the agents far apart (the points stay on the manifold, so nothing overflows).
 * The merit M_k = Σ_i ‖v_{i,k}‖²_F tends to 0 on a converging run. The run keeps the iterate of
 * least merit seen; it <em>backtracks</em> — goes back to that iterate, halves α for the rest of
 * the run (schedule included) and restarts the directions η_i = −v_i — when M_{k+1} is not
 * finite or exceeds {@code growth}·M_0 (divergence), or when no new least merit has been seen for
 * {@code patience} iterations while the least merit is still above 1e-24·M_0 (stagnation; not at
 * convergence, where M only wanders at rounding level). A rejected iteration still costs its
 * exchange and local round, and is counted; its trace row reports the restored iterate's metrics.
 *
 * <p>Measured: with Chebyshev gossip (whose polynomial p_t(W) has negative eigenvalues) this method
 * is far less stable than with W^t at the same t — on a 4-node path with t = 3 it converged with W^t
 * (α = 0.2: d_s 3e-11) and not with Chebyshev at any step tried; DRGTA was unaffected.
 */
public final class DrcgdGradientTracking extends StiefelConsensusMethod<DrcgdGradientTracking.State> {
  /**
   * When to backtrack.
   *
   * @param growth backtrack when the merit exceeds growth·M_0 (> 1)
   * @param patience backtrack after this many iterations without a new least merit (≥ 1)
   */
  public record Safeguard(double growth, int patience) implements Serializable {
    public Safeguard {
      if (!(growth > 1) || patience < 1) {
        throw new IllegalArgumentException("safeguard needs growth > 1 and patience >= 1, got " + growth + ", " + patience);
      }
    }

    /** growth 100, patience 60 (measured on the synthetic PCA of the bench: 30 halves the step too eagerly, 100 too late). */
    public static Safeguard standard() {
      return new Safeguard(1e2, 60);
    }
  }

  /** The least merit relative to M_0 below which stagnation is convergence, not failure. */
  static final double CONVERGED_MERIT = 1e-24;

  /** The agents' iterates: points, Euclidean gradients, tracked gradients, directions, ‖v_i‖². */
  public record Iterate(DenseMatrix[] x, DenseMatrix[] gradients, DenseMatrix[] tracked, DenseMatrix[] directions,
      double[] trackedSquaredNorms, double merit, ConsensusMetrics metrics) implements Serializable {}

  /**
   * @param current the current iterate (null before the first iteration)
   * @param best the iterate of least merit seen
   * @param initialMerit M_0
   * @param halvings how many times α was halved
   * @param sinceBest iterations since the least merit was last improved
   */
  public record State(Iterate current, Iterate best, double initialMerit, int halvings, int sinceBest)
      implements Serializable {}

  private final Safeguard safeguard;
  private Iterate current;
  private Iterate best;
  private double initialMerit = Double.NaN;
  private int halvings;
  private int sinceBest;

  /** drcgd-gt with the standard safeguard. */
  public DrcgdGradientTracking(DecentralizedSetup setup) {
    this(setup, Safeguard.standard());
  }

  /** drcgd-gt with the given safeguard, or none (null): the plain iteration of the spec. */
  public DrcgdGradientTracking(DecentralizedSetup setup, Safeguard safeguard) {
    super(setup);
    this.safeguard = safeguard;
  }

  @Override
  public String name() {
    return "drcgd-gt";
  }

  @Override
  public Step step(IterationContext ctx) {
    if (current == null) {
      List<DenseMatrix> x0 = copies(setup.initial());
      List<DenseMatrix> g0 = initialGradients(ctx);
      List<DenseMatrix> y0 = riemannian(x0, g0);
      double[] vn = new double[n];
      List<DenseMatrix> eta0 = new ArrayList<>(n);
      double merit = 0;
      for (int i = 0; i < n; i++) {
        DenseMatrix v = manifold.tangentProjection(x0.get(i), y0.get(i));
        vn[i] = squaredNorm(v);
        merit += vn[i];
        blas.scal(-1.0, v.values());
        eta0.add(v);
      }
      current = new Iterate(save(x0), save(g0), save(y0), save(eta0), vn, merit, null);
      best = current;
      initialMerit = merit;
    }
    double alpha = alpha(ctx) * Math.pow(0.5, halvings);
    List<DenseMatrix> x = load(current.x());
    List<DenseMatrix> y = load(current.tracked());
    List<DenseMatrix> eta = load(current.directions());
    List<DenseMatrix> rgrad = riemannian(x, load(current.gradients()));
    List<List<DenseMatrix>> mixed = exchange(ctx, x, y, eta);
    List<DenseMatrix> next = projectedStep(mixed.get(0), alpha, eta);
    Round round = evaluate(ctx, next);
    List<DenseMatrix> rgradNext = riemannian(next, round.gradients());
    List<DenseMatrix> yNext = tracked(mixed.get(1), rgradNext, rgrad);
    List<DenseMatrix> etaNext = new ArrayList<>(n);
    double[] vn = new double[n];
    double merit = 0;
    double betaSum = 0;
    int resets = 0;
    for (int i = 0; i < n; i++) {
      DenseMatrix v = manifold.tangentProjection(next.get(i), yNext.get(i));
      vn[i] = squaredNorm(v);
      merit += vn[i];
      double beta = vn[i] / current.trackedSquaredNorms()[i];
      DenseMatrix e = manifold.tangentProjection(next.get(i), mixed.get(2).get(i));
      blas.scal(beta, e.values());
      blas.axpy(-1.0, v, e);
      if (!(manifold.inner(e, v) < 0)) {
        e = v.copy();
        blas.scal(-1.0, e.values());
        resets++;
      } else {
        betaSum += beta;
      }
      etaNext.add(e);
    }
    Iterate candidate = new Iterate(save(next), save(round.gradients()), save(yNext), save(etaNext), vn, merit,
        round.metrics());
    sinceBest++;
    boolean backtrack = safeguard != null && (!Double.isFinite(merit) || merit > safeguard.growth() * initialMerit
        || (sinceBest >= safeguard.patience() && best.merit() > CONVERGED_MERIT * initialMerit));
    if (backtrack) {
      halvings++;
      sinceBest = 0;
      current = restarted(best);
      ConsensusMetrics m = best.metrics() != null ? best.metrics() : round.metrics();
      return report(ctx, m, alpha, "beta_mean", 0.0, "resets", (double) n, "backtracks", (double) halvings);
    }
    current = candidate;
    if (merit < best.merit()) {
      best = candidate;
      sinceBest = 0;
    }
    return report(ctx, round.metrics(), alpha, "beta_mean", betaSum / n, "resets", (double) resets,
        "backtracks", (double) halvings);
  }

  /** The iterate with its directions restarted: η_i = −v_i. */
  private Iterate restarted(Iterate it) {
    DenseMatrix[] eta = new DenseMatrix[n];
    for (int i = 0; i < n; i++) {
      DenseMatrix v = manifold.tangentProjection(it.x()[i], it.tracked()[i]);
      blas.scal(-1.0, v.values());
      eta[i] = v;
    }
    return new Iterate(it.x(), it.gradients(), it.tracked(), eta, it.trackedSquaredNorms(), it.merit(), it.metrics());
  }

  /** How many times the safeguard halved the step. */
  public int halvings() {
    return halvings;
  }

  @Override
  protected List<DenseMatrix> points() {
    return current == null ? copies(setup.initial()) : load(current.x());
  }

  @Override
  public State state() {
    return new State(current, best, initialMerit, halvings, sinceBest);
  }

  @Override
  public void restore(State s) {
    current = s.current();
    best = s.best();
    initialMerit = s.initialMerit();
    halvings = s.halvings();
    sinceBest = s.sinceBest();
  }
}
