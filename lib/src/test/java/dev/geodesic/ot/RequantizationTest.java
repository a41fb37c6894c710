package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

class RequantizationTest {
  @Test
  void keepsMassAndBoundsItsOwnDisplacement() {
    for (long seed = 1; seed <= 8; seed++) {
      int d = 1 + (int) (seed % 4);
      int n = 30 + (int) (seed * 11 % 40);
      int cap = 5 + (int) (seed * 3 % 20);
      double p = seed % 2 == 0 ? 2.0 : 1.0;
      DiscreteMeasure m = new DiscreteMeasure(TestData.gaussian(seed, "x", d, n, seed % 3 == 0 ? 1e3 : 0.0, 1.0),
          TestData.randomWeights(seed, "w", n));
      Requantization.Result r = Requantization.reduce(m, cap, p);
      assertEquals(cap, r.measure().size());
      assertEquals(m.totalMass(), r.measure().totalMass(), 1e-12);
      // the atom → centre map is a coupling, so its cost bounds the exact W_p from above
      double w = Math.pow(TestData.exactCost(m, r.measure(), p), 1.0 / p);
      assertTrue(w <= r.displacement() * (1 + 1e-9) + 1e-12, "seed " + seed + ": W " + w + " > " + r.displacement());
    }
  }

  @Test
  void mergesTheCheapestPairFirst() {
    // One merge (n → n − 1): it must be the pair of least Ward cost w_i w_j/(w_i + w_j)·‖x_i − x_j‖², by brute
    // force over all pairs, and the merged atom their barycentre.
    for (long seed = 1; seed <= 6; seed++) {
      int n = 6 + (int) seed;
      DiscreteMeasure m = new DiscreteMeasure(TestData.gaussian(seed, "x", 3, n, 0.0, 1.0),
          TestData.randomWeights(seed, "w", n));
      double best = Double.POSITIVE_INFINITY;
      int bi = -1;
      int bj = -1;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double s = 0;
          for (int q = 0; q < 3; q++) {
            double diff = m.atoms().get(q, i) - m.atoms().get(q, j);
            s += diff * diff;
          }
          double c = m.weights()[i] * m.weights()[j] / (m.weights()[i] + m.weights()[j]) * s;
          if (c < best) {
            best = c;
            bi = i;
            bj = j;
          }
        }
      }
      Requantization.Result r = Requantization.reduce(m, n - 1, 2.0);
      assertEquals(Math.sqrt(best), r.displacement(), 1e-12 * Math.max(1, Math.sqrt(best)));
      double wi = m.weights()[bi];
      double wj = m.weights()[bj];
      boolean found = false;
      for (int k = 0; k < n - 1; k++) {
        if (Math.abs(r.measure().weights()[k] - (wi + wj)) < 1e-15) {
          for (int q = 0; q < 3; q++) {
            assertEquals((wi * m.atoms().get(q, bi) + wj * m.atoms().get(q, bj)) / (wi + wj), r.measure().atoms().get(q, k),
                1e-12);
          }
          found = true;
        }
      }
      assertTrue(found, "seed " + seed + ": no merged atom of mass w_i + w_j");
    }
  }

  @Test
  void piecesOfTheSameAtomMergeBackFarFromTheOrigin() {
    // An exact interpolant at t close to 1: each of 60 atoms (d = 50, around 1e3·1) split into 2 or 3 pieces within
    // 1e-3 of it. Re-quantized to 60 atoms, every atom comes back (mass and barycentre of its pieces) and the
    // displacement is below the pieces' spread; merging into the heaviest pieces would move mass ≈ 10 apart.
    int d = 50;
    int atoms = 60;
    DenseMatrix centres = TestData.gaussian(3, "c", d, atoms, 1e3, 1.0);
    DenseMatrix jitter = TestData.gaussian(4, "j", d, 3 * atoms, 0.0, 1e-3 / Math.sqrt(d));
    double[] wPiece = TestData.randomWeights(5, "w", 3 * atoms);
    int pieces = 0;
    double[] v = new double[3 * atoms * d];
    double[] wv = new double[3 * atoms];
    double[] atomMass = new double[atoms];
    double[][] atomSum = new double[atoms][d];
    for (int a = 0; a < atoms; a++) {
      for (int k = 0; k < 2 + a % 2; k++) {
        for (int q = 0; q < d; q++) {
          v[pieces * d + q] = centres.get(q, a) + jitter.get(q, pieces);
          atomSum[a][q] += wPiece[pieces] * v[pieces * d + q];
        }
        wv[pieces] = wPiece[pieces];
        atomMass[a] += wPiece[pieces];
        pieces++;
      }
    }
    DiscreteMeasure m = new DiscreteMeasure(DenseMatrix.wrap(d, pieces, java.util.Arrays.copyOf(v, pieces * d)),
        java.util.Arrays.copyOf(wv, pieces));
    Requantization.Result r = Requantization.reduce(m, atoms, 2.0);
    assertEquals(atoms, r.measure().size());
    assertTrue(r.displacement() < 1e-3 * Math.sqrt(m.totalMass()), "displacement " + r.displacement());
    for (int a = 0; a < atoms; a++) {
      int match = -1;
      for (int k = 0; k < atoms; k++) {
        if (Math.abs(r.measure().atoms().get(0, k) - atomSum[a][0] / atomMass[a]) < 1e-6) {
          match = k;
        }
      }
      assertTrue(match >= 0, "atom " + a + " not recovered");
      assertEquals(atomMass[a], r.measure().weights()[match], 1e-15);
      for (int q = 0; q < d; q++) {
        assertEquals(atomSum[a][q] / atomMass[a], r.measure().atoms().get(q, match), 1e-9);
      }
    }
  }

  @Test
  void smallMeasuresAreLeftAlone() {
    DiscreteMeasure m = DiscreteMeasure.uniform(TestData.gaussian(1, "x", 2, 10, 0.0, 1.0));
    Requantization.Result r = Requantization.reduce(m, 10, 2.0);
    assertSame(m, r.measure());
    assertEquals(0.0, r.displacement());
  }
}
