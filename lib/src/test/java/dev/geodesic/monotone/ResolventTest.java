package dev.geodesic.monotone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Projections against their definitions: feasibility plus the variational inequality ⟨v − p, z − p⟩ ≤ 0 on C. */
class ResolventTest {
  @Test
  void simplexProjectionKnownCases() {
    SimplexProjection s = SimplexProjection.probability(3);
    double[] out = new double[3];
    s.apply(new double[] {0.2, 0.3, 0.5}, 1.0, out);
    assertArrayEquals(new double[] {0.2, 0.3, 0.5}, out, 1e-15);
    s.apply(new double[] {0.5, 0.5, 2}, 1.0, out);
    assertArrayEquals(new double[] {0, 0, 1}, out, 1e-15);
    s.apply(new double[] {1, 1, -3}, 1.0, out);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, out, 1e-15);
    s.apply(new double[] {7, 7, 7}, 1.0, out);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, out, 1e-15);
    // (0.9, 0.4, −1): τ = 0.15 → (0.75, 0.25, 0).
    s.apply(new double[] {0.9, 0.4, -1}, 1.0, out);
    assertArrayEquals(new double[] {0.75, 0.25, 0}, out, 1e-15);
  }

  /** Brute force: the KKT conditions of min ½‖x − v‖² on {x ≥ 0, Σx = r}: x = max(v − τ, 0) with Σx = r, checked as a VI over the vertices r·e_j. */
  @Test
  void simplexProjectionSatisfiesKktOnRandomPointsFarFromTheOrigin() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      int d = 1 + r.nextInt(40);
      double radius = trial % 2 == 0 ? 1.0 : 3.5;
      double shift = trial % 3 == 0 ? 1e4 : 0;
      double[] v = new double[d];
      for (int k = 0; k < d; k++) {
        v[k] = shift + 5 * (r.nextDouble() - 0.5) * (trial % 5 == 0 ? 100 : 1);
      }
      double[] p = new double[d];
      new SimplexProjection(d, radius).apply(v, 1.0, p);
      double sum = 0;
      for (double x : p) {
        assertTrue(x >= 0);
        sum += x;
      }
      assertEquals(radius, sum, 1e-9 * Math.max(1, shift));
      // VI: ⟨v − p, z − p⟩ ≤ 0 for every z in C; the max over z is at a vertex r·e_j.
      double inner = 0;
      double best = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < d; k++) {
        inner += (v[k] - p[k]) * p[k];
        best = Math.max(best, radius * (v[k] - p[k]));
      }
      assertTrue(best - inner <= 1e-9 * Math.max(1, shift), "VI violated by " + (best - inner));
    }
  }

  @Test
  void simplexProjectionIgnoresAConstantShift() {
    SplittableRandom r = new SplittableRandom(5);
    double[] v = new double[25];
    double[] shifted = new double[25];
    for (int k = 0; k < v.length; k++) {
      v[k] = r.nextDouble();
      shifted[k] = v[k] + 1e6;
    }
    double[] a = new double[25];
    double[] b = new double[25];
    SimplexProjection.probability(25).apply(v, 1.0, a);
    SimplexProjection.probability(25).apply(shifted, 1.0, b);
    assertArrayEquals(a, b, 1e-9);
  }

  @Test
  void boxAndBallProjectionsSatisfyTheirVariationalInequalities() {
    SplittableRandom r = new SplittableRandom(11);
    double[] center = {100, -50, 3, 0};
    BallProjection ball = new BallProjection(center, 2.0);
    BoxProjection box = new BoxProjection(4, -1, 2);
    for (int trial = 0; trial < 100; trial++) {
      double[] v = new double[4];
      for (int k = 0; k < 4; k++) {
        v[k] = center[k] + 6 * (r.nextDouble() - 0.5);
      }
      double[] p = new double[4];
      ball.apply(v, 1.0, p);
      // max_{z∈B} ⟨v − p, z⟩ = ⟨v − p, c⟩ + r‖v − p‖ must not exceed ⟨v − p, p⟩.
      double dn = 0;
      double atC = 0;
      double atP = 0;
      double dist = 0;
      for (int k = 0; k < 4; k++) {
        double g = v[k] - p[k];
        dn += g * g;
        atC += g * center[k];
        atP += g * p[k];
        dist += (p[k] - center[k]) * (p[k] - center[k]);
      }
      assertTrue(Math.sqrt(dist) <= 2 + 1e-12);
      assertTrue(atC + 2 * Math.sqrt(dn) - atP <= 1e-9);
      box.apply(v, 1.0, p);
      for (int k = 0; k < 4; k++) {
        assertEquals(Math.min(2, Math.max(-1, v[k])), p[k], 0);
      }
    }
  }

  /** Against Dykstra's alternating projections onto the simplex and the ball, an independent algorithm. */
  @Test
  void chiSquareBallProjectionAgreesWithDykstra() {
    SplittableRandom r = new SplittableRandom(17);
    int n = 12;
    for (double rho : new double[] {0.05, 0.5, 3.0}) {
      ChiSquareBallProjection chi = new ChiSquareBallProjection(n, rho);
      double[] uniform = new double[n];
      java.util.Arrays.fill(uniform, 1.0 / n);
      BallProjection ball = new BallProjection(uniform, chi.radius());
      SimplexProjection simplex = SimplexProjection.probability(n);
      for (int trial = 0; trial < 20; trial++) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
          v[k] = 1.0 / n + 0.6 * (r.nextDouble() - 0.5);
        }
        double[] p = new double[n];
        chi.apply(v, 1.0, p);
        // Dykstra: x ← P_Δ(y + p̃), ...; converges to the projection onto the intersection.
        double[] x = v.clone();
        double[] pa = new double[n];
        double[] qb = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        for (int it = 0; it < 20000; it++) {
          for (int k = 0; k < n; k++) {
            t[k] = x[k] + pa[k];
          }
          simplex.apply(t, 1.0, y);
          for (int k = 0; k < n; k++) {
            pa[k] = t[k] - y[k];
            t[k] = y[k] + qb[k];
          }
          ball.apply(t, 1.0, x);
          for (int k = 0; k < n; k++) {
            qb[k] = t[k] - x[k];
          }
        }
        assertArrayEquals(x, p, 1e-7, "rho " + rho);
      }
    }
  }

  @Test
  void productActsBlockByBlockAndIdentityIsG0() {
    ProductResolvent prod = ProductResolvent.of(SimplexProjection.probability(2), new IdentityResolvent(2),
        new BoxProjection(1, 0, 1));
    double[] out = new double[5];
    prod.apply(new double[] {1, 1, -7, 8, 3}, 1.0, out);
    assertArrayEquals(new double[] {0.5, 0.5, -7, 8, 1}, out, 1e-15);
    assertEquals(5, prod.dimension());
  }
}
