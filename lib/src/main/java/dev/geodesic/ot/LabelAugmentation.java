package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import java.util.HashMap;
import java.util.Map;

/**
 * OTDD-style label-augmented features (Alvarez-Melis &amp; Fusi, "Geometric dataset distances via
 * optimal transport", 2020, in the federated form of the FedWaD paper): each client replaces sample x
 * of class c by (x, m_c, s_c), where m_c is the mean of its class-c samples and s_c the square root of
 * the diagonal of their covariance. A client computes this from its own samples only, so the
 * augmented distance is still federated. Features go from d to 3d.
 */
public final class LabelAugmentation {
  private LabelAugmentation() {}

  /**
   * @param x d×n samples (columns)
   * @param labels n class labels
   * @return 3d×n: each column is (x_j, mean of x_j's class, √diag covariance of x_j's class)
   */
  public static DenseMatrix augment(DenseMatrix x, double[] labels) {
    int d = x.rows();
    int n = x.cols();
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("need one label per sample: " + n + " samples, "
          + (labels == null ? 0 : labels.length) + " labels");
    }
    double[] v = x.values();
    Map<Double, double[]> sums = new HashMap<>();
    Map<Double, Integer> counts = new HashMap<>();
    for (int j = 0; j < n; j++) {
      double[] s = sums.computeIfAbsent(labels[j], k -> new double[2 * d]);
      counts.merge(labels[j], 1, Integer::sum);
      for (int i = 0; i < d; i++) {
        double e = v[j * d + i];
        s[i] += e;
        s[d + i] += e * e;
      }
    }
    Map<Double, double[]> stats = new HashMap<>();
    for (Map.Entry<Double, double[]> e : sums.entrySet()) {
      int c = counts.get(e.getKey());
      double[] s = e.getValue();
      double[] st = new double[2 * d];
      for (int i = 0; i < d; i++) {
        double mean = s[i] / c;
        st[i] = mean;
        // Population variance of the class, clipped at 0 against rounding.
        st[d + i] = Math.sqrt(Math.max(0.0, s[d + i] / c - mean * mean));
      }
      stats.put(e.getKey(), st);
    }
    double[] out = new double[3 * d * n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(v, j * d, out, j * 3 * d, d);
      System.arraycopy(stats.get(labels[j]), 0, out, j * 3 * d + d, 2 * d);
    }
    return DenseMatrix.wrap(3 * d, n, out);
  }
}
