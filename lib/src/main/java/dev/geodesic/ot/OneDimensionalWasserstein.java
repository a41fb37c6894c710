package dev.geodesic.ot;

/**
 * W_p between two weighted measures on the real line in closed form: the monotone (quantile) coupling
 * of the sorted atoms, W_p^p = ∫_0^1 |F⁻¹(s) − G⁻¹(s)|^p ds, computed by merging the two CDFs in
 * O((n + m) log(n + m)).
 */
public final class OneDimensionalWasserstein {
  private OneDimensionalWasserstein() {}

  /** W_p^p (the transport cost) between Σ a_i δ(x_i) and Σ b_j δ(y_j); masses must agree to {@link Marginals#MASS_TOLERANCE}. */
  public static double cost(double[] x, double[] a, double[] y, double[] b, double p) {
    PointCloudCost.checkExponent(p);
    if (x.length != a.length || y.length != b.length) {
      throw new IllegalArgumentException("atoms and weights differ in length");
    }
    double sa = Marginals.balanced(a, b);
    double sb = Marginals.total(b, "target");
    int[] ix = order(x);
    int[] iy = order(y);
    double scaleB = sa / sb;
    int i = 0;
    int j = 0;
    double ra = a[ix[0]];
    double rb = b[iy[0]] * scaleB;
    double total = 0.0;
    while (i < x.length && j < y.length) {
      double f = Math.min(ra, rb);
      if (f > 0) {
        double dist = Math.abs(x[ix[i]] - y[iy[j]]);
        total += f * (p == 1.0 ? dist : p == 2.0 ? dist * dist : Math.pow(dist, p));
      }
      ra -= f;
      rb -= f;
      if (ra <= rb) {
        if (++i < x.length) {
          ra = a[ix[i]];
        }
      } else {
        if (++j < y.length) {
          rb = b[iy[j]] * scaleB;
        }
      }
    }
    return total;
  }

  /** W_p = cost^(1/p). */
  public static double distance(double[] x, double[] a, double[] y, double[] b, double p) {
    return Math.pow(cost(x, a, y, b, p), 1.0 / p);
  }

  /** Indices sorting v ascending (ties in index order), without boxing: rank each value in a sorted copy. */
  static int[] order(double[] v) {
    int n = v.length;
    double[] sorted = v.clone();
    java.util.Arrays.sort(sorted);
    int[] idx = new int[n];
    int[] used = new int[n];
    for (int k = 0; k < n; k++) {
      if (Double.isNaN(v[k])) {
        throw new IllegalArgumentException("NaN atom");
      }
      int pos = java.util.Arrays.binarySearch(sorted, v[k]);
      while (pos > 0 && Double.compare(sorted[pos - 1], v[k]) == 0) {
        pos--;
      }
      idx[pos + used[pos]++] = k;
    }
    return idx;
  }
}
