package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The candidate-arc (column generation) solver against the full {@link NetworkSimplex} on the same
 * problem (the oracle: same optimal cost to 1e-12 relative), and its certificate checked here on all
 * n·m arcs by costs summed by differences: marginals, complementary slackness on the plan, dual
 * feasibility to the stated tolerance, strong duality.
 */
@Timeout(120)
class CandidateArcTransportTest {
  private static final CandidateArcTransport.Config FEW_ARCS =
      new CandidateArcTransport.Config(1, 1, 2, 1000, NetworkSimplex.Config.defaults());

  private static void assertSameAsFullSimplex(DiscreteMeasure mu, DiscreteMeasure nu, double p,
      CandidateArcTransport.Config config) {
    PointCloudCost c = new PointCloudCost(mu.atoms(), nu.atoms(), p);
    assertSameAs(new NetworkSimplex().solve(mu.weights(), nu.weights(), c), mu, nu, p, config);
  }

  /** Returns the candidate solver's result after checking it against the full simplex's {@code oracle}. */
  private static CandidateArcTransport.Result assertSameAs(NetworkSimplex.Result oracle, DiscreteMeasure mu,
      DiscreteMeasure nu, double p, CandidateArcTransport.Config config) {
    CandidateArcTransport.Result r = new CandidateArcTransport(config).solve(mu, nu, p);
    PointCloudCost c = new PointCloudCost(mu.atoms(), nu.atoms(), p);
    assertTrue(r.certified(), "certified");
    assertEquals(NetworkSimplex.Status.OPTIMAL, r.solution().status());
    double scale = Math.max(Math.abs(oracle.cost()), 1e-300);
    assertEquals(oracle.cost(), r.solution().cost(), 1e-12 * scale + 1e-12 * c.maxAbsCostBound() * 1e-3,
        "cost vs the full network simplex");
    assertCertificate(r, mu.weights(), nu.weights(), c);
    return r;
  }

  /** Marginals, slackness on the support, dual feasibility on every arc to the tolerance, strong duality. */
  private static void assertCertificate(CandidateArcTransport.Result res, double[] a, double[] b, CostMatrix c) {
    NetworkSimplex.Result r = res.solution();
    int n = a.length;
    int m = b.length;
    assertTrue(r.nonZeros() <= n + m - 1, "basic plan has " + r.nonZeros() + " nonzeros");
    double sa = Arrays.stream(a).sum();
    double sb = Arrays.stream(b).sum();
    double[] rows = new double[n];
    double[] cols = new double[m];
    double cmax = c.maxAbsCostBound();
    double slackTol = 1e-12 * Math.max(cmax, 1e-300);
    double worst = 0.0;
    for (int k = 0; k < r.nonZeros(); k++) {
      int i = r.planRows()[k];
      int j = r.planCols()[k];
      assertTrue(r.planMass()[k] > 0);
      rows[i] += r.planMass()[k];
      cols[j] += r.planMass()[k];
      assertEquals(0.0, c.cost(i, j) - r.u()[i] - r.v()[j], slackTol, "complementary slackness at " + i + "," + j);
    }
    for (int i = 0; i < n; i++) {
      assertEquals(a[i], rows[i], 1e-12, "row marginal " + i);
    }
    for (int j = 0; j < m; j++) {
      assertEquals(b[j] * sa / sb, cols[j], 1e-12, "column marginal " + j);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        worst = Math.max(worst, r.u()[i] + r.v()[j] - c.cost(i, j));
      }
    }
    assertTrue(res.tolerance() <= 1e-12 * Math.max(cmax, 1e-300) + 1e-300, "tolerance " + res.tolerance());
    assertTrue(worst <= res.tolerance() * (1 + 1e-9) + 1e-15 * cmax, "max dual violation " + worst + " > " + res.tolerance());
    assertTrue(res.maxDualViolation() <= res.tolerance(), "reported violation " + res.maxDualViolation());
    assertEquals(r.cost(), r.dualObjective(a, b), 1e-11 * Math.max(cmax, 1e-300), "strong duality");
  }

  @ParameterizedTest(name = "d={0} n={1} m={2} p={3} shift={4} weighted={5}")
  @CsvSource({
      "3, 300, 200, 2, 0.5, true",
      "2, 150, 260, 2, 0, false",
      "10, 200, 200, 2, 0.5, false",
      "5, 120, 90, 1, 1, true",
      "4, 100, 140, 1.5, 0.3, true",
      "2, 80, 80, 2, 1e6, true"})  // far from the origin: pricing by dgemm must stay exact
  void sameCostAndValidCertificateAsTheFullSimplex(int d, int n, int m, double p, double shift, boolean weighted) {
    DenseMatrix x = TestData.gaussian(31, "x", d, n, shift, 1.0);
    DenseMatrix y = TestData.gaussian(32, "y", d, m, shift + 0.5, 1.0);
    double[] a = weighted ? TestData.randomWeights(33, "a", n) : TestData.uniform(n);
    double[] b = weighted ? TestData.randomWeights(34, "b", m) : TestData.uniform(m);
    DiscreteMeasure mu = new DiscreteMeasure(x, a);
    DiscreteMeasure nu = new DiscreteMeasure(y, b);
    assertSameAsFullSimplex(mu, nu, p, CandidateArcTransport.Config.defaults());
    // one neighbour and one arc per row per round: many pricing rounds, the same optimum
    assertSameAsFullSimplex(mu, nu, p, FEW_ARCS);
  }

  @Test
  void theExactProblemTakesThisSolverAtScaleAndAgreesWithTheFullSimplex() {
    // n·m ≥ MIN_ARCS, weighted, far from the origin (offset 1e4, spread 1): OptimalTransport.solve
    // (what `ot --solver exact` calls) against the full simplex on the dense cost; the plan's cost by
    // differences (the `cost` column of plan.parquet) adds up to the reported cost.
    int n = 1100;
    int m = 1000;
    assertTrue((long) n * m >= CandidateArcTransport.MIN_ARCS);
    DiscreteMeasure mu = new DiscreteMeasure(TestData.gaussian(71, "x", 4, n, 1e4, 1.0),
        TestData.randomWeights(72, "a", n));
    DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(73, "y", 4, m, 1e4 + 0.3, 1.0),
        TestData.randomWeights(74, "b", m));
    TransportResult r = OptimalTransport.solve(mu, nu, new OtProblem.Exact(new GroundCost(2.0)));
    NetworkSimplex.Result full = new NetworkSimplex().solve(mu.weights(), nu.weights(),
        DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), 2.0));
    assertEquals(full.cost(), r.cost(), 1e-12 * full.cost(), "cost vs the full network simplex");
    assertEquals(r.cost(), r.plan().orElseThrow().cost(new GroundCost(2.0).between(mu, nu)), 1e-13 * r.cost(),
        "plan cost column sum");
    assertEquals(r.cost(), ((TransportResult.Exact) r.details()).dualObjective(), 1e-11 * r.cost(), "strong duality");
  }

  @Test
  void coarseDualsForTheFirstCandidatesKeepTheOptimumAndItsCertificate() {
    // coarsening by 2 (the coarse problem 550 x 500 is solved first; its duals' c-transforms choose the
    // first candidates): unequal sizes, random weights, off the origin; with one arc per row per round
    // the warm-started rounds after it are many
    int n = 1100;
    int m = 1000;
    DiscreteMeasure mu = new DiscreteMeasure(TestData.gaussian(81, "x", 5, n, 30.0, 1.0), TestData.randomWeights(82, "a", n));
    DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(83, "y", 5, m, 30.4, 1.5), TestData.randomWeights(84, "b", m));
    NetworkSimplex.Result oracle = new NetworkSimplex().solve(mu.weights(), nu.weights(),
        DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), 2.0));
    assertSameAs(oracle, mu, nu, 2.0, CandidateArcTransport.Config.defaults().withCoarsening(2));
    CandidateArcTransport.Result thin = assertSameAs(oracle, mu, nu, 2.0,
        new CandidateArcTransport.Config(1, 1, 1, 1000, NetworkSimplex.Config.defaults(), 2));
    assertTrue(thin.rounds() > 2, "rounds " + thin.rounds());
  }

  @Test
  void columnGenerationTakesSeveralRoundsFromOneNeighbour() {
    DenseMatrix x = TestData.gaussian(41, "x", 3, 200, 0.0, 1.0);
    DenseMatrix y = TestData.gaussian(42, "y", 3, 200, 2.0, 1.0);
    CandidateArcTransport.Result r = new CandidateArcTransport(FEW_ARCS)
        .solve(DiscreteMeasure.uniform(x), DiscreteMeasure.uniform(y), 2.0);
    assertTrue(r.rounds() > 2, "rounds " + r.rounds());
    assertTrue(r.candidateArcs() < 200L * 200 / 4, "candidate arcs " + r.candidateArcs());
    assertTrue(r.certified());
  }

  @Test
  void degenerateCases() {
    // duplicated points: the same cloud on both sides (cost 0), and clouds with repeated atoms
    DenseMatrix x = TestData.gaussian(51, "x", 2, 60, 0.0, 1.0);
    DiscreteMeasure same = DiscreteMeasure.uniform(x);
    assertSameAsFullSimplex(same, same, 2.0, FEW_ARCS);
    CandidateArcTransport.Result zero = new CandidateArcTransport().solve(same, same, 2.0);
    assertEquals(0.0, zero.solution().cost(), 0.0);
    DenseMatrix dup = repeat(TestData.gaussian(52, "dup", 3, 20, 0.0, 1.0), 4);
    DenseMatrix dupY = repeat(TestData.gaussian(53, "dupY", 3, 15, 0.3, 1.0), 3);
    assertSameAsFullSimplex(DiscreteMeasure.uniform(dup), DiscreteMeasure.uniform(dupY), 2.0, FEW_ARCS);
    // equal costs everywhere: integer lattice points (many ties among reduced costs)
    assertSameAsFullSimplex(DiscreteMeasure.uniform(lattice(7, 0)), DiscreteMeasure.uniform(lattice(6, 1)), 2.0,
        FEW_ARCS);
    assertSameAsFullSimplex(DiscreteMeasure.uniform(lattice(7, 0)), DiscreteMeasure.uniform(lattice(6, 1)), 1.0,
        CandidateArcTransport.Config.defaults());
    // 1-D, n ≠ m, against the full solver and the quantile closed form's value via the full solver
    DenseMatrix x1 = TestData.gaussian(54, "x1", 1, 170, 0.0, 1.0);
    DenseMatrix y1 = TestData.gaussian(55, "y1", 1, 110, 1.0, 2.0);
    assertSameAsFullSimplex(DiscreteMeasure.uniform(x1), DiscreteMeasure.uniform(y1), 2.0, FEW_ARCS);
    // zero-mass rows and columns keep their index; their duals stay feasible
    double[] a = TestData.randomWeights(56, "a", 60);
    double[] b = TestData.randomWeights(57, "b", 45);
    for (int i = 0; i < 60; i += 7) {
      a[i] = 0.0;
    }
    for (int j = 3; j < 45; j += 5) {
      b[j] = 0.0;
    }
    normalise(a);
    normalise(b);
    DiscreteMeasure mu = new DiscreteMeasure(TestData.gaussian(58, "zx", 3, 60, 0.0, 1.0), a);
    DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(59, "zy", 3, 45, 0.5, 1.0), b);
    assertSameAsFullSimplex(mu, nu, 2.0, FEW_ARCS);
    assertSameAsFullSimplex(mu, nu, 1.0, CandidateArcTransport.Config.defaults());
    // a single atom on one side
    assertSameAsFullSimplex(DiscreteMeasure.uniform(TestData.gaussian(60, "one", 2, 1, 0.0, 1.0)),
        DiscreteMeasure.uniform(TestData.gaussian(61, "many", 2, 30, 0.0, 1.0)), 2.0, FEW_ARCS);
  }

  @Test
  void anInterpolantAgainstItsOwnTargetIsCertified() {
    // FedWaD's hardest client solve: an exact interpolant (pieces of every source atom on segments toward its
    // targets) against the target measure it came from, in d = 50. Its optimal plan follows the pieces, with
    // many ties, and in the last passes one or two rows at a time still violate (the tail quota's case).
    int d = 50;
    DiscreteMeasure target = DiscreteMeasure.uniform(TestData.gaussian(71, "mu", d, 160, 0.0, 1.0));
    DiscreteMeasure source = DiscreteMeasure.uniform(TestData.gaussian(72, "xi", d, 101, 0.5, 1.0));
    for (double t : new double[] {0.3, 0.9}) {
      NetworkSimplex.Result plan = new NetworkSimplex().solve(source, target, 2.0);
      DiscreteMeasure pieces = McCannInterpolation.interpolate(source, target, plan.plan(), t);
      assertTrue(pieces.size() > 160, "pieces " + pieces.size());
      assertSameAsFullSimplex(pieces, target, 2.0, FEW_ARCS);
      // along the geodesic: W(interpolant, target) = (1 − t)·W(source, target)
      CandidateArcTransport.Result r = new CandidateArcTransport().solve(pieces, target, 2.0);
      assertEquals((1 - t) * plan.wasserstein(2.0), r.solution().wasserstein(2.0), 1e-9 * plan.wasserstein(2.0));
    }
  }

  @ParameterizedTest(name = "p={0}")
  @CsvSource({"2", "1", "1.5"})
  void cloudsFarApartAreSolvedFromNeighboursAfterTranslation(double p) {
    // Two weighted clouds six spreads apart in d = 2, too small to coarsen: the initial neighbours are taken
    // with the sources moved onto the targets' mean. The optimum and its certificate are the full simplex's
    // for every p; for p = 2 the translated neighbours hold nearly the whole optimal support, so few passes
    // follow (measured: 4 passes; the untranslated nearest neighbours, on the facing rims of the clouds, took 16).
    int n = 700;
    int m = 500;
    DiscreteMeasure mu = new DiscreteMeasure(TestData.gaussian(91, "x", 2, n, 0.0, 1.0), TestData.randomWeights(92, "a", n));
    DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(93, "y", 2, m, 6.0 / Math.sqrt(2), 1.0),
        TestData.randomWeights(94, "b", m));
    NetworkSimplex.Result oracle = new NetworkSimplex().solve(mu.weights(), nu.weights(),
        DenseCostMatrix.groundCost(mu.atoms(), nu.atoms(), p));
    CandidateArcTransport.Result r = assertSameAs(oracle, mu, nu, p, CandidateArcTransport.Config.defaults());
    if (p == 2.0) {
      assertTrue(r.rounds() <= 8, "pricing passes " + r.rounds());
    }
  }

  @ParameterizedTest(name = "p={0}")
  @CsvSource({"2", "1.5"})
  void keptPricingValuesGiveTheSameSolveAsRecomputedOnes(double p) {
    // Later passes scan the first pass's Gram products (p = 2) or costs instead of recomputing them: with one
    // arc per row per pass (many passes) the solve must be the recomputing solver's, bit for bit, and the
    // full simplex's optimum.
    int n = 400;
    int m = 300;
    DiscreteMeasure mu = new DiscreteMeasure(TestData.gaussian(95, "x", 3, n, 100.0, 1.0), TestData.randomWeights(96, "a", n));
    DiscreteMeasure nu = new DiscreteMeasure(TestData.gaussian(97, "y", 3, m, 100.5, 1.5), TestData.randomWeights(98, "b", m));
    CandidateArcTransport.Result kept = new CandidateArcTransport(FEW_ARCS).solve(mu, nu, p);
    CandidateArcTransport.Result recomputed = new CandidateArcTransport(FEW_ARCS.withCacheEntries(0)).solve(mu, nu, p);
    assertTrue(kept.rounds() > 5, "passes " + kept.rounds());
    assertEquals(recomputed.rounds(), kept.rounds(), "passes");
    assertEquals(recomputed.solution().cost(), kept.solution().cost(), 0.0, "cost");
    org.junit.jupiter.api.Assertions.assertArrayEquals(recomputed.solution().planRows(), kept.solution().planRows());
    org.junit.jupiter.api.Assertions.assertArrayEquals(recomputed.solution().planCols(), kept.solution().planCols());
    org.junit.jupiter.api.Assertions.assertArrayEquals(recomputed.solution().planMass(), kept.solution().planMass(), 0.0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(recomputed.solution().u(), kept.solution().u(), 0.0);
    assertSameAsFullSimplex(mu, nu, p, FEW_ARCS);
    assertSameAsFullSimplex(mu, nu, p, FEW_ARCS.withCacheEntries(0));
  }

  @Test
  void anInterpolantNextToItsTargetIsCertifiedInFewPasses() {
    // FedWaD's client solve after the server kept that client's own interpolant from t near 1: pieces of every
    // source atom right next to their target points, in d = 50. The restricted problem is degenerate (each target
    // with its pieces is its own component of the plan), so the tree's potentials drift between components along
    // zero-flow arcs, and each pass used to repair a few rows: each violating column's most negative arc now
    // joins too. Certified, the full simplex's cost, and the geodesic identity; passes measured: 3 with the
    // columns' arcs, 14 without.
    int d = 50;
    DiscreteMeasure target = DiscreteMeasure.uniform(TestData.gaussian(75, "mu", d, 400, 0.0, 1.0));
    DiscreteMeasure source = DiscreteMeasure.uniform(TestData.gaussian(76, "xi", d, 257, 0.5, 1.0));
    NetworkSimplex.Result plan = new NetworkSimplex().solve(source, target, 2.0);
    double t = 0.999;
    DiscreteMeasure pieces = McCannInterpolation.interpolate(source, target, plan.plan(), t);
    assertTrue(pieces.size() > 400, "pieces " + pieces.size());
    CandidateArcTransport.Result r = assertSameAs(new NetworkSimplex().solve(pieces, target, 2.0), pieces, target, 2.0,
        CandidateArcTransport.Config.defaults());
    assertEquals((1 - t) * plan.wasserstein(2.0), r.solution().wasserstein(2.0), 1e-9 * plan.wasserstein(2.0));
    assertTrue(r.rounds() <= 6, "pricing passes " + r.rounds());
  }

  private static void normalise(double[] w) {
    double s = Arrays.stream(w).sum();
    for (int i = 0; i < w.length; i++) {
      w[i] /= s;
    }
  }

  private static DenseMatrix repeat(DenseMatrix x, int times) {
    double[] v = new double[x.values().length * times];
    for (int t = 0; t < times; t++) {
      System.arraycopy(x.values(), 0, v, t * x.values().length, x.values().length);
    }
    return DenseMatrix.wrap(x.rows(), x.cols() * times, v);
  }

  /** The k×k integer grid shifted by (s, 0). */
  private static DenseMatrix lattice(int k, double s) {
    double[] v = new double[2 * k * k];
    for (int q = 0; q < k * k; q++) {
      v[2 * q] = q % k + s;
      v[2 * q + 1] = q / k;
    }
    return DenseMatrix.wrap(2, k * k, v);
  }
}
