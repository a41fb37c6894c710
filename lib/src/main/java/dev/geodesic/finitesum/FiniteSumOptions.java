package dev.geodesic.finitesum;

/**
 * Options shared by the finite-sum solvers.
 *
 * @param step the step η; NaN for the solver's default from the smoothness constants
 * @param fstar the optimal value F* + h* when known (the trace then reports {@code gap}); NaN if not
 * @param seed the seed of the row sampling ({@code SeedSequence} streams keyed by purpose and epoch)
 * @param innerPasses SVRG: inner steps per outer round as a multiple of N (m = innerPasses·N, default
 *     2); the distributed method: local passes over its rows per round
 */
public record FiniteSumOptions(double step, double fstar, long seed, double innerPasses) {
  public FiniteSumOptions {
    if (!Double.isNaN(step) && !(step > 0 && Double.isFinite(step))) {
      throw new IllegalArgumentException("step must be finite and > 0, got " + step);
    }
    if (!(innerPasses > 0) || Double.isInfinite(innerPasses)) {
      throw new IllegalArgumentException("inner passes must be finite and > 0, got " + innerPasses);
    }
  }

  /** Default steps, no f*, seed 1, m = 2N. */
  public static FiniteSumOptions defaults() {
    return new FiniteSumOptions(Double.NaN, Double.NaN, 1L, 2.0);
  }

  public FiniteSumOptions withStep(double s) {
    return new FiniteSumOptions(s, fstar, seed, innerPasses);
  }

  public FiniteSumOptions withFstar(double f) {
    return new FiniteSumOptions(step, f, seed, innerPasses);
  }

  public FiniteSumOptions withSeed(long s) {
    return new FiniteSumOptions(step, fstar, s, innerPasses);
  }

  public FiniteSumOptions withInnerPasses(double p) {
    return new FiniteSumOptions(step, fstar, seed, p);
  }

  /** The step, or {@code fallback} when none was given. */
  public double stepOr(double fallback) {
    return Double.isNaN(step) ? fallback : step;
  }
}
