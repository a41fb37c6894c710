package dev.geodesic.ot;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;

import java.util.Arrays;

/**
 * Exact optimal transport between Σ a_i δ_i and Σ b_j δ_j by the primal network simplex method on the
 * transportation problem min Σ P_ij C_ij s.t. P1 = a, Pᵀ1 = b, P ≥ 0 (Dantzig; the LEMON / POT
 * {@code emd} family, Kovács 2015).
 *
 * <p>Design, for speed on dense problems:
 * <ul>
 *   <li>Arcs are implicit: arc (i, j) is source i → sink j, priced from the {@link CostMatrix}; no
 *       per-arc array other than the costs themselves exists. All arcs are uncapacitated, so every
 *       non-basic arc sits at flow 0 and no arc state is stored: a basic arc has reduced cost 0 and is
 *       never priced in.</li>
 *   <li>The basis is a spanning tree over the n + m nodes stored per node: parent, the flow and
 *       orientation of the arc to the parent, depth, and child lists (first child / siblings). A pivot
 *       walks the cycle to the join node, re-hangs the cut subtree by reversing the stem and shifts its
 *       potentials: O(|subtree| + |cycle|).</li>
 *   <li>Pricing is block search (Grigoriadis 1986; LEMON's default): scan arcs cyclically in blocks of
 *       ≈ √(nm) and enter the most negative reduced cost of the first block that has one.</li>
 *   <li>The initial basis is the north-west-corner staircase, rooted at its last node so that the
 *       tree is strongly feasible (every zero-flow arc points away from the root); the leaving-arc rule
 *       (last blocking arc along the cycle from the join node) keeps it so, which rules out cycling.
 *       Zero-weight atoms are removed before and their duals set afterwards.</li>
 * </ul>
 *
 * <p>Pivot tolerance: an arc enters only if its reduced cost is below −{@value #PIVOT_TOLERANCE}·C_max,
 * C_max an upper bound on |C_ij|, so rounding noise in the potentials never pivots a basic arc back in.
 * The result is then optimal up to that tolerance: cost ≤ OPT + {@value #PIVOT_TOLERANCE}·C_max·mass.
 *
 * <p>Mass balance: Σa and Σb must agree to a relative {@value #MASS_TOLERANCE}; b is then rescaled by
 * Σa/Σb so the problem is balanced (the plan's column sums are that rescaled b).
 */
public final class NetworkSimplex {
  /** Relative tolerance |Σa − Σb| ≤ MASS_TOLERANCE·max(Σa, Σb) for the problem to be accepted as balanced. */
  public static final double MASS_TOLERANCE = Marginals.MASS_TOLERANCE;
  /** Entering threshold relative to the cost scale (see class comment). */
  public static final double PIVOT_TOLERANCE = 1e-13;

  /** Why the solver stopped. */
  public enum Status {
    /** No arc has a reduced cost below the pivot tolerance: the plan is optimal. */
    OPTIMAL,
    /** {@link Config#maxIterations()} pivots were made first: the plan is feasible but maybe not optimal. */
    ITERATION_LIMIT
  }

  /**
   * @param maxIterations pivot budget ({@code Long.MAX_VALUE}: until optimal)
   * @param blockSize arcs per pricing block; 0 chooses ⌈√(nm)⌉ (at least 10)
   */
  public record Config(long maxIterations, int blockSize) {
    public Config {
      if (maxIterations < 0 || blockSize < 0) {
        throw new IllegalArgumentException("maxIterations and blockSize must be >= 0");
      }
    }

    public static Config defaults() {
      return new Config(Long.MAX_VALUE, 0);
    }
  }

  /**
   * An optimal plan in sparse form and its dual certificate.
   *
   * @param cost Σ P_ij C_ij (the transport cost, i.e. W_p^p for C = ‖x − y‖^p)
   * @param planRows row index i of each nonzero P_ij
   * @param planCols column index j of each nonzero
   * @param planMass P_ij of each nonzero (at most n + m − 1 of them)
   * @param u dual potentials of the rows (length n)
   * @param v dual potentials of the columns (length m); u_i + v_j ≤ C_ij with equality on the support
   * @param iterations number of simplex pivots
   * @param status whether the plan is certified optimal
   */
  public record Result(double cost, int[] planRows, int[] planCols, double[] planMass, double[] u, double[] v,
      long iterations, Status status) {
    public int nonZeros() {
      return planMass.length;
    }

    /** The plan as a {@link TransportPlan} (sharing the arrays). */
    public TransportPlan plan() {
      return new TransportPlan(u.length, v.length, planRows, planCols, planMass);
    }

    /** W_p = cost^(1/p), for a ground cost ‖x − y‖^p. */
    public double wasserstein(double p) {
      return Math.pow(Math.max(0.0, cost), 1.0 / p);
    }

    /** Σ_i a_i u_i + Σ_j b_j v_j, equal to {@link #cost()} at optimality (strong duality). */
    public double dualObjective(double[] a, double[] b) {
      double s = 0.0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * u[i];
      }
      for (int j = 0; j < b.length; j++) {
        s += b[j] * v[j];
      }
      return s;
    }

    /** The plan as a dense n×m array (for tests and small problems). */
    public double[][] densePlan() {
      double[][] p = new double[u.length][v.length];
      for (int k = 0; k < planMass.length; k++) {
        p[planRows[k]][planCols[k]] += planMass[k];
      }
      return p;
    }
  }

  private final Config config;
  private final int pricingThreads;

  /** Default pivot budget and block size; {@link #solveAuto} prices on one thread (see {@link #NetworkSimplex(Config, int)}). */
  public NetworkSimplex() {
    this(Config.defaults());
  }

  public NetworkSimplex(Config config) {
    this(config, 1);
  }

  /**
   * @param pricingThreads threads {@link CandidateArcTransport} prices all arcs on in {@link #solveAuto}
   *     (0: the available processors). One inside Spark tasks, which already run one per core (FedWaD's
   *     clients); 0 on the driver (the {@code ot} command, a FedWaD server with one pair).
   */
  public NetworkSimplex(Config config, int pricingThreads) {
    if (pricingThreads < 0) {
      throw new IllegalArgumentException("pricingThreads must be >= 0");
    }
    this.config = config;
    this.pricingThreads = pricingThreads;
  }

  /**
   * Exact OT between two measures for the ground cost ‖x − y‖^p, the method chosen by size
   * ({@link OptimalTransport#exact}): this solver with {@link CostMatrix#groundCost}'s choice of dense
   * or on-the-fly costs below {@link CandidateArcTransport#MIN_ARCS} arcs, else
   * {@link CandidateArcTransport} with this solver's pivot budget, block size and pricing threads.
   */
  public Result solveAuto(DiscreteMeasure mu, DiscreteMeasure nu, double p) {
    return solveAuto(mu, nu, p, ProgressListener.none());
  }

  /** Exact OT between two measures for the ground cost ‖x − y‖^p, cost computed on the fly (O(n + m) memory). */
  public Result solve(DiscreteMeasure mu, DiscreteMeasure nu, double p) {
    return solve(mu.weights(), nu.weights(), new PointCloudCost(mu.atoms(), nu.atoms(), p));
  }

  /** Exact OT between two measures for the ground cost ‖x − y‖^p with a dense n×m cost matrix (BLAS for p = 2). */
  public Result solveDense(DiscreteMeasure mu, DiscreteMeasure nu, double p) {
    return solve(mu.weights(), nu.weights(), DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), p));
  }

  /**
   * Exact OT for weights a (n), b (m) and an n×m cost.
   *
   * @throws IllegalArgumentException on an empty side, a size mismatch with the cost, a negative,
   *     NaN or infinite weight, or total masses differing beyond {@link #MASS_TOLERANCE}
   */
  public Result solve(double[] a, double[] b, CostMatrix cost) {
    return solve(a, b, cost, ProgressListener.none());
  }

  /** As {@link #solveAuto(DiscreteMeasure, DiscreteMeasure, double)}, reporting progress to {@code listener}. */
  public Result solveAuto(DiscreteMeasure mu, DiscreteMeasure nu, double p, ProgressListener listener) {
    return OptimalTransport.exact(mu, nu, p, config, pricingThreads, listener);
  }

  /**
   * As {@link #solve(double[], double[], CostMatrix)}; at most once a second (checked every 2^14
   * pivots) {@code listener} receives the pivot count so far and {@code entering_reduced_cost}, the
   * reduced cost of the last entering arc (negative; it tends to 0 as the plan nears optimality).
   */
  public Result solve(double[] a, double[] b, CostMatrix cost, ProgressListener listener) {
    validate(a, b, cost);
    PositiveSupport support = PositiveSupport.of(a, b);
    CostMatrix c = support.restricted() ? cost.restrict(support.rows(), support.cols()) : cost;
    Tree t = new Tree(support.a(), support.b(), c, config);
    long iterations = t.run(listener);
    Result r = t.result(iterations);
    return support.restricted() ? support.mapBack(r, cost, r.status()) : r;
  }

  /**
   * The atoms of positive mass, which the simplex works on, with b rescaled to a's total mass; and
   * the way back to the input's indices.
   *
   * @param rows the kept rows' input indices, @param cols the kept columns'
   * @param a their masses, @param b theirs times Σa/Σb
   */
  record PositiveSupport(int[] rows, int[] cols, double[] a, double[] b, int n, int m) {
    static PositiveSupport of(double[] a, double[] b) {
      int[] rows = positive(a);
      int[] cols = positive(b);
      double scaleB = sum(a) / sum(b);
      double[] aa = new double[rows.length];
      double[] bb = new double[cols.length];
      for (int k = 0; k < aa.length; k++) {
        aa[k] = a[rows[k]];
      }
      for (int k = 0; k < bb.length; k++) {
        bb[k] = b[cols[k]] * scaleB;
      }
      return new PositiveSupport(rows, cols, aa, bb, a.length, b.length);
    }

    /** Whether some atom has zero mass. */
    boolean restricted() {
      return rows.length != n || cols.length != m;
    }

    /**
     * A result on the kept atoms in the input's indices (cost: the full n×m cost); zero-mass atoms get
     * the largest dual that keeps every reduced cost non-negative.
     */
    Result mapBack(Result r, CostMatrix cost, Status status) {
      int[] rr = new int[r.planRows().length];
      int[] cc = new int[rr.length];
      for (int k = 0; k < rr.length; k++) {
        rr[k] = rows[r.planRows()[k]];
        cc[k] = cols[r.planCols()[k]];
      }
      double[] u = new double[n];
      double[] v = new double[m];
      boolean[] rowIn = new boolean[n];
      boolean[] colIn = new boolean[m];
      for (int k = 0; k < rows.length; k++) {
        u[rows[k]] = r.u()[k];
        rowIn[rows[k]] = true;
      }
      for (int k = 0; k < cols.length; k++) {
        v[cols[k]] = r.v()[k];
        colIn[cols[k]] = true;
      }
      for (int i = 0; i < n; i++) {
        if (!rowIn[i]) {
          double best = Double.POSITIVE_INFINITY;
          for (int j : cols) {
            best = Math.min(best, cost.cost(i, j) - v[j]);
          }
          u[i] = best;
        }
      }
      for (int j = 0; j < m; j++) {
        if (!colIn[j]) {
          double best = Double.POSITIVE_INFINITY;
          for (int i = 0; i < n; i++) {
            best = Math.min(best, cost.cost(i, j) - u[i]);
          }
          v[j] = best;
        }
      }
      return new Result(r.cost(), rr, cc, r.planMass(), u, v, r.iterations(), status);
    }
  }

  private static void validate(double[] a, double[] b, CostMatrix cost) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("empty side: " + a.length + " source and " + b.length + " target atoms");
    }
    if (cost.rows() != a.length || cost.cols() != b.length) {
      throw new IllegalArgumentException("cost is " + cost.rows() + "x" + cost.cols() + " but weights are "
          + a.length + " and " + b.length);
    }
    Marginals.balanced(a, b);
  }

  private static double sum(double[] w) {
    double s = 0.0;
    for (double x : w) {
      s += x;
    }
    return s;
  }

  private static int[] positive(double[] w) {
    int k = 0;
    int[] idx = new int[w.length];
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        idx[k++] = i;
      }
    }
    return Arrays.copyOf(idx, k);
  }

  /**
   * The spanning-tree basis and the simplex loop. Nodes: sources 0..n-1, sinks n..n+m-1. Prices all
   * n·m arcs by default; after {@link #useArcs} only the given candidate arcs (the restricted
   * problem of {@link CandidateArcTransport}, which keeps the basis between its rounds).
   */
  static final class Tree {
    private static final byte UP = 1; // arc points child → parent (child is the source)
    private static final byte DOWN = 0; // arc points parent → child (child is the sink)

    private final int n;
    private final int m;
    private final CostMatrix cost;
    private final double[] dense; // row-major costs when available, else null
    private final long maxIterations;
    private final int blockSize;
    private final double eps;

    private final int[] parent;
    private final double[] flow;
    private final byte[] dir;
    private final int[] depth;
    private final int[] firstChild;
    private final int[] nextSib;
    private final int[] prevSib;
    private final double[] pi;
    private int root;

    // pricing cursor
    private int curI;
    private int curJ;
    private final double[] rowBuf;

    // candidate arcs (null: all n·m arcs), priced cyclically in blocks of sparseBlock
    private int[] arcRow;
    private int[] arcCol;
    private double[] arcCost;
    private int arcCount;
    private int arcCursor;
    private int sparseBlock;

    Tree(double[] a, double[] b, CostMatrix cost, Config config) {
      this.n = a.length;
      this.m = b.length;
      this.cost = cost;
      this.dense = cost instanceof DenseCostMatrix dc ? dc.rowMajorValues() : null;
      this.maxIterations = config.maxIterations();
      long arcs = (long) n * m;
      this.blockSize = config.blockSize() > 0 ? config.blockSize()
          : (int) Math.max(10, Math.min(Integer.MAX_VALUE, (long) Math.ceil(Math.sqrt((double) arcs))));
      this.eps = PIVOT_TOLERANCE * Math.max(cost.maxAbsCostBound(), Double.MIN_NORMAL);
      int nodes = n + m;
      parent = new int[nodes];
      flow = new double[nodes];
      dir = new byte[nodes];
      depth = new int[nodes];
      firstChild = new int[nodes];
      nextSib = new int[nodes];
      prevSib = new int[nodes];
      pi = new double[nodes];
      rowBuf = dense == null ? new double[Math.min(m, blockSize)] : null;
      initNorthWest(a, b);
    }

    /**
     * North-west corner staircase: n + m − 1 arcs forming a path-like spanning tree. Ties (both the
     * row and the column exhausted) advance the row, so each zero-flow arc (i+1, j) hangs its sink j
     * below source i+1 when rooted at the staircase's last node: strongly feasible.
     */
    private void initNorthWest(double[] a, double[] b) {
      int nodes = n + m;
      int arcs = nodes - 1;
      int[] ai = new int[arcs];
      int[] aj = new int[arcs];
      double[] af = new double[arcs];
      int i = 0;
      int j = 0;
      double ra = a[0];
      double rb = b[0];
      for (int k = 0; k < arcs; k++) {
        ai[k] = i;
        aj[k] = j;
        if (i == n - 1 && j == m - 1) {
          af[k] = Math.max(ra, 0.0);
          break;
        }
        double f = Math.min(ra, rb);
        af[k] = Math.max(f, 0.0);
        if ((ra <= rb && i < n - 1) || j == m - 1) {
          rb -= f;
          i++;
          ra = a[i];
        } else {
          ra -= f;
          j++;
          rb = b[j];
        }
      }
      // Adjacency of the staircase (generic, O(n + m)); hang it from one end of its last arc.
      int[] head = new int[nodes];
      int[] next = new int[2 * arcs];
      int[] arcOf = new int[2 * arcs];
      int[] other = new int[2 * arcs];
      Arrays.fill(head, -1);
      for (int k = 0; k < arcs; k++) {
        int s = ai[k];
        int t = n + aj[k];
        other[2 * k] = t;
        arcOf[2 * k] = k;
        next[2 * k] = head[s];
        head[s] = 2 * k;
        other[2 * k + 1] = s;
        arcOf[2 * k + 1] = k;
        next[2 * k + 1] = head[t];
        head[t] = 2 * k + 1;
      }
      // Strongly feasible needs every zero-flow arc pointing away from the root; the sink end of the
      // last arc gives that for the usual staircase, the source end when rounding left a trailing star.
      int bad = hang(n + m - 1, head, next, arcOf, other, af);
      if (bad > 0 && hang(n - 1, head, next, arcOf, other, af) > bad) {
        hang(n + m - 1, head, next, arcOf, other, af);
      }
    }

    /** Builds parent/flow/dir/depth/children/potentials by BFS from r; returns the zero-flow arcs pointing to the root. */
    private int hang(int r, int[] head, int[] next, int[] arcOf, int[] other, double[] af) {
      int nodes = n + m;
      Arrays.fill(firstChild, -1);
      Arrays.fill(nextSib, -1);
      Arrays.fill(prevSib, -1);
      root = r;
      boolean[] seen = new boolean[nodes];
      int[] queue = new int[nodes];
      int qh = 0;
      int qt = 0;
      int bad = 0;
      queue[qt++] = root;
      seen[root] = true;
      parent[root] = -1;
      depth[root] = 0;
      pi[root] = 0.0;
      while (qh < qt) {
        int u = queue[qh++];
        for (int e = head[u]; e >= 0; e = next[e]) {
          int w = other[e];
          if (!seen[w]) {
            seen[w] = true;
            int k = arcOf[e];
            parent[w] = u;
            flow[w] = af[k];
            dir[w] = w < n ? UP : DOWN;
            if (dir[w] == UP && af[k] == 0.0) {
              bad++;
            }
            depth[w] = depth[u] + 1;
            pi[w] = w < n ? pi[u] - cost.cost(w, u - n) : pi[u] + cost.cost(u, w - n);
            attach(w, u);
            queue[qt++] = w;
          }
        }
      }
      if (qt != nodes) {
        throw new IllegalStateException("initial basis is not a spanning tree (" + qt + " of " + nodes + " nodes)");
      }
      return bad;
    }

    private void attach(int child, int par) {
      int f = firstChild[par];
      nextSib[child] = f;
      prevSib[child] = -1;
      if (f >= 0) {
        prevSib[f] = child;
      }
      firstChild[par] = child;
    }

    private void detach(int child, int par) {
      int pv = prevSib[child];
      int nx = nextSib[child];
      if (pv >= 0) {
        nextSib[pv] = nx;
      } else {
        firstChild[par] = nx;
      }
      if (nx >= 0) {
        prevSib[nx] = pv;
      }
      nextSib[child] = -1;
      prevSib[child] = -1;
    }

    /** Restricts pricing to the arcs (rows[k], cols[k]) with costs costs[k], k < count (arrays kept). */
    void useArcs(int[] rows, int[] cols, double[] costs, int count) {
      arcRow = rows;
      arcCol = cols;
      arcCost = costs;
      arcCount = count;
      arcCursor = 0;
      sparseBlock = (int) Math.max(10, Math.ceil(Math.sqrt((double) count)));
    }

    /** The pivot tolerance ε = {@value #PIVOT_TOLERANCE}·C_max this tree enters arcs with. */
    double tolerance() {
      return eps;
    }

    /** π_i (sources, i < n: u_i = −π_i) and π_{n+j} (sinks: v_j = π_{n+j}); live, not a copy. */
    double[] potentials() {
      return pi;
    }

    /** Whether the last {@link #run} stopped because no arc prices in (rather than the pivot budget). */
    boolean optimal() {
      return optimalAtLimit;
    }

    long run(ProgressListener listener) {
      long it = 0;
      long start = System.nanoTime();
      long lastReport = start;
      optimalAtLimit = true;
      while (it < maxIterations) {
        if (!price()) {
          return it;
        }
        it++;
        pivot(enterI, n + enterJ, enterRc);
        if ((it & 0x3FFF) == 0) {
          long now = System.nanoTime();
          if (now - lastReport >= 1_000_000_000L) {
            lastReport = now;
            listener.onIteration(IterationRecord.of((int) Math.min(Integer.MAX_VALUE, it), (now - start) * 1e-9,
                "pivots", it, "entering_reduced_cost", enterRc));
          }
        }
      }
      optimalAtLimit = !price();
      return it;
    }

    /** π recomputed along the tree from the root, so that every basic arc has reduced cost exactly 0. */
    void refreshPotentials() {
      pi[root] = 0.0;
      int x = root;
      while (true) {
        int fc = firstChild[x];
        if (fc >= 0) {
          x = fc;
        } else {
          while (x != root && nextSib[x] < 0) {
            x = parent[x];
          }
          if (x == root) {
            break;
          }
          x = nextSib[x];
        }
        int par = parent[x];
        pi[x] = x < n ? pi[par] - cost.cost(x, par - n) : pi[par] + cost.cost(par, x - n);
      }
    }

    private boolean optimalAtLimit = true;
    private int enterI;
    private int enterJ;
    private double enterRc;

    /** Block search: the most negative reduced cost C_ij + π_i − π_{n+j} in the first block that has one. */
    private boolean price() {
      if (arcRow != null) {
        return priceCandidates();
      }
      long total = (long) n * m;
      long scanned = 0;
      int left = blockSize;
      double best = -eps;
      int bi = -1;
      int bj = -1;
      int i = curI;
      int j = curJ;
      final double[] p = pi;
      final int off = n;
      while (scanned < total) {
        int len = (int) Math.min(Math.min(m - j, left), total - scanned);
        double ui = p[i];
        if (dense != null) {
          final double[] c = dense;
          int base = i * m;
          for (int jj = j, end = j + len; jj < end; jj++) {
            double r = c[base + jj] + ui - p[off + jj];
            if (r < best) {
              best = r;
              bi = i;
              bj = jj;
            }
          }
        } else {
          final double[] buf = rowBuf;
          cost.row(i, j, j + len, buf);
          for (int k = 0; k < len; k++) {
            double r = buf[k] + ui - p[off + j + k];
            if (r < best) {
              best = r;
              bi = i;
              bj = j + k;
            }
          }
        }
        scanned += len;
        left -= len;
        j += len;
        if (j == m) {
          j = 0;
          i = i + 1 == n ? 0 : i + 1;
        }
        if (left == 0) {
          if (bi >= 0) {
            break;
          }
          left = blockSize;
        }
      }
      curI = i;
      curJ = j;
      if (bi < 0) {
        return false;
      }
      enterI = bi;
      enterJ = bj;
      enterRc = best;
      return true;
    }

    /** Block search over the candidate arcs only. */
    private boolean priceCandidates() {
      final double[] p = pi;
      final int off = n;
      double best = -eps;
      int bk = -1;
      int k = arcCursor;
      int scanned = 0;
      while (scanned < arcCount) {
        int len = Math.min(Math.min(sparseBlock, arcCount - k), arcCount - scanned);
        for (int q = k, end = k + len; q < end; q++) {
          double r = arcCost[q] + p[arcRow[q]] - p[off + arcCol[q]];
          if (r < best) {
            best = r;
            bk = q;
          }
        }
        scanned += len;
        k += len;
        if (k == arcCount) {
          k = 0;
        }
        if (bk >= 0) {
          break;
        }
      }
      arcCursor = k;
      if (bk < 0) {
        return false;
      }
      enterI = arcRow[bk];
      enterJ = arcCol[bk];
      enterRc = best;
      return true;
    }

    /** One pivot on entering arc s → t (t a sink node) with reduced cost rc < 0. */
    private void pivot(int s, int t, double rc) {
      // join node
      int u = s;
      int w = t;
      while (u != w) {
        if (depth[u] > depth[w]) {
          u = parent[u];
        } else if (depth[w] > depth[u]) {
          w = parent[w];
        } else {
          u = parent[u];
          w = parent[w];
        }
      }
      int join = u;
      // leaving arc: the last blocking arc met along the cycle oriented join → s → t → join
      double delta = Double.POSITIVE_INFINITY;
      int out = -1;
      boolean outOnSourceSide = false;
      for (u = s; u != join; u = parent[u]) {
        if (dir[u] == UP && flow[u] < delta) {
          delta = flow[u];
          out = u;
          outOnSourceSide = true;
        }
      }
      for (u = t; u != join; u = parent[u]) {
        if (dir[u] == DOWN && flow[u] <= delta) {
          delta = flow[u];
          out = u;
          outOnSourceSide = false;
        }
      }
      if (delta > 0) {
        for (u = s; u != join; u = parent[u]) {
          flow[u] += dir[u] == UP ? -delta : delta;
        }
        for (u = t; u != join; u = parent[u]) {
          flow[u] += dir[u] == UP ? delta : -delta;
        }
      }
      // re-hang the cut subtree (the one holding `out`) from the entering arc, reversing the stem
      int uIn;
      int vIn;
      byte dIn;
      double sigma;
      if (outOnSourceSide) {
        uIn = s;
        vIn = t;
        dIn = UP;
        sigma = -rc;
      } else {
        uIn = t;
        vIn = s;
        dIn = DOWN;
        sigma = rc;
      }
      double fIn = delta;
      int child = uIn;
      int newPar = vIn;
      while (true) {
        int oldPar = parent[child];
        double oldFlow = flow[child];
        byte oldDir = dir[child];
        detach(child, oldPar);
        attach(child, newPar);
        parent[child] = newPar;
        flow[child] = fIn;
        dir[child] = dIn;
        if (child == out) {
          break;
        }
        fIn = oldFlow;
        dIn = oldDir == UP ? DOWN : UP;
        newPar = child;
        child = oldPar;
      }
      flow[uIn] = delta;
      // shift potentials and fix depths over the re-hung subtree (preorder)
      pi[uIn] += sigma;
      depth[uIn] = depth[vIn] + 1;
      int x = uIn;
      while (true) {
        int fc = firstChild[x];
        if (fc >= 0) {
          x = fc;
        } else {
          while (x != uIn && nextSib[x] < 0) {
            x = parent[x];
          }
          if (x == uIn) {
            break;
          }
          x = nextSib[x];
        }
        pi[x] += sigma;
        depth[x] = depth[parent[x]] + 1;
      }
    }

    /** Potentials recomputed from the tree (exact equality on basic arcs), then the sparse plan. */
    Result result(long iterations) {
      refreshPotentials();
      int nodes = n + m;
      int nnz = 0;
      for (int k = 0; k < nodes; k++) {
        if (k != root && flow[k] > 0) {
          nnz++;
        }
      }
      int[] ri = new int[nnz];
      int[] cj = new int[nnz];
      double[] mass = new double[nnz];
      double total = 0.0;
      int q = 0;
      for (int k = 0; k < nodes; k++) {
        if (k != root && flow[k] > 0) {
          int i = k < n ? k : parent[k];
          int j = k < n ? parent[k] - n : k - n;
          ri[q] = i;
          cj[q] = j;
          mass[q] = flow[k];
          total += flow[k] * cost.cost(i, j);
          q++;
        }
      }
      double[] u = new double[n];
      double[] v = new double[m];
      for (int i = 0; i < n; i++) {
        u[i] = -pi[i];
      }
      for (int j = 0; j < m; j++) {
        v[j] = pi[n + j];
      }
      boolean limited = iterations >= maxIterations && !optimalAtLimit;
      return new Result(total, ri, cj, mass, u, v, iterations, limited ? Status.ITERATION_LIMIT : Status.OPTIMAL);
    }
  }
}
