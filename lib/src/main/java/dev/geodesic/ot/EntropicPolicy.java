package dev.geodesic.ot;

/**
 * The numerical choices around {@link SinkhornSolver} that are policy rather than algorithm: the
 * default ε, the largest dense plan it may hold, and which entries of that plan are kept.
 */
public final class EntropicPolicy {
  /** Above this many entries the dense n×m plan (and the two cost copies) is refused: ≈ 800 MB per copy. */
  public static final long MAX_PLAN_ENTRIES = 100_000_000L;
  /** ε = DEFAULT_EPSILON_FRACTION × the mean ground cost. */
  public static final double DEFAULT_EPSILON_FRACTION = 0.01;
  /** Plan entries at or below this fraction of the plan's total mass are dropped when sparsified. */
  public static final double PLAN_DROP_FRACTION = 1e-12;

  private EntropicPolicy() {}

  /** The dense plan of an n×m problem would exceed {@link #MAX_PLAN_ENTRIES}. */
  public static final class PlanTooLargeException extends IllegalArgumentException {
    private final int n;
    private final int m;

    PlanTooLargeException(int n, int m) {
      super("Sinkhorn keeps a dense n×m plan: " + n + "×" + m + " exceeds " + MAX_PLAN_ENTRIES + " entries");
      this.n = n;
      this.m = m;
    }

    public int rows() {
      return n;
    }

    public int cols() {
      return m;
    }
  }

  /** @throws PlanTooLargeException when n·m exceeds {@link #MAX_PLAN_ENTRIES} */
  public static void requireDensePlanFits(int n, int m) {
    if ((long) n * m > MAX_PLAN_ENTRIES) {
      throw new PlanTooLargeException(n, m);
    }
  }

  /**
   * 1% of the mean ground cost, estimated on a strided grid of at most ~10^4 entries (ε only needs
   * the cost's scale, and the full mean would cost a pass over n·m entries); 0.01 when every sampled
   * cost is 0, so ε stays positive.
   */
  public static double defaultEpsilon(CostMatrix cost) {
    int n = cost.rows();
    int m = cost.cols();
    int si = Math.max(1, n / 100);
    int sj = Math.max(1, m / 100);
    double s = 0;
    long c = 0;
    for (int i = 0; i < n; i += si) {
      for (int j = 0; j < m; j += sj) {
        s += cost.cost(i, j);
        c++;
      }
    }
    return DEFAULT_EPSILON_FRACTION * (s > 0 ? s / c : 1.0);
  }

  /**
   * The entries of a dense row-major n×m plan above {@link #PLAN_DROP_FRACTION} of its total mass, in
   * row-major order. Sinkhorn's plan is positive everywhere; the dropped mass is at most
   * n·m·{@link #PLAN_DROP_FRACTION} of the total (≤ 10^-4 at {@link #MAX_PLAN_ENTRIES}).
   */
  public static TransportPlan sparsePlan(double[] plan, int n, int m) {
    if (plan.length != (long) n * m) {
      throw new IllegalArgumentException("plan has " + plan.length + " entries for " + n + "×" + m);
    }
    double total = 0;
    for (double v : plan) {
      total += v;
    }
    double threshold = PLAN_DROP_FRACTION * total;
    int kept = 0;
    for (double v : plan) {
      if (v > threshold) {
        kept++;
      }
    }
    int[] rows = new int[kept];
    int[] cols = new int[kept];
    double[] mass = new double[kept];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double v = plan[i * m + j];
        if (v > threshold) {
          rows[k] = i;
          cols[k] = j;
          mass[k++] = v;
        }
      }
    }
    return new TransportPlan(n, m, rows, cols, mass);
  }
}
