package dev.geodesic.jobs.cli;

import dev.geodesic.ot.GroundCost;
import picocli.CommandLine.Option;

/**
 * The options of every command that computes a Wasserstein distance ({@code ot}, {@code fedwad}):
 * {@code --p}, checked, filling the lib's {@link GroundCost}. Use it with {@code @Mixin}.
 */
public final class TransportOptions {
  @Option(names = "--p", defaultValue = "2", paramLabel = "P",
      description = "Order p ≥ 1 of W_p (ground cost ‖x−y‖^p). Default: ${DEFAULT-VALUE}.")
  double p = 2;

  /** Fails with {@code error: --p must be >= 1, got …}. */
  public void validate() {
    OptionChecks.atLeast("--p", p, 1);
  }

  public double p() {
    return p;
  }

  /** The checked ground cost. */
  public GroundCost toConfig() {
    validate();
    return new GroundCost(p);
  }
}
