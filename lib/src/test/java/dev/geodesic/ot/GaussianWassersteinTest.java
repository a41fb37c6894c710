package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

class GaussianWassersteinTest {
  @Test
  void commutingCovariancesReduceToTheFrobeniusFormula() {
    // diagonal Σ1 = diag(1, 4), Σ2 = diag(9, 1): W2² = ‖m1 − m2‖² + ‖Σ1^½ − Σ2^½‖_F² = 25 + (4 + 1)
    DenseMatrix s1 = DenseMatrix.fromRows(new double[][] {{1, 0}, {0, 4}});
    DenseMatrix s2 = DenseMatrix.fromRows(new double[][] {{9, 0}, {0, 1}});
    assertEquals(30.0, GaussianWasserstein.w2Squared(new double[] {0, 0}, s1, new double[] {3, 4}, s2), 1e-12);
  }

  @Test
  void oneDimensionalGaussians() {
    // W2² = (m1 − m2)² + (σ1 − σ2)²
    DenseMatrix s1 = DenseMatrix.fromRows(new double[][] {{2.25}});
    DenseMatrix s2 = DenseMatrix.fromRows(new double[][] {{0.25}});
    assertEquals(Math.sqrt(4 + 1), GaussianWasserstein.w2(new double[] {1}, s1, new double[] {-1}, s2), 1e-12);
  }

  @Test
  void nonDiagonalCovariances() {
    // Σ1 = I, Σ2 = R diag(4, 0.25) Rᵀ (R a rotation by 0.7): W2² = Σ_k (1 − √λ_k)² = 1 + 0.25
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    double[][] r = {{c, -s}, {s, c}};
    double[] lambda = {4.0, 0.25};
    DenseMatrix s2 = DenseMatrix.zeros(2, 2);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        s2.set(i, j, r[i][0] * lambda[0] * r[j][0] + r[i][1] * lambda[1] * r[j][1]);
      }
    }
    double[] m = {0, 0};
    assertEquals(1.25, GaussianWasserstein.w2Squared(m, DenseMatrix.identity(2), m, s2), 1e-12);
    // Σ2 = 9·Σ1 (non-diagonal Σ1): W2² = (1 − 3)²·tr Σ1
    DenseMatrix s1 = DenseMatrix.fromRows(new double[][] {{2, 0.5}, {0.5, 1}});
    DenseMatrix nine = DenseMatrix.fromRows(new double[][] {{18, 4.5}, {4.5, 9}});
    assertEquals(4 * 3.0, GaussianWasserstein.w2Squared(m, s1, m, nine), 1e-11);
    assertEquals(GaussianWasserstein.w2(m, s1, m, s2), GaussianWasserstein.w2(m, s2, m, s1), 1e-10);
  }
}
