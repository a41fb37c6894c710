package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import java.util.Arrays;

/**
 * A discrete measure Σ_i w_i δ(x_i) on R^d: atoms as the columns of a d×n matrix and their weights.
 * Validated on construction: n ≥ 1, one finite non-negative weight per atom, finite atoms, positive
 * total mass. The arrays are not copied.
 */
public record DiscreteMeasure(DenseMatrix atoms, double[] weights) implements java.io.Serializable {
  public DiscreteMeasure {
    if (atoms == null || weights == null) {
      throw new IllegalArgumentException("atoms and weights must not be null");
    }
    Marginals.total(weights, atoms.cols(), "measure");
    if (!atoms.isFinite()) {
      throw new IllegalArgumentException("atoms contain NaN or infinite coordinates");
    }
  }

  /** Uniform weights 1/n on the columns of {@code atoms}. */
  public static DiscreteMeasure uniform(DenseMatrix atoms) {
    double[] w = new double[atoms.cols()];
    Arrays.fill(w, 1.0 / atoms.cols());
    return new DiscreteMeasure(atoms, w);
  }

  /** Ambient dimension d. */
  public int dimension() {
    return atoms.rows();
  }

  /** Number of atoms n. */
  public int size() {
    return atoms.cols();
  }

  /** The weighted mean Σ_i w_i x_i / Σ_i w_i. */
  public double[] mean() {
    int d = dimension();
    double[] x = atoms.values();
    double[] mean = new double[d];
    for (int i = 0; i < weights.length; i++) {
      for (int c = 0; c < d; c++) {
        mean[c] += weights[i] * x[i * d + c];
      }
    }
    double total = totalMass();
    for (int c = 0; c < d; c++) {
      mean[c] /= total;
    }
    return mean;
  }

  public double totalMass() {
    double t = 0.0;
    for (double w : weights) {
      t += w;
    }
    return t;
  }
}
