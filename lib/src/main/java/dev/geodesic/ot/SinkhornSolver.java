package dev.geodesic.ot;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.Step;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.progress.ProgressListener;
import java.io.Serializable;

/**
 * Entropic optimal transport by Sinkhorn's iterations in the log domain with ε-scaling (Cuturi 2013;
 * stabilization and ε-scaling as in Schmitzer 2019 and Peyré &amp; Cuturi, "Computational OT", §4.4).
 *
 * <p>Solves min_P ⟨P, C⟩ + ε·KL(P ‖ a⊗b) over couplings of a and b, where KL(P‖Q) = Σ P log(P/Q) − ΣP + ΣQ.
 * The iterations update dual potentials f, g by soft-min (log-sum-exp) steps
 * f_i = −ε·log Σ_j b_j exp((g_j − C_ij)/ε), g_j = −ε·log Σ_i a_i exp((f_i − C_ij)/ε), so no kernel
 * exp(−C/ε) ever underflows; P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε). ε decreases geometrically from
 * {@link Config#epsilonStart()} (default max C) to the target ε, each stage warm-started from the last.
 *
 * <p>Two different numbers come out, see {@link Quantity}: the entropic objective and the plain transport
 * cost ⟨P_ε, C⟩ of the entropic plan. Neither is the exact OT cost; both tend to it as ε → 0.
 */
public final class SinkhornSolver {
  /** The quantities a {@link Result} reports. */
  public enum Quantity {
    /** ⟨P_ε, C⟩: the linear transport cost of the entropic plan (≥ the exact OT cost when P_ε is feasible). */
    TRANSPORT_COST,
    /** ⟨P_ε, C⟩ + ε·KL(P_ε ‖ a⊗b): the entropic (regularized) objective at its minimizer. */
    ENTROPIC_COST
  }

  /**
   * @param epsilon target regularization ε (absolute, in cost units)
   * @param epsilonStart first ε of the scaling schedule; 0 means max_ij C_ij (or ε if larger)
   * @param scalingFactor ε_{k+1} = max(ε, factor·ε_k), in (0, 1)
   * @param tolerance stop when the L1 marginal error Σ_i |Σ_j P_ij − a_i| ≤ tolerance·Σa (final ε)
   * @param maxIterations total Sinkhorn iterations (f and g update = one iteration) over all stages
   */
  public record Config(double epsilon, double epsilonStart, double scalingFactor, double tolerance, int maxIterations) {
    public Config {
      if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
        throw new IllegalArgumentException("epsilon must be finite and > 0");
      }
      if (!(epsilonStart >= 0) || !(scalingFactor > 0 && scalingFactor < 1) || !(tolerance > 0) || maxIterations < 1) {
        throw new IllegalArgumentException("need epsilonStart >= 0, 0 < scalingFactor < 1, tolerance > 0, maxIterations >= 1");
      }
    }

    /** ε-scaling from max C by halving, tolerance 1e-9, at most 100 000 iterations. */
    public static Config of(double epsilon) {
      return new Config(epsilon, 0.0, 0.5, 1e-9, 100_000);
    }
  }

  /**
   * @param transportCost ⟨P_ε, C⟩ ({@link Quantity#TRANSPORT_COST})
   * @param entropicCost ⟨P_ε, C⟩ + ε·KL(P_ε ‖ a⊗b) ({@link Quantity#ENTROPIC_COST})
   * @param epsilon the final ε
   * @param iterations Sinkhorn iterations over all stages
   * @param marginalError relative L1 row-marginal error (columns are exact after the last g update)
   * @param converged whether marginalError ≤ tolerance
   * @param f row potentials, g column potentials
   * @param plan P_ε row-major n×m
   */
  public record Result(double transportCost, double entropicCost, double epsilon, int iterations, double marginalError,
      boolean converged, double[] f, double[] g, double[] plan) {
    public double value(Quantity q) {
      return q == Quantity.TRANSPORT_COST ? transportCost : entropicCost;
    }

    public double planEntry(int i, int j) {
      return plan[i * g.length + j];
    }
  }

  private final Config config;

  public SinkhornSolver(Config config) {
    this.config = config;
  }

  /** Entropic OT between two measures for the cost ‖x − y‖^p (dense cost matrix, BLAS for p = 2). */
  public Result solve(DiscreteMeasure mu, DiscreteMeasure nu, double p) {
    return solve(mu.weights(), nu.weights(), DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), p));
  }

  /** As {@link #solve(DiscreteMeasure, DiscreteMeasure, double)}, reporting progress to {@code listener}. */
  public Result solve(DiscreteMeasure mu, DiscreteMeasure nu, double p, ProgressListener listener) {
    return solve(mu.weights(), nu.weights(), DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), p), listener);
  }

  public Result solve(double[] a, double[] b, CostMatrix cost) {
    return solve(a, b, cost, ProgressListener.none());
  }

  /**
   * Entropic OT for weights a, b and a cost matrix, run by the iteration core (one iteration =
   * five Sinkhorn iterations and a marginal check, see {@link Iterations}). The listener receives,
   * at each check, {@code epsilon} of the current ε-scaling stage, the relative
   * {@code marginal_error} and {@code sinkhorn_iterations} so far.
   */
  public Result solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener) {
    Iterations method = iterations(a, b, cost);
    new IterationLoop(IterationLoop.Config.of(StoppingRule.never())).run(method, listener);
    return method.result();
  }

  /** Sinkhorn's iterations for weights a, b and a cost matrix, for the iteration core to run. */
  public Iterations iterations(double[] a, double[] b, CostMatrix cost) {
    return new Iterations(a, b, cost);
  }

  /** Where a Sinkhorn run stands: the potentials, the current ε, iterations done, and in the stage. */
  public record State(double[] f, double[] g, double epsilon, int iterations, int inStage) implements Serializable {}

  /**
   * The iterations as an {@link IterativeMethod}. One step runs Sinkhorn iterations (an f and a g
   * update each) up to the next marginal check, every fifth iteration of a stage. A stage ends when
   * its error is met (intermediate stages only need 1e-4 before ε shrinks) or after 200 iterations;
   * the last stage (ε reached) ends the run {@code converged} when the error is ≤ the tolerance, and
   * the iteration budget ends it with {@code max-iterations}.
   */
  public final class Iterations implements IterativeMethod<State> {
    private final double[] a;
    private final double[] b;
    private final int n;
    private final int m;
    private final double sa;
    private final double sb;
    private final double[] c;
    private final double[] ct;
    private final double[] logA;
    private final double[] logB;
    private double[] f;
    private double[] g;
    private double eps;
    private int it;
    private int inStage;
    private double err = Double.POSITIVE_INFINITY;

    private Iterations(double[] a, double[] b, CostMatrix cost) {
      n = a.length;
      m = b.length;
      if (n == 0 || m == 0 || cost.rows() != n || cost.cols() != m) {
        throw new IllegalArgumentException("weights " + n + ", " + m + " vs cost " + cost.rows() + "x" + cost.cols());
      }
      this.a = a;
      this.b = b;
      sa = Marginals.balanced(a, b);
      sb = Marginals.total(b, "target");
      c = new double[n * m];
      ct = new double[n * m];
      double[] row = new double[m];
      double cmax = 0.0;
      for (int i = 0; i < n; i++) {
        cost.row(i, 0, m, row);
        for (int j = 0; j < m; j++) {
          c[i * m + j] = row[j];
          ct[j * n + i] = row[j];
          cmax = Math.max(cmax, Math.abs(row[j]));
        }
      }
      logA = logs(a);
      logB = logs(b);
      f = new double[n];
      g = new double[m];
      eps = Math.max(config.epsilon(), config.epsilonStart() > 0 ? config.epsilonStart() : cmax);
    }

    @Override
    public Step step(IterationContext ctx) {
      boolean last = eps <= config.epsilon();
      double stageTol = last ? config.tolerance() : Math.max(config.tolerance(), 1e-4);
      int stageCap = last ? Integer.MAX_VALUE : 200;
      do {
        softMin(c, n, m, g, logB, eps, f);
        softMin(ct, m, n, f, logA, eps, g);
        it++;
        inStage++;
      } while (inStage % 5 != 0 && it < config.maxIterations());
      err = rowError(c, n, m, f, g, logA, logB, a, eps) / sa;
      ctx.oracle().passes(inStage % 5 == 0 ? 5 : inStage % 5);
      Step s = Step.of("epsilon", eps, "marginal_error", err, "sinkhorn_iterations", it);
      boolean stageDone = err <= stageTol || inStage >= stageCap;
      if (stageDone && last) {
        return s.stopping(err <= config.tolerance() ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT);
      }
      if (it >= config.maxIterations()) {
        return s.stopping(StopReason.ITERATION_LIMIT);
      }
      if (stageDone) {
        eps = Math.max(config.epsilon(), eps * config.scalingFactor());
        inStage = 0;
      }
      return s;
    }

    @Override
    public State state() {
      return new State(f.clone(), g.clone(), eps, it, inStage);
    }

    @Override
    public void restore(State s) {
      if (s.f().length != n || s.g().length != m) {
        throw new IllegalArgumentException("saved potentials are " + s.f().length + "+" + s.g().length + ", not " + n + "+" + m);
      }
      f = s.f().clone();
      g = s.g().clone();
      eps = s.epsilon();
      it = s.iterations();
      inStage = s.inStage();
    }

    /** The plan, both costs and the potentials at the current state. */
    public Result result() {
      err = rowError(c, n, m, f, g, logA, logB, a, eps) / sa;
      double[] plan = new double[n * m];
      double transport = 0.0;
      double kl = 0.0;
      double mass = 0.0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double e = (f[i] + g[j] - c[i * m + j]) / eps;
          double pij = a[i] > 0 && b[j] > 0 ? Math.exp(logA[i] + logB[j] + e) : 0.0;
          plan[i * m + j] = pij;
          transport += pij * c[i * m + j];
          if (pij > 0) {
            kl += pij * e;
          }
          mass += pij;
        }
      }
      kl += sa * sb - mass; // generalized KL: Σ P log(P/ab) − ΣP + Σab
      return new Result(transport, transport + eps * kl, eps, it, err,
          err <= config.tolerance(), f.clone(), g.clone(), plan);
    }
  }

  /** out_i = −ε·log Σ_j exp(logW_j + (pot_j − C_ij)/ε) over row-major rows of c (rows × cols). */
  private static void softMin(double[] c, int rows, int cols, double[] pot, double[] logW, double eps, double[] out) {
    double inv = 1.0 / eps;
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      double mx = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < cols; j++) {
        double v = logW[j] + (pot[j] - c[base + j]) * inv;
        if (v > mx) {
          mx = v;
        }
      }
      double s = 0.0;
      for (int j = 0; j < cols; j++) {
        s += Math.exp(logW[j] + (pot[j] - c[base + j]) * inv - mx);
      }
      out[i] = -eps * (mx + Math.log(s));
    }
  }

  private static double rowError(double[] c, int n, int m, double[] f, double[] g, double[] logA, double[] logB,
      double[] a, double eps) {
    double err = 0.0;
    for (int i = 0; i < n; i++) {
      if (a[i] == 0) {
        continue;
      }
      double s = 0.0;
      for (int j = 0; j < m; j++) {
        s += Math.exp(logB[j] + (f[i] + g[j] - c[i * m + j]) / eps);
      }
      err += Math.abs(a[i] * s - a[i]);
    }
    return err;
  }

  private static double[] logs(double[] w) {
    double[] l = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      l[i] = Math.log(w[i]); // −∞ for zero weight: those terms vanish from the sums
    }
    return l;
  }
}
