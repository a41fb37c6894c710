package dev.geodesic.finitesum.distributed;

import dev.geodesic.finitesum.RowSampling;
import java.util.Locale;

/** What every shard runs between two full gradients of {@link DistributedSvrg}. */
public enum LocalSolver {
  /** m = innerPasses·n_s steps of SVRG from the snapshot with the global correction μ. */
  SVRG("svrg"),
  /**
   * SAGA with the table started at the snapshot's derivatives and its mean at μ: the other shards' rows
   * stay frozen at the snapshot, so ḡ = μ + (1/N)·Σ_{local i}(α_i − α_i(w))·a_i.
   */
  SAGA("saga"),
  /**
   * Loopless SVRG across the cluster: one coin per step refreshes the snapshot with probability 1/N, so
   * a round's length L is geometric with mean N (drawn on the driver, shared by all shards, each taking
   * its share L·n_s/N of the steps).
   */
  LOOPLESS_SVRG("lsvrg");

  private final String label;

  LocalSolver(String label) {
    this.label = label;
  }

  /**
   * θ of the smoothness-proportional draws ({@link dev.geodesic.finitesum.SmoothnessSampling}): 1 (pure
   * ∝ L_i) for SVRG and loopless SVRG, whose snapshot refreshes every row's reference each round; 1/2 for
   * SAGA, whose table entry of a rarely drawn row would go stale (with pure ∝ L_i draws local SAGA
   * diverged on the estimator's elastic-net and multinomial tests).
   */
  public double smoothnessMixture() {
    return this == SAGA ? 0.5 : 1.0;
  }

  /**
   * The draws this solver takes unless told otherwise: ∝ smoothness for SVRG and loopless SVRG; uniform
   * for SAGA, whose local passes at the larger steps weighted draws allow failed the estimator's
   * elastic-net and multinomial tests, even with the half-uniform mixture.
   */
  public RowSampling defaultSampling() {
    return this == SAGA ? RowSampling.UNIFORM : RowSampling.SMOOTHNESS;
  }

  public String label() {
    return label;
  }

  public static LocalSolver fromLabel(String s) {
    for (LocalSolver l : values()) {
      if (l.label.equals(s.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown local solver '" + s + "' (svrg, saga, lsvrg)");
  }
}
