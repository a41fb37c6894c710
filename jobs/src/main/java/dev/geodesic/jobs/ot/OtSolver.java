package dev.geodesic.jobs.ot;

import dev.geodesic.jobs.cli.OptionChecks;

/** {@code ot --solver}: which algorithm {@link CentralizedOtJob} runs, and how its summary names it. */
public enum OtSolver {
  EXACT("network-simplex", "pivots"),
  SINKHORN("sinkhorn-log-domain", "iteration"),
  SLICED("sliced-wasserstein", "projection");

  private final String method;
  private final String progressUnit;

  OtSolver(String method, String progressUnit) {
    this.method = method;
    this.progressUnit = progressUnit;
  }

  /** summary.json's {@code method}. */
  public String method() {
    return method;
  }

  /** What one progress line counts. */
  public String progressUnit() {
    return progressUnit;
  }

  @Override
  public String toString() {
    return OptionChecks.spelling(this);
  }
}
