package dev.geodesic.ot;

/**
 * A transport plan between n source and m target atoms in sparse (coordinate) form: P_ij = mass[k]
 * at (rows[k], cols[k]). Entries are not required to be distinct or sorted.
 */
public record TransportPlan(int n, int m, int[] rows, int[] cols, double[] mass) {
  public TransportPlan {
    if (rows.length != cols.length || rows.length != mass.length) {
      throw new IllegalArgumentException("rows, cols and mass must have the same length");
    }
    for (int k = 0; k < rows.length; k++) {
      if (rows[k] < 0 || rows[k] >= n || cols[k] < 0 || cols[k] >= m) {
        throw new IllegalArgumentException("entry (" + rows[k] + "," + cols[k] + ") outside " + n + "x" + m);
      }
    }
  }

  public int nonZeros() {
    return mass.length;
  }

  public double totalMass() {
    double s = 0.0;
    for (double w : mass) {
      s += w;
    }
    return s;
  }

  /** Σ_j P_ij for every i. */
  public double[] rowSums() {
    double[] r = new double[n];
    for (int k = 0; k < mass.length; k++) {
      r[rows[k]] += mass[k];
    }
    return r;
  }

  /** Σ_i P_ij for every j. */
  public double[] colSums() {
    double[] c = new double[m];
    for (int k = 0; k < mass.length; k++) {
      c[cols[k]] += mass[k];
    }
    return c;
  }

  /** ⟨P, C⟩. */
  public double cost(CostMatrix c) {
    double s = 0.0;
    for (int k = 0; k < mass.length; k++) {
      s += mass[k] * c.cost(rows[k], cols[k]);
    }
    return s;
  }
}
