package dev.geodesic.finitesum;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.Step;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;

/**
 * What the finite-sum solvers share: the problem, the step, the per-iteration report and the
 * {@code solve} entry points on the iteration core. One iteration is one epoch or outer round, so trace
 * rows are per data pass: {@code objective} (F + h), {@code grad_mapping_norm} at the solver's step,
 * {@code epochs} (data passes the method used so far, from {@code ctx.oracle()}) and, with f*,
 * {@code gap}.
 */
public abstract class FiniteSumMethod<S extends Serializable> implements IterativeMethod<S> {
  public static final String OBJECTIVE = "objective";
  public static final String GRAD_MAPPING_NORM = "grad_mapping_norm";
  public static final String EPOCHS = "epochs";
  public static final String GAP = "gap";

  protected final LinearModelShape shape;
  protected final FiniteSumOptions options;
  protected final double eta;
  protected final SeedSequence seeds;

  protected FiniteSumMethod(LinearModelShape shape, FiniteSumOptions options, double defaultStep) {
    this.shape = shape;
    this.options = options;
    this.eta = options.stepOr(defaultStep);
    this.seeds = SeedSequence.of(options.seed());
  }

  /** The solver's name. */
  public abstract String name();

  /** A copy of the current iterate. */
  public abstract double[] iterate();

  public LinearModelShape shape() {
    return shape;
  }

  /** The step η in use. */
  public double step() {
    return eta;
  }

  /**
   * η = 1/(2L + min(2Nμ, L)) with L = L_max + λ₂ and μ = λ₂, scikit-learn's SAGA step (its
   * {@code get_auto_step_size}); Defazio et al. prove 1/(3L) and 1/(2(μN + L)).
   */
  public static double sagaStep(FiniteSumProblem p) {
    double mu = p.penalty().l2();
    double l = p.maxRowSmoothness() + mu;
    return 1.0 / (2 * l + Math.min(2 * p.rows() * mu, l));
  }

  /** η = 1/(3L), L = L_max + λ₂: inside Johnson &amp; Zhang's range 1/(4L) … 1/(3L) for SVRG. */
  public static double svrgStep(FiniteSumProblem p) {
    return svrgStep(p.maxRowSmoothness(), p.penalty().l2());
  }

  /** 1/(3(L_max + λ₂)). */
  public static double svrgStep(double maxRowSmoothness, double l2) {
    return 1.0 / (3 * (maxRowSmoothness + l2));
  }

  /** The iteration's trace row for the iterate x, F(x) = f and ∇F(x) = grad. */
  protected Step report(IterationContext ctx, double[] x, double f, double[] grad) {
    return report(ctx, x, f, grad, eta);
  }

  /** As {@link #report(IterationContext, double[], double, double[])} with the mapping at step {@code mapStep}. */
  protected Step report(IterationContext ctx, double[] x, double f, double[] grad, double mapStep) {
    double obj = f + shape.penaltyValue(x);
    double gm = shape.gradientMappingNorm(x, grad, mapStep);
    double passes = ctx.oracle().snapshot().dataPasses();
    if (Double.isNaN(options.fstar())) {
      return Step.of(OBJECTIVE, obj, GRAD_MAPPING_NORM, gm, EPOCHS, passes);
    }
    return Step.of(OBJECTIVE, obj, GRAD_MAPPING_NORM, gm, EPOCHS, passes, GAP, obj - options.fstar());
  }

  /** Solves on this machine until {@code stop} fires. */
  public FiniteSumResult solve(FiniteSumStopping stop) {
    return solve(stop, ProgressListener.none());
  }

  public FiniteSumResult solve(FiniteSumStopping stop, ProgressListener listener) {
    if (stop.targetGap() > 0 && Double.isNaN(options.fstar())) {
      throw new IllegalArgumentException("a target gap needs f* (FiniteSumOptions.withFstar)");
    }
    return solve(IterationLoop.Config.of(stop.rule()), null, listener, new IterationLoop.Hooks<S>() {});
  }

  /**
   * Runs (or resumes from {@code resume}) under {@code config} with the given hooks: the form the
   * Spark driver and checkpointing use.
   */
  public FiniteSumResult solve(IterationLoop.Config config, Checkpoint<S> resume, ProgressListener listener,
      IterationLoop.Hooks<S> hooks) {
    IterationOutcome out = new IterationLoop(config).run(this, resume, listener, hooks);
    double[] x = iterate();
    IterationRecord r = out.last().orElseThrow(() -> new IllegalStateException("the run made no iteration"));
    return new FiniteSumResult(name(), x, shape.weights(x), shape.intercepts(x), r.metric(OBJECTIVE),
        r.metric(GRAD_MAPPING_NORM), step(), out);
  }
}
