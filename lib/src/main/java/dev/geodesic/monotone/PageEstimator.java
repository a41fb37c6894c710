package dev.geodesic.monotone;

import dev.geodesic.iteration.OracleCounter;
import java.util.SplittableRandom;

/**
 * The PAGE estimator of F (Li et al. 2021, "PAGE: a simple and optimal probabilistic gradient
 * estimator"), as Algorithm 1 of Cai et al. 2024 uses it: with probability p_k a full evaluation
 * g_k = F(u_k), else the recursive correction g_k = g_{k−1} + (1/b)·Σ_{i∈S_k}[F_i(u_k) − F_i(u_{k−1})]
 * over a batch S_k of b components drawn uniformly without replacement. The estimate is the only state.
 */
public final class PageEstimator {
  private final FiniteSumOperator operator;
  private final double[] g;
  private final int[] batch;
  private final boolean[] taken;

  public PageEstimator(FiniteSumOperator operator, int batchSize) {
    if (batchSize < 1 || batchSize > operator.components()) {
      throw new IllegalArgumentException("batch size must be in [1, " + operator.components() + "], got " + batchSize);
    }
    this.operator = operator;
    this.g = new double[operator.dimension()];
    this.batch = new int[batchSize];
    this.taken = new boolean[operator.components()];
  }

  public int batchSize() {
    return batch.length;
  }

  /** g ← F(u): n component evaluations. */
  public void refresh(double[] u, OracleCounter oracle) {
    operator.apply(u, g);
    oracle.componentsOf(operator.components(), operator.components());
  }

  /** g ← g + (1/b)·Σ_{i∈S}[F_i(u) − F_i(uPrev)], S drawn from {@code random}: 2b component evaluations. */
  public void correct(double[] u, double[] uPrev, SplittableRandom random, OracleCounter oracle) {
    sampleWithoutReplacement(random, operator.components(), batch, taken);
    correct(u, uPrev, batch, operator, oracle);
  }

  /** A batch S of b components drawn uniformly without replacement from {@code random} (a new array). */
  public int[] draw(SplittableRandom random) {
    int[] s = new int[batch.length];
    sampleWithoutReplacement(random, operator.components(), s, taken);
    return s;
  }

  /**
   * g ← g + (1/b)·Σ_{i∈S}[F_i(u) − F_i(uPrev)] for a drawn batch S, evaluated by {@code where} (the
   * operator, or components it fetched): 2b component evaluations.
   */
  public void correct(double[] u, double[] uPrev, int[] s, Components where, OracleCounter oracle) {
    where.addDifferences(s, s.length, u, uPrev, 1.0 / s.length, g);
    oracle.componentsOf(2L * s.length, operator.components());
  }

  /** The current estimate (live; do not modify). */
  public double[] estimate() {
    return g;
  }

  public double[] state() {
    return g.clone();
  }

  public void restore(double[] saved) {
    System.arraycopy(saved, 0, g, 0, g.length);
  }

  /**
   * Fills {@code out} with distinct indices in [0, n) by Floyd's algorithm (Bentley &amp; Floyd 1987):
   * O(b) draws, every b-subset equally likely; {@code taken} is n flags, all false on entry and exit.
   */
  static void sampleWithoutReplacement(SplittableRandom random, int n, int[] out, boolean[] taken) {
    int b = out.length;
    int s = 0;
    for (int j = n - b; j < n; j++) {
      int t = random.nextInt(j + 1);
      int pick = taken[t] ? j : t;
      taken[pick] = true;
      out[s++] = pick;
    }
    for (int i : out) {
      taken[i] = false;
    }
  }
}
