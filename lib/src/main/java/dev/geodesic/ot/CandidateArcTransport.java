package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact optimal transport between two point clouds by the network simplex on a sparse set of
 * candidate arcs, grown by pricing all n·m arcs until none has a negative reduced cost (column
 * generation, or "delayed column generation" for the transportation problem: Dantzig–Wolfe; the
 * restricted-arc / shielding family of Schmitzer 2016 and Gottschlich–Schuhmacher 2014 uses the
 * same certificate).
 *
 * <p>Each round: the {@link NetworkSimplex} tree pivots over the candidate arcs only (warm-started
 * from the previous round's basis, which stays primal feasible: basic arcs need not be candidates);
 * its potentials are then recomputed exactly along the tree, and every arc (i, j) is priced,
 * r_ij = C_ij − u_i − v_j, in row blocks shared by {@code threads} threads. For p = 2 a block of
 * rows is one {@code dgemm} on the clouds centred on the union's mean ({@link CentredSquaredDistances});
 * an arc whose value from the expansion lies within the expansion's rounding bound of the threshold
 * is repriced with C_ij by differences, so the test r_ij &lt; −ε is decided on the exact cost. Other p
 * price by differences. The up to {@link Config#arcsPerRow()} most negative arcs of each row enter
 * the candidate set; when no arc is below −ε the plan is optimal and the duals are a certificate:
 * u_i + v_j ≤ C_ij + ε on all n·m arcs, ε = {@value NetworkSimplex#PIVOT_TOLERANCE}·C_max.
 *
 * <p>Round 0 (the initial candidates), for problems large enough to coarsen ({@link Config#coarsening()}):
 * the {@link Config#neighbours()} arcs of smallest reduced cost in each row and each column under duals
 * taken from the problem on every 4th atom (see {@code coarseColumnDuals}; on n = m = 20 000, d = 10:
 * 5 rounds and 1.14M pivots instead of 9 and 3.65M). Otherwise: the {@link Config#neighbours()} nearest targets of each source
 * and nearest sources of each target once the sources are moved onto the targets' mean (two pricing passes with
 * u = v = 0 on the translated sources; for p = 2 the translation changes every coupling's cost by the same amount;
 * with the targets' neighbours
 * too, the restricted problem's duals are far better: 5 rounds and 74k pivots instead of 10 and 224k
 * on n = m = 2000, d = 10). The initial basis is {@link NetworkSimplex}'s north-west corner (sorting
 * both sides along the principal axis first, the 1-D optimal plan, saved no pivots on n = 4000, d = 10).
 *
 * <p>Memory: the points, O((n + m)·d); the candidates, 16 bytes per arc, ≈ (n + m)·neighbours + n·rounds·arcsPerRow;
 * one pricing tile of at most 2¹⁵ doubles per thread; and when n·m ≤ {@link Config#cacheEntries()}, the first
 * pass's Gram products (p = 2) or costs, 8 bytes per arc, so that later passes only scan them. Zero-weight atoms are removed before and their duals
 * set afterwards (the largest feasible value), as in {@link NetworkSimplex}.
 */
public final class CandidateArcTransport {
  /** From this many arcs n·m on, {@link OptimalTransport#exact} uses this solver rather than the full simplex. */
  public static final long MIN_ARCS = 1L << 20;
  /** Largest doubles in one pricing tile (256 KB: within a core's L2). */
  private static final int TILE_ENTRIES = 1 << 15;
  /**
   * Default {@link Config#cacheEntries()}: most arcs n·m whose pass-independent pricing values (the Gram products
   * −2x'ᵀy' for p = 2, the costs otherwise) are kept from the first pass for the later ones (8 bytes each: 64 MB;
   * two FedWaD clients solving at once on one executor hold 128 MB). A pass then scans memory
   * instead of recomputing them: a FedWaD interpolant of 3999 atoms against its 2000-point client in d = 50
   * took 64 passes of 0.11 s each.
   */
  public static final long CACHE_ENTRIES = 1L << 23;
  /** Default {@link Config#coarsening()}: the coarse problem takes every 4th atom of each side. */
  public static final int DEFAULT_COARSENING = 4;
  /** The coarse problem's least size (arcs) for coarsening to pay: below it the neighbours do as well. */
  private static final long COARSE_MIN_ARCS = 1L << 18;
  /** Most rows in one pricing block (a task of one thread). */
  private static final int BLOCK_ROWS = 64;
  private static final double UNIT_ROUNDOFF = 0x1p-53;
  /** At most this many rows still violating count as the tail of the pricing (see {@link #tailQuota}). */
  private static final int TAIL_ROWS = 4;
  /** Entries of the largest selection the tail's quota may grow to (n × quota; 4M entries ≈ 48 MB). */
  private static final long TAIL_ENTRIES = 1L << 22;

  /**
   * @param neighbours nearest targets per source, and nearest sources per target, in the initial candidates
   * @param arcsPerRow most negative arcs per source added in one pricing round
   * @param threads pricing threads (0: the available processors)
   * @param maxRounds pricing rounds before giving up certification
   * @param simplex the network simplex's pivot budget (per round) and block size
   * @param coarsening f ≥ 2: the initial candidates come from the duals of the problem on every f-th atom
   *     (when that problem has at least 2²⁰ arcs); 0 or 1: from the nearest neighbours
   * @param cacheEntries most arcs n·m whose pass-independent pricing values are kept between passes (8 bytes
   *     each; 0: recompute them every pass)
   */
  public record Config(int neighbours, int arcsPerRow, int threads, int maxRounds, NetworkSimplex.Config simplex,
      int coarsening, long cacheEntries) {
    public Config {
      if (neighbours < 1 || arcsPerRow < 1 || threads < 0 || maxRounds < 1 || coarsening < 0 || cacheEntries < 0) {
        throw new IllegalArgumentException(
            "neighbours, arcsPerRow, maxRounds must be >= 1, threads, coarsening and cacheEntries >= 0");
      }
    }

    /** Keeping the pricing values of up to {@link #CACHE_ENTRIES} arcs. */
    public Config(int neighbours, int arcsPerRow, int threads, int maxRounds, NetworkSimplex.Config simplex,
        int coarsening) {
      this(neighbours, arcsPerRow, threads, maxRounds, simplex, coarsening, CACHE_ENTRIES);
    }

    /** Without coarsening (the initial candidates are the nearest neighbours). */
    public Config(int neighbours, int arcsPerRow, int threads, int maxRounds, NetworkSimplex.Config simplex) {
      this(neighbours, arcsPerRow, threads, maxRounds, simplex, 0);
    }

    /**
     * 16 arcs each way, 8 arcs per row per round, all cores, coarsening by {@value #DEFAULT_COARSENING}
     * (measured on Gaussian clouds, d = 10), pricing values kept up to {@link #CACHE_ENTRIES} arcs.
     */
    public static Config defaults() {
      return new Config(16, 8, 0, 1000, NetworkSimplex.Config.defaults(), DEFAULT_COARSENING);
    }

    public Config withSimplex(NetworkSimplex.Config s) {
      return new Config(neighbours, arcsPerRow, threads, maxRounds, s, coarsening, cacheEntries);
    }

    public Config withThreads(int t) {
      return new Config(neighbours, arcsPerRow, t, maxRounds, simplex, coarsening, cacheEntries);
    }

    public Config withCoarsening(int f) {
      return new Config(neighbours, arcsPerRow, threads, maxRounds, simplex, f, cacheEntries);
    }

    public Config withCacheEntries(long entries) {
      return new Config(neighbours, arcsPerRow, threads, maxRounds, simplex, coarsening, entries);
    }
  }

  /**
   * @param solution the plan, cost and duals (indices of the input atoms; status OPTIMAL when certified)
   * @param rounds pricing passes over all n·m arcs, the initial neighbour pass included
   * @param candidateArcs size of the final candidate set
   * @param maxDualViolation max over all n·m arcs of max(0, u_i + v_j − C_ij) at the last pricing pass
   * @param tolerance ε, the dual feasibility tolerance the certificate is stated to
   * @param certified whether no arc violates dual feasibility by more than ε
   */
  public record Result(NetworkSimplex.Result solution, int rounds, long candidateArcs, double maxDualViolation,
      double tolerance, boolean certified) {}

  private final Config config;

  public CandidateArcTransport() {
    this(Config.defaults());
  }

  public CandidateArcTransport(Config config) {
    this.config = config;
  }

  public Result solve(DiscreteMeasure mu, DiscreteMeasure nu, double p) {
    return solve(mu, nu, p, ProgressListener.none());
  }

  /**
   * Exact OT for the ground cost ‖x − y‖^p; {@code listener} receives one record per pricing round
   * ({@code pivots}, {@code candidate_arcs}, {@code added_arcs}: the violating arcs taken in, {@code max_dual_violation},
   * and where the time went so far: {@code simplex_seconds} pivoting, {@code pricing_seconds} pricing all arcs,
   * the initial neighbour passes included).
   *
   * @throws IllegalArgumentException on a dimension mismatch or unbalanced masses
   */
  public Result solve(DiscreteMeasure mu, DiscreteMeasure nu, double p, ProgressListener listener) {
    PointCloudCost.checkExponent(p);
    if (mu.dimension() != nu.dimension()) {
      throw new IllegalArgumentException("dimension mismatch: " + mu.dimension() + " vs " + nu.dimension());
    }
    double[] a = mu.weights();
    double[] b = nu.weights();
    Marginals.balanced(a, b);
    int d = mu.dimension();
    NetworkSimplex.PositiveSupport support = NetworkSimplex.PositiveSupport.of(a, b);
    double[] aa = support.a();
    double[] bb = support.b();
    DenseMatrix xs = select(mu.atoms(), support.rows());
    DenseMatrix ys = select(nu.atoms(), support.cols());
    PointCloudCost cost = new PointCloudCost(xs, ys, p);
    Pricer pricer = new Pricer(cost, p == 2.0 && d > 0 ? new CentredSquaredDistances(xs, ys) : null, threads(),
        (long) aa.length * bb.length <= config.cacheEntries());
    NetworkSimplex.Tree tree = new NetworkSimplex.Tree(aa, bb, cost, config.simplex());
    int n = aa.length;
    int m = bb.length;
    double tol = tree.tolerance();
    long start = System.nanoTime();

    Arcs arcs = new Arcs(Math.max(16, (long) n * Math.min(m, config.neighbours())));
    // Round 0 prices against approximate duals: zero (nearest neighbours), or the c-transforms of a
    // coarse problem's duals when the problem is large enough to coarsen (see coarseColumnDuals).
    long[] coarsePivots = new long[1];
    double[] coarse = coarseColumnDuals(xs, ys, aa, bb, p, coarsePivots);
    double[] v0 = coarse != null ? coarse : new double[m];
    double[] u0 = new double[n];
    // Without coarse duals the neighbours are taken with the sources moved onto the targets' mean: for p = 2
    // the same problem up to separable terms (‖x − y‖² = ‖x − δ − y‖² + 2x·δ − 2y·δ − ‖δ‖², which every
    // coupling pays alike), so its nearest neighbours are far better candidates when the clouds are far apart
    // (a FedWaD interpolant of 2600 atoms against a 1500-point client 4 spreads away in d = 2: 6 pricing
    // passes and 41k pivots instead of 30 and 459k).
    DenseMatrix xn = coarse != null ? xs : translated(xs, aa, ys, bb);
    PointCloudCost nearCost = xn == xs ? cost : new PointCloudCost(xn, ys, p);
    Pricer byRow = xn == xs ? pricer
        : new Pricer(nearCost, p == 2.0 && d > 0 ? new CentredSquaredDistances(xn, ys) : null, threads(), false);
    Selection nearest = byRow.price(u0, v0, Double.POSITIVE_INFINITY, Math.min(m, config.neighbours()));
    arcs.add(nearest, cost, false);
    if (coarse != null) {
      for (int i = 0; i < n; i++) {
        u0[i] = nearest.values[i * nearest.perRow]; // min_j (C_ij − v0_j): the c-transform
      }
    }
    // and the nearest sources of each target, so every target has cheap arcs (the transposed problem)
    PointCloudCost transposed = new PointCloudCost(ys, xn, p);
    Pricer byColumn = new Pricer(transposed, p == 2.0 && d > 0 ? new CentredSquaredDistances(ys, xn) : null, threads(),
        false);
    arcs.add(byColumn.price(v0, u0, Double.POSITIVE_INFINITY, Math.min(n, config.neighbours())), cost, true);
    int rounds = 1;
    long pivots = coarsePivots[0]; // the coarse problem's pivots count in the total
    double violation = 0.0;
    boolean certified = false;
    boolean budgetHit = false;
    double[] u = new double[n];
    double[] v = new double[m];
    long simplexNanos = 0;
    long pricingNanos = 0;
    long initialNanos = System.nanoTime() - start;
    int perRow = config.arcsPerRow();
    int maxPerRow = (int) Math.max(perRow, Math.min(m, TAIL_ENTRIES / n));
    while (true) {
      tree.useArcs(arcs.rows, arcs.cols, arcs.costs, arcs.count);
      long ts = System.nanoTime();
      pivots += tree.run(ProgressListener.none());
      simplexNanos += System.nanoTime() - ts;
      if (!tree.optimal()) {
        budgetHit = true;
        break;
      }
      tree.refreshPotentials();
      double[] pi = tree.potentials();
      for (int i = 0; i < n; i++) {
        u[i] = -pi[i];
      }
      for (int j = 0; j < m; j++) {
        v[j] = pi[n + j];
      }
      long tp = System.nanoTime();
      Selection violating = pricer.price(u, v, -tol, perRow);
      pricingNanos += System.nanoTime() - tp;
      rounds++;
      violation = Math.max(0.0, -violating.minReducedCost);
      long before = arcs.count;
      boolean more = violating.total > 0 && rounds <= config.maxRounds();
      long added = violating.total;
      if (more) {
        // each violating row's most negative arcs, and each violating column's most negative one
        arcs.add(violating, cost, false);
        added += arcs.addColumnBest(violating, cost);
      }
      listener.onIteration(IterationRecord.of(rounds - 1, (System.nanoTime() - start) * 1e-9, "pivots", pivots,
          "candidate_arcs", before, "added_arcs", added, "max_dual_violation", violation, "simplex_seconds", simplexNanos * 1e-9,
          "pricing_seconds", (pricingNanos + initialNanos) * 1e-9));
      if (violating.total == 0) {
        certified = true;
        break;
      }
      if (!more) {
        break;
      }
      perRow = tailQuota(violating, perRow, maxPerRow);
    }
    NetworkSimplex.Result r = tree.result(pivots);
    NetworkSimplex.Status status = certified ? NetworkSimplex.Status.OPTIMAL : NetworkSimplex.Status.ITERATION_LIMIT;
    NetworkSimplex.Result mapped = support.restricted()
        ? support.mapBack(r, new PointCloudCost(mu.atoms(), nu.atoms(), p), status)
        : new NetworkSimplex.Result(r.cost(), r.planRows(), r.planCols(), r.planMass(), r.u(), r.v(), r.iterations(), status);
    if (budgetHit) {
      violation = Double.NaN;
    }
    return new Result(mapped, rounds, arcs.count, violation, tol, certified);
  }

  /**
   * The arcs a violating row may bring in at the next pass. When only a few rows still violate and one of them
   * filled its quota, that row's optimal arcs lie deep in its reduced-cost order (measured: a FedWaD interpolant
   * of 3998 atoms against its 2000-point client took 101 and 228 passes adding 8 arcs each, 47 and 92 s of
   * pricing), so the quota doubles, up to {@code max}; each pass costs a full pricing, the extra arcs very little.
   */
  private static int tailQuota(Selection violating, int perRow, int max) {
    int rows = 0;
    boolean full = false;
    for (int c : violating.counts) {
      if (c > 0) {
        rows++;
        full |= c == perRow;
      }
    }
    return full && rows <= TAIL_ROWS ? Math.min(max, 2 * perRow) : perRow;
  }

  /**
   * Target potentials v_j = min over a coarse problem's sources i of (C_ij − u_i), u the duals of the
   * problem restricted to every f-th source and target (f = {@link Config#coarsening()}, masses kept
   * and rescaled), solved by this solver; null when the problem is too small to coarsen. With these
   * duals' c-transform for the sources, the arcs of smallest reduced cost are a far better first
   * candidate set than the nearest neighbours (a two-level version of the multiscale schemes of
   * Mérigot 2011 and Schmitzer 2016): fewer pricing rounds, and fewer pivots re-shaping the tree
   * after each.
   */
  private double[] coarseColumnDuals(DenseMatrix xs, DenseMatrix ys, double[] a, double[] b, double p,
      long[] pivots) {
    int f = config.coarsening();
    int n = a.length;
    int m = b.length;
    if (f < 2 || (long) (n / f) * (m / f) < COARSE_MIN_ARCS) {
      return null;
    }
    int[] rows = strided(n, f);
    int[] cols = strided(m, f);
    double[] ac = new double[rows.length];
    double[] bc = new double[cols.length];
    for (int k = 0; k < rows.length; k++) {
      ac[k] = a[rows[k]];
    }
    double sa = java.util.Arrays.stream(ac).sum();
    for (int k = 0; k < cols.length; k++) {
      bc[k] = b[cols[k]];
    }
    double sb = java.util.Arrays.stream(bc).sum();
    for (int k = 0; k < bc.length; k++) {
      bc[k] *= sa / sb;
    }
    DenseMatrix xc = select(xs, rows);
    DenseMatrix yc = select(ys, cols);
    Result coarse = new CandidateArcTransport(config).solve(new DiscreteMeasure(xc, ac), new DiscreteMeasure(yc, bc), p);
    double[] uc = coarse.solution().u();
    pivots[0] = coarse.solution().iterations();
    int d = xs.rows();
    Pricer byTarget = new Pricer(new PointCloudCost(ys, xc, p), p == 2.0 && d > 0 ? new CentredSquaredDistances(ys, xc) : null,
        threads(), false);
    Selection best = byTarget.price(new double[m], uc, Double.POSITIVE_INFINITY, 1);
    double[] v = new double[m];
    for (int j = 0; j < m; j++) {
      v[j] = best.values[j];
    }
    return v;
  }

  /** 0, f, 2f, … below n. */
  private static int[] strided(int n, int f) {
    int[] idx = new int[(n + f - 1) / f];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k * f;
    }
    return idx;
  }

  /**
   * The sources moved by the difference of the two weighted means, δ = Σa_i x_i / Σa − Σb_j y_j / Σb, so
   * that both clouds share one mean: for the initial neighbours only (the arcs keep their true costs).
   */
  private static DenseMatrix translated(DenseMatrix xs, double[] a, DenseMatrix ys, double[] b) {
    int d = xs.rows();
    double[] mx = new DiscreteMeasure(xs, a).mean();
    double[] my = new DiscreteMeasure(ys, b).mean();
    double[] xv = xs.values();
    double[] out = new double[xv.length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < d; k++) {
        out[i * d + k] = xv[i * d + k] - (mx[k] - my[k]);
      }
    }
    return DenseMatrix.wrap(d, a.length, out);
  }

  private int threads() {
    return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
  }

  private static DenseMatrix select(DenseMatrix x, int[] idx) {
    int d = x.rows();
    double[] out = new double[idx.length * d];
    for (int k = 0; k < idx.length; k++) {
      System.arraycopy(x.values(), idx[k] * d, out, k * d, d);
    }
    return DenseMatrix.wrap(d, idx.length, out);
  }


  /** The candidate arcs, growable; costs by differences (the values the tree's pivots use). */
  private static final class Arcs {
    int[] rows;
    int[] cols;
    double[] costs;
    int count;

    Arcs(long capacity) {
      int c = (int) Math.min(Integer.MAX_VALUE - 8, capacity);
      rows = new int[c];
      cols = new int[c];
      costs = new double[c];
    }

    /**
     * Adds each column's most negative arc ({@link Selection#columnBest}) that its row's selection does not
     * already hold; returns how many.
     */
    long addColumnBest(Selection s, PointCloudCost cost) {
      int extra = 0;
      int[] take = new int[s.columnBest.length];
      for (int j = 0; j < take.length; j++) {
        int i = s.columnBest[j];
        take[j] = i >= 0 && !s.holds(i, j) ? i : -1;
        extra += take[j] >= 0 ? 1 : 0;
      }
      grow(count + extra);
      for (int j = 0; j < take.length; j++) {
        if (take[j] >= 0) {
          rows[count] = take[j];
          cols[count] = j;
          costs[count] = cost.cost(take[j], j);
          count++;
        }
      }
      return extra;
    }

    private void grow(long need) {
      if (need > rows.length) {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, (long) rows.length * 3 / 2));
        rows = Arrays.copyOf(rows, cap);
        cols = Arrays.copyOf(cols, cap);
        costs = Arrays.copyOf(costs, cap);
      }
    }

    /**
     * Adds the selected arcs with their costs C_ij from {@code cost} (sources × targets); {@code transposed}:
     * the selection's rows are targets and its columns sources.
     */
    void add(Selection s, PointCloudCost cost, boolean transposed) {
      grow(count + s.total);
      int r = s.perRow;
      for (int i = 0; i < s.counts.length; i++) {
        for (int q = 0; q < s.counts[i]; q++) {
          int j = s.cols[i * r + q];
          int source = transposed ? j : i;
          int target = transposed ? i : j;
          rows[count] = source;
          cols[count] = target;
          costs[count] = cost.cost(source, target);
          count++;
        }
      }
    }
  }

  /** Per source row, the up to perRow arcs of smallest reduced cost below the threshold. */
  private static final class Selection {
    final int perRow;
    final int[] counts;
    final int[] cols;
    final double[] values;
    long total;
    double minReducedCost = Double.POSITIVE_INFINITY;
    /**
     * Per target column, the source of its most negative arc below the threshold, or −1 (exact passes only; for
     * p = 2 by the expansion's value, which may pass an arc within its rounding of the threshold: a candidate needs
     * no exact test).
     */
    int[] columnBest;

    Selection(int n, int perRow) {
      this.perRow = perRow;
      this.counts = new int[n];
      this.cols = new int[n * perRow];
      this.values = new double[n * perRow];
    }

    /** Whether row i's selection holds column j. */
    boolean holds(int i, int j) {
      int base = i * perRow;
      for (int q = 0; q < counts[i]; q++) {
        if (cols[base + q] == j) {
          return true;
        }
      }
      return false;
    }

    /**
     * Keeps row i's perRow smallest values (insertion into a sorted prefix of length ≤ perRow) and
     * returns the value a later arc of the row must be below to be kept: the threshold until the row
     * is full, then its largest kept value.
     */
    double offer(int i, int j, double r, double threshold) {
      int base = i * perRow;
      int c = counts[i];
      if (c == perRow && r >= values[base + c - 1]) {
        return values[base + c - 1];
      }
      int q = c == perRow ? c - 1 : c;
      while (q > 0 && values[base + q - 1] > r) {
        values[base + q] = values[base + q - 1];
        cols[base + q] = cols[base + q - 1];
        q--;
      }
      values[base + q] = r;
      cols[base + q] = j;
      if (c < perRow) {
        counts[i] = c + 1;
      }
      return counts[i] == perRow ? Math.min(threshold, values[base + perRow - 1]) : threshold;
    }
  }

  /**
   * Prices all n·m arcs in tiles of rows × columns shared by the threads (a row block per task, its
   * columns in tiles of at most {@link #TILE_ENTRIES} entries, so that the gemm's output is scanned
   * while it is still in cache: one B×m block of 16 MB at m = 20 000 went to memory and back).
   */
  private static final class Pricer {
    private final PointCloudCost cost;
    private final CentredSquaredDistances expansion; // p = 2, else null
    private final int threads;
    private final int n;
    private final int m;
    private final int blockRows;
    private final int tileCols;
    /** The tiles' Gram products (p = 2) or costs, tile after tile (see {@link #tileOffset}); null: not kept. */
    private final double[] cache;
    private boolean cached;

    /** @param keep whether to keep the pass-independent values for later passes */
    Pricer(PointCloudCost cost, CentredSquaredDistances expansion, int threads, boolean keep) {
      this.cost = cost;
      this.expansion = expansion;
      this.threads = threads;
      this.n = cost.rows();
      this.m = cost.cols();
      this.blockRows = Math.max(1, Math.min(BLOCK_ROWS, TILE_ENTRIES / Math.max(1, m)));
      this.tileCols = Math.max(1, Math.min(m, TILE_ENTRIES / blockRows));
      this.cache = keep ? new double[n * m] : null;
    }

    /**
     * Where the tile of rows [i0, i1) and columns from j0 starts in {@link #cache}: the row block's n·m slice
     * [i0·m, i1·m) holds its tiles one after the other, each row-major over its own width.
     */
    private int tileOffset(int i0, int i1, int j0) {
      return i0 * m + (i1 - i0) * j0;
    }

    /**
     * Arcs with r_ij = C_ij − u_i − v_j below {@code threshold} (decided on the exact cost; an infinite
     * threshold selects by the expansion's value, for the neighbour pass), the perRow smallest per row.
     */
    Selection price(double[] u, double[] v, double threshold, int perRow) {
      Selection sel = new Selection(n, perRow);
      int blocks = (n + blockRows - 1) / blockRows;
      AtomicInteger next = new AtomicInteger();
      double[] minByThread = new double[threads];
      long[] countByThread = new long[threads];
      // ny_j − v_j once per pass (p = 2); the slack covers the expansion's and these sums' rounding
      double[] colTerm = null;
      double colMagnitude = 0.0;
      double maxNorm = 0.0;
      if (expansion != null) {
        colTerm = new double[m];
        for (int j = 0; j < m; j++) {
          double e = expansion.columnSquaredNorm(j);
          colTerm[j] = e - v[j];
          colMagnitude = Math.max(colMagnitude, e + Math.abs(v[j]));
        }
        maxNorm = expansion.maxColumnNorm();
      }
      final double[] ct = colTerm;
      final double cm = colMagnitude;
      final double mn = maxNorm;
      final boolean exact = threshold != Double.POSITIVE_INFINITY;
      // exact passes also keep each column's most negative arc, per thread, merged below
      final double[][] columnValue = exact ? new double[threads][] : null;
      final int[][] columnRow = exact ? new int[threads][] : null;
      final boolean fill = cache != null && !cached;
      final boolean reuse = cache != null && cached;
      Runnable[] work = new Runnable[threads];
      for (int t = 0; t < threads; t++) {
        final int id = t;
        work[t] = () -> {
          double[] tile = new double[blockRows * tileCols];
          double[] colBest = null;
          int[] colRow = null;
          if (exact) {
            colBest = new double[m];
            colRow = new int[m];
            Arrays.fill(colBest, threshold);
            Arrays.fill(colRow, -1);
            columnValue[id] = colBest;
            columnRow[id] = colRow;
          }
          double[] rowBuf = expansion == null ? new double[tileCols] : null;
          double[] cut = new double[blockRows];
          double[] slack = new double[blockRows];
          double[] rowTerm = new double[blockRows];
          double localMin = Double.POSITIVE_INFINITY;
          int blk;
          while ((blk = next.getAndIncrement()) < blocks) {
            int i0 = blk * blockRows;
            int i1 = Math.min(n, i0 + blockRows);
            for (int i = i0; i < i1; i++) {
              cut[i - i0] = threshold;
              if (expansion != null) {
                rowTerm[i - i0] = expansion.rowSquaredNorm(i) - u[i];
                slack[i - i0] = expansion.rowErrorBound(i, mn)
                    + 8 * UNIT_ROUNDOFF * (expansion.rowSquaredNorm(i) + Math.abs(u[i]) + cm);
              }
            }
            for (int j0 = 0; j0 < m; j0 += tileCols) {
              int j1 = Math.min(m, j0 + tileCols);
              int w = j1 - j0;
              // the tile's pass-independent values: kept from the first pass, or computed now
              double[] buf = reuse ? cache : tile;
              int off = reuse ? tileOffset(i0, i1, j0) : 0;
              if (!reuse) {
                if (expansion != null) {
                  expansion.gram(i0, i1, j0, j1, tile);
                } else {
                  for (int i = i0; i < i1; i++) {
                    cost.row(i, j0, j1, rowBuf);
                    System.arraycopy(rowBuf, 0, tile, (i - i0) * w, w);
                  }
                }
                if (fill) {
                  System.arraycopy(tile, 0, cache, tileOffset(i0, i1, j0), (i1 - i0) * w);
                }
              }
              for (int i = i0; i < i1; i++) {
                int q = i - i0;
                double ui = u[i];
                double c = cut[q];
                double rowMin = Double.POSITIVE_INFINITY;
                if (expansion != null) {
                  int base = off + q * w - j0;
                  double rt = rowTerm[q];
                  double sl = exact ? slack[q] : 0.0;
                  double test = c + sl;
                  for (int j = j0; j < j1; j++) {
                    double r = buf[base + j] + rt + ct[j];
                    // a column's arc by the expansion's value: a candidate needs no exact test
                    if (exact && r < colBest[j]) {
                      colBest[j] = r;
                      colRow[j] = i;
                    }
                    if (r < test) {
                      if (exact) {
                        r = cost.cost(i, j) - ui - v[j];
                      }
                      if (r < c) {
                        c = sel.offer(i, j, r, threshold);
                        test = c + sl;
                      }
                    }
                    rowMin = Math.min(rowMin, r);
                  }
                } else {
                  int base = off + q * w - j0;
                  for (int j = j0; j < j1; j++) {
                    double r = buf[base + j] - ui - v[j];
                    if (exact && r < colBest[j]) {
                      colBest[j] = r;
                      colRow[j] = i;
                    }
                    if (r < c) {
                      c = sel.offer(i, j, r, threshold);
                    }
                    rowMin = Math.min(rowMin, r);
                  }
                }
                cut[q] = c;
                localMin = Math.min(localMin, rowMin);
              }
            }
            long added = 0;
            for (int i = i0; i < i1; i++) {
              added += sel.counts[i];
            }
            countByThread[id] += added;
          }
          minByThread[id] = localMin;
        };
      }
      runAll(work);
      cached |= fill;
      if (exact) {
        sel.columnBest = mergeColumns(columnValue, columnRow, threshold);
      }
      for (int t = 0; t < threads; t++) {
        sel.total += countByThread[t];
        sel.minReducedCost = Math.min(sel.minReducedCost, minByThread[t]);
      }
      return sel;
    }

    /**
     * Each column's most negative arc over the threads' own minima (the smallest value, the lowest row on a
     * tie: the same arcs whatever the threads' share of the blocks), or −1 where none is below the threshold.
     */
    private int[] mergeColumns(double[][] value, int[][] row, double threshold) {
      int[] best = new int[m];
      for (int j = 0; j < m; j++) {
        double bv = threshold;
        int bi = -1;
        for (int t = 0; t < value.length; t++) {
          if (value[t] == null) {
            continue;
          }
          int i = row[t][j];
          if (i >= 0 && (value[t][j] < bv || (value[t][j] == bv && bi >= 0 && i < bi))) {
            bv = value[t][j];
            bi = i;
          }
        }
        best[j] = bi;
      }
      return best;
    }

    /** Runs the tasks, the last on the calling thread (one thread: no thread is started). */
    private static void runAll(Runnable[] work) {
      Thread[] pool = new Thread[work.length - 1];
      for (int t = 0; t < pool.length; t++) {
        pool[t] = new Thread(work[t], "ot-pricing-" + t);
        pool[t].start();
      }
      work[work.length - 1].run();
      for (Thread t : pool) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while pricing arcs", e);
        }
      }
    }
  }
}
