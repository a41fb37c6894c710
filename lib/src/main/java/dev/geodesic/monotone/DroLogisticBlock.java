package dev.geodesic.monotone;

import dev.geodesic.linalg.Blas;

/**
 * Rows [from, to) of a {@link DroLogisticRegression} with N rows in all: their features (d × count,
 * samples are columns) and labels, so that an executor evaluates its rows' components
 * F_i(u) = (N·q_i·∇ℓ_i(w) + λw, −N·ℓ_i(w)·e_i) in place.
 */
public final class DroLogisticBlock implements ComponentBlock {
  private static final long serialVersionUID = 1L;

  private final int from;
  private final int to;
  private final int rows;
  private final int d;
  private final double lambda;
  private final double[] features;
  private final double[] labels;

  /**
   * @param rows N, the rows of the whole problem
   * @param features the block's rows, d values each (samples are columns)
   * @param labels the block's labels in {0, 1}
   */
  public DroLogisticBlock(int from, int to, int rows, int d, double lambda, double[] features, double[] labels) {
    if (from < 0 || to < from || to > rows || features.length != (long) (to - from) * d || labels.length != to - from) {
      throw new IllegalArgumentException("block [" + from + ", " + to + ") does not match its arrays");
    }
    this.from = from;
    this.to = to;
    this.rows = rows;
    this.d = d;
    this.lambda = lambda;
    this.features = features;
    this.labels = labels;
  }

  @Override
  public int from() {
    return from;
  }

  @Override
  public int to() {
    return to;
  }

  @Override
  public void addAll(double[] u, double scale, double[] out) {
    Blas blas = Blas.get();
    int count = to - from;
    if (count == 0) {
      return;
    }
    double[] z = new double[count];
    blas.netlib().dgemv("T", d, count, 1.0, features, 0, d, u, 0, 1, 0.0, z, 0, 1);
    double[] coef = new double[count];
    double intercept = 0;
    for (int k = 0; k < count; k++) {
      double zk = z[k] + u[d];
      int i = from + k;
      coef[k] = scale * rows * u[d + 1 + i] * (DroLogisticRegression.sigmoid(zk) - labels[k]);
      intercept += coef[k];
      out[d + 1 + i] -= scale * rows * DroLogisticRegression.loss(zk, labels[k]);
    }
    blas.netlib().dgemv("N", d, count, 1.0, features, 0, d, coef, 0, 1, 1.0, out, 0, 1);
    out[d] += intercept;
    for (int j = 0; j < d; j++) {
      out[j] += scale * count * lambda * u[j];
    }
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    Blas blas = Blas.get();
    int k = i - from;
    double z = blas.dot(d, features, k * d, u, 0) + u[d];
    double c = scale * rows * u[d + 1 + i] * (DroLogisticRegression.sigmoid(z) - labels[k]);
    blas.axpy(d, c, features, k * d, out, 0);
    out[d] += c;
    for (int j = 0; j < d; j++) {
      out[j] += scale * lambda * u[j];
    }
    out[d + 1 + i] -= scale * rows * DroLogisticRegression.loss(z, labels[k]);
  }

  @Override
  public DroLogisticBlock component(int i) {
    if (i < from || i >= to) {
      throw new IllegalArgumentException("component " + i + " is not in [" + from + ", " + to + ")");
    }
    int k = i - from;
    return new DroLogisticBlock(i, i + 1, rows, d, lambda, java.util.Arrays.copyOfRange(features, k * d, (k + 1) * d),
        new double[] {labels[k]});
  }

  /**
   * For worst-group accuracy by label: {rows with label 0, of them classified 0, rows with label 1,
   * of them classified 1} for the classifier z ≥ 0 ⇒ 1 at u.
   */
  public long[] accuracyByLabel(double[] u) {
    Blas blas = Blas.get();
    long[] c = new long[4];
    for (int k = 0; k < to - from; k++) {
      double z = blas.dot(d, features, k * d, u, 0) + u[d];
      int label = (int) labels[k];
      c[2 * label]++;
      if ((z >= 0 ? 1 : 0) == label) {
        c[2 * label + 1]++;
      }
    }
    return c;
  }

  /** The largest ‖ã_i‖² = ‖a_i‖² + 1 of the block's rows. */
  public double maxRowNormSquared() {
    Blas blas = Blas.get();
    double best = 0;
    for (int k = 0; k < to - from; k++) {
      double r = blas.nrm2(d, features, k * d);
      best = Math.max(best, r * r + 1);
    }
    return best;
  }

  /** Σ‖ã_i‖² over the block's rows. */
  public double frobeniusSquared() {
    double s = to - from;
    for (double v : features) {
      s += v * v;
    }
    return s;
  }
}
