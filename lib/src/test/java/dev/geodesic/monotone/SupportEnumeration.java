package dev.geodesic.monotone;

import dev.geodesic.linalg.DenseMatrix;

/**
 * The value and an equilibrium of a tiny zero-sum game by support enumeration (an independent exact
 * solver for tests): for each pair of equal-size supports R (rows, the maximizer y) and S (columns, the
 * minimizer x), solve Σ_{i∈R} y_i A_ij = v (j ∈ S), Σ_{j∈S} A_ij x_j = v (i ∈ R), Σy = Σx = 1, and keep
 * the first solution with x, y ≥ 0 and best responses (Ax)_i ≤ v, (Aᵀy)_j ≥ v. Every nondegenerate
 * game has an equilibrium with equal supports.
 */
final class SupportEnumeration {
  record Equilibrium(double value, double[] x, double[] y) {}

  private SupportEnumeration() {}

  static Equilibrium solve(DenseMatrix a) {
    int m = a.rows();
    int n = a.cols();
    for (int k = 1; k <= Math.min(m, n); k++) {
      for (int[] rows : subsets(m, k)) {
        for (int[] cols : subsets(n, k)) {
          Equilibrium e = tryPair(a, rows, cols);
          if (e != null) {
            return e;
          }
        }
      }
    }
    throw new IllegalStateException("no equilibrium with equal supports (degenerate game)");
  }

  private static Equilibrium tryPair(DenseMatrix a, int[] rows, int[] cols) {
    int k = rows.length;
    // y: unknowns (y_R, v): Σ_i y_i A_ij − v = 0 for j ∈ S, Σ y_i = 1.
    double[][] my = new double[k + 1][k + 2];
    double[][] mx = new double[k + 1][k + 2];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        my[r][c] = a.get(rows[c], cols[r]);
        mx[r][c] = a.get(rows[r], cols[c]);
      }
      my[r][k] = -1;
      mx[r][k] = -1;
    }
    for (int c = 0; c < k; c++) {
      my[k][c] = 1;
      mx[k][c] = 1;
    }
    my[k][k + 1] = 1;
    mx[k][k + 1] = 1;
    double[] sy = gauss(my);
    double[] sx = gauss(mx);
    if (sy == null || sx == null || Math.abs(sy[k] - sx[k]) > 1e-9) {
      return null;
    }
    double v = sy[k];
    double[] x = new double[a.cols()];
    double[] y = new double[a.rows()];
    for (int c = 0; c < k; c++) {
      if (sy[c] < -1e-12 || sx[c] < -1e-12) {
        return null;
      }
      y[rows[c]] = Math.max(0, sy[c]);
      x[cols[c]] = Math.max(0, sx[c]);
    }
    for (int i = 0; i < a.rows(); i++) {
      double s = 0;
      for (int j = 0; j < a.cols(); j++) {
        s += a.get(i, j) * x[j];
      }
      if (s > v + 1e-9) {
        return null;
      }
    }
    for (int j = 0; j < a.cols(); j++) {
      double s = 0;
      for (int i = 0; i < a.rows(); i++) {
        s += a.get(i, j) * y[i];
      }
      if (s < v - 1e-9) {
        return null;
      }
    }
    return new Equilibrium(v, x, y);
  }

  /** Gaussian elimination with partial pivoting on an augmented matrix; null when singular. */
  private static double[] gauss(double[][] m) {
    int n = m.length;
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
          piv = r;
        }
      }
      if (Math.abs(m[piv][c]) < 1e-12) {
        return null;
      }
      double[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int r = 0; r < n; r++) {
      x[r] = m[r][n] / m[r][r];
    }
    return x;
  }

  private static java.util.List<int[]> subsets(int n, int k) {
    java.util.List<int[]> out = new java.util.ArrayList<>();
    int[] s = new int[k];
    for (int i = 0; i < k; i++) {
      s[i] = i;
    }
    while (true) {
      out.add(s.clone());
      int i = k - 1;
      while (i >= 0 && s[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      s[i]++;
      for (int j = i + 1; j < k; j++) {
        s[j] = s[j - 1] + 1;
      }
    }
  }
}
