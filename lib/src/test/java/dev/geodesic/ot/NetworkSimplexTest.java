package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// A guard against a solver that stops terminating (e.g. a cycling pivot rule), not a timing assertion.
@Timeout(120)
class NetworkSimplexTest {
  private final NetworkSimplex solver = new NetworkSimplex();

  // ---- independent truths ------------------------------------------------------------------------

  /** min over all permutations σ of (1/n) Σ C_{i σ(i)}: the optimum for uniform n = m (Birkhoff). */
  private static double bruteForcePermutations(double[][] c) {
    int n = c.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double best = Double.POSITIVE_INFINITY;
    do {
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += c[i][perm[i]];
      }
      best = Math.min(best, s / n);
    } while (nextPermutation(perm));
    return best;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }

  /**
   * The transportation LP solved by vertex enumeration: every choice of n+m−1 variables, solve the
   * equality system (last column constraint dropped, it is implied) by Gaussian elimination, keep the
   * non-negative solutions, return the cheapest. Exponential, fine for n·m ≤ 12.
   */
  private static double vertexEnumeration(double[] a, double[] b, double[][] c) {
    int n = a.length;
    int m = b.length;
    int vars = n * m;
    int k = n + m - 1;
    double best = Double.POSITIVE_INFINITY;
    int[] pick = new int[k];
    for (int i = 0; i < k; i++) {
      pick[i] = i;
    }
    while (true) {
      double[][] mat = new double[k][k + 1];
      for (int col = 0; col < k; col++) {
        int i = pick[col] / m;
        int j = pick[col] % m;
        mat[i][col] = 1.0; // row-sum constraint i
        if (j < m - 1) {
          mat[n + j][col] = 1.0; // column-sum constraint j (last dropped)
        }
      }
      for (int i = 0; i < n; i++) {
        mat[i][k] = a[i];
      }
      for (int j = 0; j < m - 1; j++) {
        mat[n + j][k] = b[j];
      }
      double[] x = gaussSolve(mat, k);
      if (x != null) {
        boolean ok = true;
        double cost = 0.0;
        for (int col = 0; col < k; col++) {
          if (x[col] < -1e-12) {
            ok = false;
          }
          cost += x[col] * c[pick[col] / m][pick[col] % m];
        }
        if (ok) {
          best = Math.min(best, cost);
        }
      }
      int t = k - 1;
      while (t >= 0 && pick[t] == vars - k + t) {
        t--;
      }
      if (t < 0) {
        break;
      }
      pick[t]++;
      for (int r = t + 1; r < k; r++) {
        pick[r] = pick[r - 1] + 1;
      }
    }
    return best;
  }

  private static double[] gaussSolve(double[][] mat, int k) {
    for (int col = 0; col < k; col++) {
      int piv = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(mat[r][col]) > Math.abs(mat[piv][col])) {
          piv = r;
        }
      }
      if (Math.abs(mat[piv][col]) < 1e-12) {
        return null; // singular: not a basis
      }
      double[] tmp = mat[piv];
      mat[piv] = mat[col];
      mat[col] = tmp;
      for (int r = 0; r < k; r++) {
        if (r != col) {
          double f = mat[r][col] / mat[col][col];
          for (int q = col; q <= k; q++) {
            mat[r][q] -= f * mat[col][q];
          }
        }
      }
    }
    double[] x = new double[k];
    for (int r = 0; r < k; r++) {
      x[r] = mat[r][k] / mat[r][r];
    }
    return x;
  }

  private static double[][] costArray(DenseMatrix x, DenseMatrix y, double p) {
    PointCloudCost pc = new PointCloudCost(x, y, p);
    double[][] c = new double[x.cols()][y.cols()];
    for (int i = 0; i < x.cols(); i++) {
      for (int j = 0; j < y.cols(); j++) {
        c[i][j] = pc.cost(i, j);
      }
    }
    return c;
  }

  /** Marginals, support size, complementary slackness, dual feasibility and strong duality. */
  private static void assertCertificate(NetworkSimplex.Result r, double[] a, double[] b, CostMatrix c) {
    int n = a.length;
    int m = b.length;
    assertEquals(NetworkSimplex.Status.OPTIMAL, r.status());
    assertTrue(r.nonZeros() <= n + m - 1, "nonzeros " + r.nonZeros());
    double[] rows = new double[n];
    double[] cols = new double[m];
    double scale = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        scale = Math.max(scale, Math.abs(c.cost(i, j)));
      }
    }
    double tol = 1e-10 * Math.max(scale, 1e-300);
    for (int k = 0; k < r.nonZeros(); k++) {
      assertTrue(r.planMass()[k] > 0);
      rows[r.planRows()[k]] += r.planMass()[k];
      cols[r.planCols()[k]] += r.planMass()[k];
      double slack = c.cost(r.planRows()[k], r.planCols()[k]) - r.u()[r.planRows()[k]] - r.v()[r.planCols()[k]];
      assertEquals(0.0, slack, tol, "complementary slackness on the support");
    }
    for (int i = 0; i < n; i++) {
      assertEquals(a[i], rows[i], 1e-12, "row marginal " + i);
    }
    for (int j = 0; j < m; j++) {
      assertEquals(b[j], cols[j], 1e-12, "column marginal " + j);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        assertTrue(r.u()[i] + r.v()[j] <= c.cost(i, j) + tol, "dual feasibility at " + i + "," + j);
      }
    }
    assertEquals(r.cost(), r.dualObjective(a, b), tol, "strong duality");
  }

  // ---- tests -------------------------------------------------------------------------------------

  @Test
  void matchesBruteForceOverPermutations() {
    for (int n = 1; n <= 7; n++) {
      for (int rep = 0; rep < 6; rep++) {
        long seed = 100 * n + rep;
        DenseMatrix x = TestData.gaussian(seed, "x", 3, n, 0.0, 1.0);
        DenseMatrix y = TestData.gaussian(seed, "y", 3, n, 0.5, 1.0);
        for (double p : new double[] {1.0, 2.0, 3.0}) {
          double[][] c = costArray(x, y, p);
          double[] w = TestData.uniform(n);
          CostMatrix cm = new PointCloudCost(x, y, p);
          NetworkSimplex.Result r = solver.solve(w, w, cm);
          double truth = bruteForcePermutations(c);
          assertEquals(truth, r.cost(), 1e-12 * Math.max(1, truth), "n=" + n + " p=" + p);
          assertCertificate(r, w, w, cm);
        }
      }
    }
  }

  @Test
  void matchesVertexEnumerationForUnequalSizesAndWeights() {
    int[][] shapes = {{2, 5}, {5, 2}, {3, 4}, {4, 3}, {1, 6}, {6, 1}, {2, 3}};
    for (int[] s : shapes) {
      for (int rep = 0; rep < 5; rep++) {
        long seed = 1000 + 10 * s[0] + s[1] + 7919L * rep;
        DenseMatrix x = TestData.gaussian(seed, "x", 2, s[0], 0.0, 1.0);
        DenseMatrix y = TestData.gaussian(seed, "y", 2, s[1], 1.0, 2.0);
        double[] a = TestData.randomWeights(seed, "a", s[0]);
        double[] b = TestData.randomWeights(seed, "b", s[1]);
        double[][] c = costArray(x, y, 2.0);
        NetworkSimplex.Result r = solver.solve(a, b, DenseCostMatrix.groundCost(x, y, 2.0));
        double truth = vertexEnumeration(a, b, c);
        assertEquals(truth, r.cost(), 1e-11 * Math.max(1, truth), Arrays.toString(s));
        assertCertificate(r, a, b, new PointCloudCost(x, y, 2.0));
      }
    }
  }

  @Test
  void userCostMatrixMatchesVertexEnumeration() {
    SplittableRandom rnd = SeedSequence.of(5).stream("cost");
    double[][] c = new double[3][4];
    DenseMatrix cm = DenseMatrix.zeros(3, 4);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        c[i][j] = rnd.nextDouble() * 10 - 3; // negative costs allowed in a user matrix
        cm.set(i, j, c[i][j]);
      }
    }
    double[] a = {0.5, 0.25, 0.25};
    double[] b = {0.1, 0.2, 0.3, 0.4};
    NetworkSimplex.Result r = solver.solve(a, b, DenseCostMatrix.of(cm));
    assertEquals(vertexEnumeration(a, b, c), r.cost(), 1e-12);
    assertCertificate(r, a, b, DenseCostMatrix.of(cm));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 2.0})
  void oneDimensionalClosedForm(double p) {
    int n = 300;
    DenseMatrix x = TestData.gaussian(7, "x", 1, n, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(7, "y", 1, n, 2.0, 0.5);
    double[] xs = x.values().clone();
    double[] ys = y.values().clone();
    Arrays.sort(xs);
    Arrays.sort(ys);
    double truth = 0.0;
    for (int i = 0; i < n; i++) {
      truth += Math.pow(Math.abs(xs[i] - ys[i]), p) / n;
    }
    NetworkSimplex.Result r = solver.solve(DiscreteMeasure.uniform(x), DiscreteMeasure.uniform(y), p);
    assertEquals(truth, r.cost(), 1e-12 * truth);
    assertCertificate(r, TestData.uniform(n), TestData.uniform(n), new PointCloudCost(x, y, p));
  }

  @Test
  void certificateOnLargerNonUniformProblem() {
    DenseMatrix x = TestData.gaussian(11, "x", 4, 150, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(11, "y", 4, 97, 0.3, 1.5);
    double[] a = TestData.randomWeights(11, "a", 150);
    double[] b = TestData.randomWeights(11, "b", 97);
    PointCloudCost c = new PointCloudCost(x, y, 1.5);
    NetworkSimplex.Result r = solver.solve(a, b, c);
    assertCertificate(r, a, b, c);
  }

  @Test
  void denseAndOnTheFlyAgree() {
    for (double p : new double[] {1.0, 2.0, 2.5}) {
      DenseMatrix x = TestData.gaussian(13, "x", 5, 400, 0.0, 1.0);
      DenseMatrix y = TestData.gaussian(13, "y", 5, 350, 1.0, 1.0);
      DiscreteMeasure mu = DiscreteMeasure.uniform(x);
      DiscreteMeasure nu = DiscreteMeasure.uniform(y);
      double dense = solver.solveDense(mu, nu, p).cost();
      double fly = solver.solve(mu, nu, p).cost();
      assertEquals(dense, fly, 1e-10 * dense, "p=" + p);
    }
  }

  @Test
  void onTheFlyRowsMatchSingleEntries() {
    DenseMatrix x = TestData.gaussian(19, "x", 7, 30, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(19, "y", 7, 45, 1.0, 1.0);
    for (double p : new double[] {1.0, 2.0, 2.5}) {
      PointCloudCost c = new PointCloudCost(x, y, p);
      DenseCostMatrix dense = DenseCostMatrix.groundCost(x, y, p);
      double[] row = new double[45];
      for (int i = 0; i < 30; i++) {
        c.row(i, 3, 41, row);
        for (int j = 3; j < 41; j++) {
          double direct = 0.0;
          for (int k = 0; k < 7; k++) {
            direct += Math.pow(x.get(k, i) - y.get(k, j), 2);
          }
          direct = Math.pow(direct, p / 2);
          assertEquals(direct, c.cost(i, j), 1e-12 * direct);
          assertEquals(direct, row[j - 3], 1e-12 * direct);
          assertEquals(direct, dense.cost(i, j), 1e-12 * direct);
        }
      }
      assertTrue(c.maxAbsCostBound() >= dense.maxAbsCostBound());
    }
  }

  @Test
  void iterationLimitIsReportedWithAFeasiblePlan() {
    DenseMatrix x = TestData.gaussian(29, "x", 3, 60, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(29, "y", 3, 50, 1.0, 1.0);
    double[] a = TestData.uniform(60);
    double[] b = TestData.randomWeights(29, "b", 50);
    PointCloudCost c = new PointCloudCost(x, y, 2.0);
    NetworkSimplex.Result limited = new NetworkSimplex(new NetworkSimplex.Config(3, 0)).solve(a, b, c);
    NetworkSimplex.Result full = solver.solve(a, b, c);
    assertEquals(NetworkSimplex.Status.ITERATION_LIMIT, limited.status());
    assertEquals(3, limited.iterations());
    assertTrue(limited.cost() > full.cost());
    double[] rows = limited.plan().rowSums();
    double[] cols = limited.plan().colSums();
    for (int i = 0; i < 60; i++) {
      assertEquals(a[i], rows[i], 1e-12);
    }
    for (int j = 0; j < 50; j++) {
      assertEquals(b[j], cols[j], 1e-12);
    }
    assertCertificate(full, a, b, c);
  }

  @Test
  void gaussianClosedFormInTwoDimensions() {
    // N(0, I) vs N((4/√2)·1, I): W2 = 4 (means differ by 4, same covariance).
    int n = 2000;
    double shift = 4.0 / Math.sqrt(2.0);
    DenseMatrix x = TestData.gaussian(17, "x", 2, n, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(17, "y", 2, n, shift, 1.0);
    double w2 = solver.solve(DiscreteMeasure.uniform(x), DiscreteMeasure.uniform(y), 2.0).wasserstein(2.0);
    double truth = GaussianWasserstein.w2(new double[] {0, 0}, DenseMatrix.identity(2),
        new double[] {shift, shift}, DenseMatrix.identity(2));
    assertEquals(4.0, truth, 1e-12);
    assertEquals(truth, w2, 0.02 * truth);
  }

  @Test
  void degenerateCases() {
    DenseMatrix one = DenseMatrix.fromRows(new double[][] {{1.0}, {2.0}});
    DenseMatrix three = DenseMatrix.fromRows(new double[][] {{0.0, 1.0, 3.0}, {0.0, 0.0, 0.0}});
    // n = 1: everything goes to the single source
    double[] b = {0.2, 0.3, 0.5};
    NetworkSimplex.Result r = solver.solve(new double[] {1.0}, b, new PointCloudCost(one, three, 2.0));
    double expect = 0.2 * (1 + 4) + 0.3 * (0 + 4) + 0.5 * (4 + 4);
    assertEquals(expect, r.cost(), 1e-14);
    assertCertificate(r, new double[] {1.0}, b, new PointCloudCost(one, three, 2.0));
    // m = 1
    r = solver.solve(b, new double[] {1.0}, new PointCloudCost(three, one, 2.0));
    assertEquals(expect, r.cost(), 1e-14);
    // duplicate points: cost 0
    DenseMatrix dup = DenseMatrix.fromRows(new double[][] {{1.0, 1.0, 1.0, 2.0}});
    double[] w = TestData.uniform(4);
    r = solver.solve(w, w, new PointCloudCost(dup, dup, 2.0));
    assertEquals(0.0, r.cost(), 0.0);
    r = solver.solve(w, w, DenseCostMatrix.groundCost(dup, dup, 2.0));
    assertEquals(0.0, r.cost(), 1e-15);
    // zero-weight atoms: they carry no mass, and their duals stay feasible
    double[] a0 = {0.0, 0.5, 0.0, 0.5};
    double[] b0 = {0.25, 0.0, 0.75};
    DenseMatrix x = TestData.gaussian(3, "x", 2, 4, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(3, "y", 2, 3, 0.0, 1.0);
    PointCloudCost c = new PointCloudCost(x, y, 2.0);
    double truth = vertexEnumeration(a0, b0, costArray(x, y, 2.0));
    r = solver.solve(a0, b0, c);
    assertEquals(truth, r.cost(), 1e-12);
    assertCertificate(r, a0, b0, c);
    r = solver.solve(a0, b0, DenseCostMatrix.groundCost(x, y, 2.0));
    assertEquals(truth, r.cost(), 1e-12);
    assertCertificate(r, a0, b0, c);
  }

  @Test
  void infeasibleInputsAreRejectedWithTheReason() {
    DenseMatrix x = TestData.gaussian(1, "x", 2, 3, 0.0, 1.0);
    PointCloudCost c = new PointCloudCost(x, x, 2.0);
    double[] ok = TestData.uniform(3);
    assertMessage("negative", () -> solver.solve(new double[] {0.5, 0.6, -0.1}, ok, c));
    assertMessage("NaN", () -> solver.solve(new double[] {Double.NaN, 0.5, 0.5}, ok, c));
    assertMessage("Inf", () -> solver.solve(ok, new double[] {Double.POSITIVE_INFINITY, 0, 0}, c));
    assertMessage("total masses differ", () -> solver.solve(ok, new double[] {0.5, 0.5, 1e-6}, c));
    assertMessage("empty side", () -> solver.solve(new double[0], ok, c));
    assertMessage("empty side",
        () -> new DiscreteMeasure(DenseMatrix.zeros(2, 0), new double[0]));
    assertMessage("NaN or infinite", () -> new PointCloudCost(
        DenseMatrix.fromRows(new double[][] {{Double.NaN}}), DenseMatrix.fromRows(new double[][] {{0.0}}), 2.0));
    assertMessage("p must be", () -> new PointCloudCost(x, x, 0.5));
    // within the documented tolerance the masses count as equal
    double[] close = {1.0 / 3, 1.0 / 3, 1.0 / 3 + 1e-12};
    assertEquals(NetworkSimplex.Status.OPTIMAL, solver.solve(ok, close, c).status());
  }

  private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), ex.getMessage() + " should mention " + fragment);
  }
}
