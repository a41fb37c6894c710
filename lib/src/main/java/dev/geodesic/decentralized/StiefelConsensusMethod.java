package dev.geodesic.decentralized;

import dev.geodesic.graph.Gossip;
import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.Step;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.progress.ProgressListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the decentralized Stiefel methods share: the neighbour exchange (counted as messages and
 * bytes), the agents' local gradients (one remote round per iteration, at the new points and at
 * x̄ for the metrics) and the metrics. A subclass is one method: its {@code step} says what is
 * gossiped and how each agent updates.
 *
 * <p>Communication is counted as the protocol would spend it: one exchange of t rounds per
 * iteration in which every agent sends, per round, the matrices the method gossips to each of its
 * neighbours (2·|E| messages per round, each carrying k·d·r doubles for k gossiped matrices).
 *
 * @param <S> the method's state
 */
public abstract class StiefelConsensusMethod<S extends Serializable> implements IterativeMethod<S> {
  protected final DecentralizedSetup setup;
  protected final Agents agents;
  protected final Gossip gossip;
  protected final StiefelManifold manifold;
  protected final Blas blas = Blas.get();
  protected final int n;

  protected StiefelConsensusMethod(DecentralizedSetup setup) {
    this.setup = setup;
    this.agents = setup.agents();
    this.gossip = setup.gossip();
    this.manifold = new StiefelManifold(setup.initial().rows(), setup.initial().cols());
    this.n = agents.count();
    if (manifold.orthonormalityError(setup.initial()) > 1e-10) {
      throw new IllegalArgumentException("x0 is not on St(d, r): ‖x0ᵀx0 − I‖ = " + manifold.orthonormalityError(setup.initial()));
    }
  }

  /** The method's name as the CLI spells it. */
  public abstract String name();

  /** Every agent's current point x_i. */
  protected abstract List<DenseMatrix> points();

  /** The agents' Euclidean gradients at x₀ (the first iteration's local round). */
  protected final List<DenseMatrix> initialGradients(IterationContext ctx) {
    List<DenseMatrix> x0 = copies(setup.initial());
    Agents.Evaluation e = ctx.remote("gradients", () -> agents.evaluate(x0, null));
    computeSeconds += e.computeSeconds();
    ctx.oracle().components(n);
    return e.gradients();
  }

  /** n copies of one point. */
  protected final List<DenseMatrix> copies(DenseMatrix x) {
    List<DenseMatrix> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(x.copy());
    }
    return out;
  }

  /**
   * One exchange: t rounds of gossip applied to each of the given per-agent lists (the matrices
   * travel together), counted in messages and bytes.
   */
  @SafeVarargs
  protected final List<List<DenseMatrix>> exchange(IterationContext ctx, List<DenseMatrix>... values) {
    List<List<DenseMatrix>> out = new ArrayList<>(values.length);
    for (List<DenseMatrix> v : values) {
      out.add(gossip.mix(v));
    }
    long messages = gossip.mixing().messagesPerRound() * gossip.rounds();
    long bytes = messages * values.length * (long) manifold.dimension() * manifold.rank() * Double.BYTES;
    ctx.oracle().messages(messages, bytes);
    return out;
  }

  /** The agents' round at the new points: their gradients and the metrics at x̄. */
  protected final Round evaluate(IterationContext ctx, List<DenseMatrix> xs) {
    DenseMatrix mean = DenseMatrix.zeros(manifold.dimension(), manifold.rank());
    for (DenseMatrix x : xs) {
      blas.axpy(1.0 / n, x, mean);
    }
    DenseMatrix xbar = manifold.project(mean);
    List<DenseMatrix> pts = List.copyOf(xs);
    Agents.Evaluation e = ctx.remote("gradients", () -> agents.evaluate(pts, xbar));
    computeSeconds += e.computeSeconds();
    ctx.oracle().components(n);
    ctx.oracle().passes(agents.passesPerEvaluation());
    double consensus = 0;
    for (DenseMatrix x : xs) {
      DenseMatrix diff = x.copy();
      blas.axpy(-1.0, xbar, diff);
      double f = diff.frobeniusNorm();
      consensus += f * f;
    }
    double gradNorm = xbar.isFinite() ? manifold.riemannianGradient(xbar, e.commonGradient()).frobeniusNorm() : Double.NaN;
    GroundTruth truth = setup.truth();
    double gap = truth == null ? Double.NaN : e.commonValue() - truth.optimalValue();
    double ds = truth == null ? Double.NaN : manifold.subspaceDistance(xbar, truth.solution());
    return new Round(e.gradients(), new ConsensusMetrics(Math.sqrt(consensus), gradNorm, e.commonValue(), gap, ds));
  }

  /** The agents' gradients at their new points, and the metrics there. */
  protected record Round(List<DenseMatrix> gradients, ConsensusMetrics metrics) {}

  /** grad f_i(x_i) = P_T(x_i)(∇f_i(x_i)) for every agent. */
  protected final List<DenseMatrix> riemannian(List<DenseMatrix> xs, List<DenseMatrix> egrads) {
    List<DenseMatrix> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(manifold.riemannianGradient(xs.get(i), egrads.get(i)));
    }
    return out;
  }

  /** x_i⁺ = P_M(m_i + c·d_i) for every agent: the projected step from the mixed points m. */
  protected final List<DenseMatrix> projectedStep(List<DenseMatrix> mixed, double c, List<DenseMatrix> d) {
    List<DenseMatrix> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(manifold.project(plus(mixed.get(i), c, d.get(i))));
    }
    return next;
  }

  /** P_T(x_i)(m_i − x_i): agent i's consensus direction towards its mixed point m_i. */
  protected final DenseMatrix consensusDirection(DenseMatrix xi, DenseMatrix mixed) {
    return manifold.tangentProjection(xi, plus(mixed, -1.0, xi));
  }

  /**
   * Gradient tracking, y_i⁺ = Σ_j (W^t)_ij y_j + grad f_i(x_i⁺) − grad f_i(x_i) for every agent, from
   * the mixed y and the Riemannian gradients at the new and the old points.
   */
  protected final List<DenseMatrix> tracked(List<DenseMatrix> mixedY, List<DenseMatrix> rgradNext,
      List<DenseMatrix> rgrad) {
    List<DenseMatrix> yNext = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DenseMatrix yi = plus(mixedY.get(i), 1.0, rgradNext.get(i));
      blas.axpy(-1.0, rgrad.get(i), yi);
      yNext.add(yi);
    }
    return yNext;
  }

  /** a + c·b as a new matrix. */
  protected final DenseMatrix plus(DenseMatrix a, double c, DenseMatrix b) {
    DenseMatrix out = a.copy();
    blas.axpy(c, b, out);
    return out;
  }

  /** ‖a‖²_F. */
  protected final double squaredNorm(DenseMatrix a) {
    return blas.dot(a.values(), a.values());
  }

  /** α_k of this iteration (k = iteration − 1). */
  protected final double alpha(IterationContext ctx) {
    return setup.step().at(ctx.iteration() - 1);
  }

  /**
   * The iteration's metrics: the consensus metrics (gap and distance only with a truth), the
   * cumulative communication rounds and bytes, the step, then the method's own name/value pairs.
   */
  protected final Step report(IterationContext ctx, ConsensusMetrics m, double alpha, Object... extra) {
    List<Object> kv = new ArrayList<>(Arrays.asList("consensus_error", m.consensusError(), "grad_norm", m.gradNorm(),
        "objective", m.objective()));
    if (setup.truth() != null) {
      kv.addAll(List.of("objective_gap", m.objectiveGap(), "subspace_distance", m.subspaceDistance()));
    }
    kv.addAll(List.of("communication_rounds", (double) ctx.iteration() * gossip.rounds(),
        "bytes_exchanged", (double) ctx.oracle().snapshot().bytes(), "step", alpha));
    kv.addAll(Arrays.asList(extra));
    if (!Double.isNaN(computeSeconds)) {
      kv.addAll(List.of("agents_compute_seconds", computeSeconds));
    }
    computeSeconds = 0;
    lastMetrics = m;
    return Step.of(kv.toArray());
  }

  /** The agents' arithmetic in this iteration's evaluations so far (see {@link Agents.Evaluation#computeSeconds}). */
  private double computeSeconds;

  private ConsensusMetrics lastMetrics;

  /** x̄ = P_M((1/n)Σ x_i) of the current points. */
  public final DenseMatrix average() {
    DenseMatrix mean = DenseMatrix.zeros(manifold.dimension(), manifold.rank());
    for (DenseMatrix x : points()) {
      blas.axpy(1.0 / n, x, mean);
    }
    return manifold.project(mean);
  }

  /** Runs this method from its current state until {@code rule} (or the method) stops it. */
  public final DecentralizedResult solve(StoppingRule rule, ProgressListener listener) {
    return result(new IterationLoop(IterationLoop.Config.of(rule)).run(this, listener));
  }

  /** The result of a run of this method that ended with {@code outcome}. */
  public final DecentralizedResult result(IterationOutcome outcome) {
    return new DecentralizedResult(name(), average(), points(), lastMetrics, outcome);
  }

  /** Deep copy of a list of matrices into an array (for states). */
  protected static DenseMatrix[] save(List<DenseMatrix> list) {
    if (list == null) {
      return null;
    }
    DenseMatrix[] out = new DenseMatrix[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i).copy();
    }
    return out;
  }

  /** Deep copy of a saved array into a list. */
  protected static List<DenseMatrix> load(DenseMatrix[] saved) {
    if (saved == null) {
      return null;
    }
    List<DenseMatrix> out = new ArrayList<>(saved.length);
    for (DenseMatrix m : saved) {
      out.add(m.copy());
    }
    return out;
  }
}
