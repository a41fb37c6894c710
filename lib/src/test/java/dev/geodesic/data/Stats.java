package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;

/** Sample moments computed with plain loops, independently of the generators' code paths. */
final class Stats {
  private Stats() {}

  static double[] mean(DenseMatrix x) {
    int d = x.rows();
    int n = x.cols();
    double[] v = x.values();
    double[] m = new double[d];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < d; i++) {
        m[i] += v[i + j * d];
      }
    }
    for (int i = 0; i < d; i++) {
      m[i] /= n;
    }
    return m;
  }

  /** Covariance about a given centre, divided by n (the centre is the true mean in tests). */
  static DenseMatrix covariance(DenseMatrix x, double[] centre) {
    int d = x.rows();
    int n = x.cols();
    double[] v = x.values();
    DenseMatrix c = DenseMatrix.zeros(d, d);
    double[] cv = c.values();
    for (int j = 0; j < n; j++) {
      for (int b = 0; b < d; b++) {
        double xb = v[b + j * d] - centre[b];
        for (int a = 0; a < d; a++) {
          cv[a + b * d] += (v[a + j * d] - centre[a]) * xb;
        }
      }
    }
    for (int k = 0; k < cv.length; k++) {
      cv[k] /= n;
    }
    return c;
  }
}
