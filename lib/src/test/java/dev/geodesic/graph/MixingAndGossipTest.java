package dev.geodesic.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixingAndGossipTest {
  static List<CommunicationGraph> graphs() {
    return List.of(CommunicationGraph.ring(9), CommunicationGraph.complete(5), CommunicationGraph.star(6),
        CommunicationGraph.torus(3, 4), CommunicationGraph.erdosRenyi(12, 0.4, SeedSequence.of(5)));
  }

  @Test
  void metropolisHastingsWeightsHaveTheAssumedProperties() {
    for (CommunicationGraph g : graphs()) {
      MixingMatrix w = MetropolisHastingsMixing.of(g);
      double[][] d = w.dense();
      int n = g.nodes();
      for (int i = 0; i < n; i++) {
        double row = 0;
        double col = 0;
        for (int j = 0; j < n; j++) {
          row += d[i][j];
          col += d[j][i];
          assertEquals(d[i][j], d[j][i], 0.0);
          assertTrue(d[i][j] >= 0);
          if (i != j && !g.adjacent(i, j)) {
            assertEquals(0.0, d[i][j], 0.0);
          }
          if (g.adjacent(i, j)) {
            assertEquals(1.0 / (1 + Math.max(g.degree(i), g.degree(j))), d[i][j], 1e-16);
          }
        }
        assertEquals(1.0, row, 1e-15);
        assertEquals(1.0, col, 1e-15);
      }
      assertTrue(w.secondLargestSingularValue() < 1, g + ": σ₂ = " + w.secondLargestSingularValue());
    }
    // MH on the complete graph: every weight 1/n, exact averaging in one round
    assertEquals(0.0, MetropolisHastingsMixing.of(CommunicationGraph.complete(5)).secondLargestSingularValue(), 1e-14);
  }

  @Test
  void sigma2OfTheRingMatchesTheClosedForm() {
    for (int n : new int[] {5, 6, 16, 20}) {
      // weights 1/3: eigenvalues 1/3 + (2/3)cos(2πk/n); the largest below 1 is k = 1 (the most negative is smaller in modulus)
      double expected = 1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI / n);
      assertEquals(expected, MetropolisHastingsMixing.of(CommunicationGraph.ring(n)).secondLargestSingularValue(), 1e-13);
    }
  }

  @Test
  void customMatricesAreCheckedLikeMetropolisHastings() {
    CommunicationGraph ring = CommunicationGraph.ring(4);
    double[][] ok = {{0.5, 0.25, 0, 0.25}, {0.25, 0.5, 0.25, 0}, {0, 0.25, 0.5, 0.25}, {0.25, 0, 0.25, 0.5}};
    // eigenvalues ½ + ½cos(πk/2): 1, ½, 0, ½ → σ₂ = ½
    assertEquals(0.5, MixingMatrix.of(ring, ok, "lazy").secondLargestSingularValue(), 1e-14);
    double[][] notStochastic = {{0.6, 0.25, 0, 0.25}, {0.25, 0.5, 0.25, 0}, {0, 0.25, 0.5, 0.25}, {0.25, 0, 0.25, 0.5}};
    assertTrue(message(ring, notStochastic).contains("not doubly stochastic: row 0 sums to 1.1"));
    double[][] notSymmetric = {{0.5, 0.3, 0, 0.2}, {0.2, 0.5, 0.3, 0}, {0, 0.2, 0.5, 0.3}, {0.3, 0, 0.2, 0.5}};
    assertTrue(message(ring, notSymmetric).contains("not symmetric"));
    double[][] offEdge = {{0.5, 0.25, 0.25, 0}, {0.25, 0.5, 0, 0.25}, {0.25, 0, 0.5, 0.25}, {0, 0.25, 0.25, 0.5}};
    assertTrue(message(ring, offEdge).contains("not neighbours"));
    double[][] negative = {{1.2, -0.1, 0, -0.1}, {-0.1, 1.2, -0.1, 0}, {0, -0.1, 1.2, -0.1}, {-0.1, 0, -0.1, 1.2}};
    assertTrue(message(ring, negative).contains("negative"));
    // zero weight on two edges of the ring: supported on edges, stochastic, but the support is disconnected
    double[][] split = {{0.5, 0.5, 0, 0}, {0.5, 0.5, 0, 0}, {0, 0, 0.5, 0.5}, {0, 0, 0.5, 0.5}};
    assertTrue(message(ring, split).contains("σ₂"));
    // a periodic W (the 2-node swap) does not mix either
    double[][] swap = {{0, 1}, {1, 0}};
    assertTrue(message(CommunicationGraph.ring(2), swap).contains("σ₂"));
  }

  private static String message(CommunicationGraph g, double[][] w) {
    return assertThrows(IllegalArgumentException.class, () -> MixingMatrix.of(g, w, "custom")).getMessage();
  }

  static List<DenseMatrix> randomValues(int n, int rows, int cols, long seed) {
    SplittableRandom r = SeedSequence.of(seed).stream("values");
    List<DenseMatrix> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DenseMatrix m = DenseMatrix.zeros(rows, cols);
      for (int k = 0; k < m.values().length; k++) {
        m.values()[k] = SeedSequence.nextGaussian(r);
      }
      out.add(m);
    }
    return out;
  }

  @Test
  void plainGossipIsWToTheT() {
    MixingMatrix w = MetropolisHastingsMixing.of(CommunicationGraph.erdosRenyi(10, 0.4, SeedSequence.of(8)));
    List<DenseMatrix> x = randomValues(10, 3, 2, 9);
    List<DenseMatrix> mixed = new PlainGossip(w, 4).mix(x);
    double[][] wt = power(w.dense(), 4);
    for (int i = 0; i < 10; i++) {
      DenseMatrix expected = DenseMatrix.zeros(3, 2);
      for (int j = 0; j < 10; j++) {
        for (int k = 0; k < 6; k++) {
          expected.values()[k] += wt[i][j] * x.get(j).values()[k];
        }
      }
      assertEquals(0.0, mixed.get(i).maxAbsDifference(expected), 1e-14);
    }
  }

  private static double[][] power(double[][] w, int t) {
    int n = w.length;
    double[][] p = new double[n][n];
    for (int i = 0; i < n; i++) {
      p[i][i] = 1;
    }
    for (int s = 0; s < t; s++) {
      double[][] q = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            q[i][j] += p[i][k] * w[k][j];
          }
        }
      }
      p = q;
    }
    return p;
  }

  /** ‖P − 11ᵀ/n‖₂ of the n×n matrix P = p(W) a gossip applies, built by gossiping the unit vectors. */
  private static double disagreementContraction(Gossip g) {
    int n = g.mixing().nodes();
    List<DenseMatrix> units = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DenseMatrix e = DenseMatrix.zeros(1, n);
      e.set(0, i, 1.0);
      units.add(e);
    }
    List<DenseMatrix> rows = g.mix(units);
    DenseMatrix p = DenseMatrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p.set(i, j, rows.get(i).get(0, j) - 1.0 / n);
      }
    }
    assertEquals(0.0, p.maxAbsDifference(p.transpose()), 1e-13); // p(W) is symmetric
    double[] ev = Lapack.get().symmetricEigen(p).values();
    return Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
  }

  @Test
  void chebyshevGossipContractsAsTheTheorySaysOnARing() {
    int n = 20;
    MixingMatrix w = MetropolisHastingsMixing.of(CommunicationGraph.ring(n));
    double sigma = w.secondLargestSingularValue(); // ≈ 0.9674
    for (int t : new int[] {1, 3, 8, 12, 30}) {
      double plain = disagreementContraction(new PlainGossip(w, t));
      assertEquals(Math.pow(sigma, t), plain, 1e-12);
      double cheb = disagreementContraction(new ChebyshevGossip(w, t));
      // σ₂ is an eigenvalue of W, where |p_t| attains its maximum 1/T_t(1/σ₂)
      double theory = 1.0 / Math.cosh(t * acosh(1.0 / sigma));
      assertEquals(theory, cheb, 1e-12 + 1e-9 * theory);
      assertEquals(theory, new ChebyshevGossip(w, t).contraction(), 1e-15);
      double rho = sigma / (1 + Math.sqrt(1 - sigma * sigma));
      assertTrue(cheb <= 2 * Math.pow(rho, t) * (1 + 1e-12));
      if (t > 1) {
        assertTrue(cheb < plain, "t = " + t + ": chebyshev " + cheb + " vs plain " + plain);
      }
    }
    // The spec's example: one decade of disagreement on the 20-ring costs 12 accelerated exchanges vs ≈ 70 plain.
    assertTrue(disagreementContraction(new ChebyshevGossip(w, 12)) < 0.1);
    assertTrue(Math.pow(sigma, 69) > 0.1 && Math.pow(sigma, 70) < 0.1);
  }

  private static double acosh(double z) {
    return Math.log(z + Math.sqrt(z * z - 1));
  }

  @Test
  void chebyshevGossipPreservesTheAverageAndReducesToWOnCompleteGraphs() {
    MixingMatrix w = MetropolisHastingsMixing.of(CommunicationGraph.torus(3, 3));
    List<DenseMatrix> x = randomValues(9, 4, 2, 10);
    List<DenseMatrix> mixed = new ChebyshevGossip(w, 7).mix(x);
    for (int k = 0; k < 8; k++) {
      double before = 0;
      double after = 0;
      for (int i = 0; i < 9; i++) {
        before += x.get(i).values()[k];
        after += mixed.get(i).values()[k];
      }
      assertEquals(before, after, 1e-13);
    }
    MixingMatrix exact = MetropolisHastingsMixing.of(CommunicationGraph.complete(4));
    List<DenseMatrix> y = randomValues(4, 2, 2, 11);
    List<DenseMatrix> a = new ChebyshevGossip(exact, 3).mix(y);
    List<DenseMatrix> b = new PlainGossip(exact, 3).mix(y);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.0, a.get(i).maxAbsDifference(b.get(i)), 1e-15);
    }
    assertThrows(IllegalArgumentException.class, () -> new ChebyshevGossip(exact, 0));
  }
}
