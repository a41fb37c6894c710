package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.ProximalIterate;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.SmoothnessSampling;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The rows one party holds (an in-memory shard, a Spark partition) and the two pieces of work a round
 * asks of it: its part of the full gradient, and its local variance-reduced pass
 * u ← prox_{ηh}(u − η·(∇f_i(u) − ∇f_i(w) + μ)), i uniform over its own rows, from u = w, with the
 * global full gradient μ = ∇F(w) as the correction (SCOPE's local step, Zhao et al. 2017, without its
 * c(u − w) term), or its SAGA / loopless variants ({@link LocalSolver}). α_i(w) is computed on the
 * first visit of row i, so the pass needs no extra sweep.
 *
 * @param id the shard's index (keys its random stream)
 * @param rows its rows, centered on the global mean when the problem is centered
 */
public record FiniteSumShard(int id, FiniteSumProblem rows) implements Serializable {
  /** This shard's contribution to the full gradient at x. */
  public GradientAggregator gradient(double[] x) {
    return new GradientAggregator(rows.parameters()).add(rows, x);
  }

  /** The local pass from the snapshot w with correction μ; returns the local iterate and its evaluations. */
  public IterateAverager localPass(double[] w, double[] mu, LocalPassPlan plan) {
    FiniteSumProblem rows = this.rows.withPenalty(plan.penalty());
    int n = rows.rows();
    int k = rows.outputs();
    double[] y = rows.labels();
    var loss = rows.loss();
    double[] shift = rows.marginShift(w);
    double[] snap = new double[n * k];
    boolean[] known = new boolean[n];
    double[] z = new double[k];
    double[] a = new double[k];
    double[] delta = new double[k];
    ProximalIterate steps = ProximalIterate.create(rows, plan.step());
    steps.load(w);
    steps.setDrift(mu);
    SplittableRandom rnd = SeedSequence.of(plan.seed()).stream("distributed-svrg", plan.round(), id);
    long m = Math.max(1L, Math.round(plan.passes() * n));
    long evaluations = m;
    boolean saga = plan.local() == LocalSolver.SAGA;
    double invN = 1.0 / plan.totalRows();
    // the sampler is over this shard's own rows (from the original problem, whose L_i stay cached)
    SmoothnessSampling weighted = plan.sampling() == RowSampling.SMOOTHNESS
        ? new SmoothnessSampling(this.rows.rowSmoothness(), plan.local().smoothnessMixture()) : null;
    for (long s = 0; s < m; s++) {
      int i = weighted == null ? rnd.nextInt(n) : weighted.draw(rnd);
      if (!known[i]) {
        rows.rowMargins(i, w, shift, z);
        loss.derivative(z, 0, y[i], snap, i * k);
        known[i] = true;
        evaluations++;
      }
      steps.margins(i, z);
      loss.derivative(z, 0, y[i], a, 0);
      // weighted draws step along ω_i·Δ, ω_i = 1/(n_s·p_i), so the estimator stays unbiased
      double omega = weighted == null ? 1.0 : weighted.weight(i);
      for (int c = 0; c < k; c++) {
        delta[c] = omega * (a[c] - snap[i * k + c]);
      }
      if (saga) {
        // the table entry becomes α_i(u); the mean over all N rows moves by (unweighted) Δ·ã_i/N
        System.arraycopy(a, 0, snap, i * k, k);
        steps.stepAndAddToDrift(i, delta, invN / omega);
      } else {
        steps.step(i, delta);
      }
    }
    return new IterateAverager(rows.parameters()).add(steps.current(), n, evaluations);
  }
}
