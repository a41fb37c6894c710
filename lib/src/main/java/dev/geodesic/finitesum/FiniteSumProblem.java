package dev.geodesic.finitesum;

import dev.geodesic.finitesum.data.FeatureBlock;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.loss.MarginLoss;
import dev.geodesic.finitesum.prox.Regularizer;
import java.io.Serializable;

/**
 * min_x F(x) + h(W), F(x) = (1/N)·Σ_i ℓ(Wᵀa_i + b, y_i), for a linear model with K outputs: weights W
 * (d×K, column-major) and, with an intercept, K unpenalized offsets b. The parameter vector is
 * x = [W[:, 0]; …; W[:, K−1]; b] of length d·K (+ K).
 *
 * <p><b>Centering.</b> With an intercept, a dense problem is solved in centered coordinates: margins
 * are Wᵀ(a_i − m) + b' with m the mean row, which is the same model (b = b' − Wᵀm) and the same
 * objective, since b is not penalized. Far from the origin (features offset by 10³) the uncentered
 * problem's Hessian has one eigenvalue ~‖m‖² ≫ the others and every first-order method stalls; MLlib
 * centers for the same reason (SPARK-34448). Centering is implicit — the data are never copied — and
 * only for dense blocks: subtracting m would densify sparse rows. {@link #intercepts} returns b in the
 * original coordinates.
 */
public final class FiniteSumProblem implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FeatureBlock data;
  private final double[] labels;
  private final MarginLoss loss;
  private final Regularizer penalty;
  private final boolean intercept;
  private final double[] center;
  private final int n;
  private final int d;
  private final int k;
  private transient double[] rowSmoothness;

  private FiniteSumProblem(FeatureBlock data, double[] labels, MarginLoss loss, Regularizer penalty, boolean intercept,
      double[] center) {
    if (labels.length != data.rows()) {
      throw new IllegalArgumentException(labels.length + " labels for " + data.rows() + " rows");
    }
    if (center != null && (center.length != data.dimension() || !intercept || data.layout() != Layout.DENSE)) {
      throw new IllegalArgumentException("centering needs a dense block, an intercept and a center of length "
          + data.dimension());
    }
    this.data = data;
    this.labels = labels;
    this.loss = loss;
    this.penalty = penalty;
    this.intercept = intercept;
    this.center = center;
    this.n = data.rows();
    this.d = data.dimension();
    this.k = loss.outputs();
  }

  /**
   * The problem on {@code data} with the labels as the loss reads them (checked, copied); dense data
   * with an intercept are centered on their mean row (see the class comment).
   */
  public static FiniteSumProblem of(FeatureBlock data, double[] labels, MarginLoss loss, Regularizer penalty,
      boolean intercept) {
    if (data.rows() == 0) {
      throw new IllegalArgumentException("no rows");
    }
    double[] center = null;
    if (intercept && data.layout() == Layout.DENSE) {
      center = data.columnSums();
      for (int j = 0; j < center.length; j++) {
        center[j] /= data.rows();
      }
    }
    return new FiniteSumProblem(data, loss.prepareLabels(labels), loss, penalty, intercept, center);
  }

  /** The same problem centered on {@code mean} (e.g. the mean of all shards), or not centered when null. */
  public FiniteSumProblem withCenter(double[] mean) {
    return new FiniteSumProblem(data, labels, loss, penalty, intercept, mean == null ? null : mean.clone());
  }

  /** The same rows, labels and center under another penalty (the rows are shared, not copied). */
  public FiniteSumProblem withPenalty(Regularizer h) {
    return new FiniteSumProblem(data, labels, loss, h, intercept, center);
  }

  /** The same problem on rows [from, to) (a shard), with the same center. */
  public FiniteSumProblem rows(int from, int to) {
    return new FiniteSumProblem(data.slice(from, to), java.util.Arrays.copyOfRange(labels, from, to), loss, penalty,
        intercept, center);
  }

  public FeatureBlock data() {
    return data;
  }

  public double[] labels() {
    return labels;
  }

  public MarginLoss loss() {
    return loss;
  }

  public Regularizer penalty() {
    return penalty;
  }

  public boolean intercept() {
    return intercept;
  }

  /** The mean row the problem is centered on, or null. */
  public double[] center() {
    return center;
  }

  /** N. */
  public int rows() {
    return n;
  }

  /** d. */
  public int features() {
    return d;
  }

  /** K. */
  public int outputs() {
    return k;
  }

  /** d·K: the penalized coordinates come first in x. */
  public int weightCount() {
    return d * k;
  }

  /** Length of x: d·K, plus K with an intercept. */
  public int parameters() {
    return d * k + (intercept ? k : 0);
  }

  /**
   * Σ_i ℓ_i(x); adds Σ_i ∇f_i(x) to {@code gradSum} when not null and writes the derivatives
   * ∂ℓ/∂z at every row into {@code derivatives} (n·K) when not null. Two BLAS calls for the margins and
   * the gradient.
   */
  public double lossSum(double[] x, double[] gradSum, double[] derivatives) {
    double[] z = new double[n * k];
    data.margins(x, k, z);
    double[] shift = marginShift(x);
    double total = 0.0;
    double[] r = derivatives != null ? derivatives : (gradSum != null ? new double[n * k] : null);
    for (int i = 0; i < n; i++) {
      int o = i * k;
      for (int c = 0; c < k; c++) {
        z[o + c] += shift[c];
      }
      total += loss.value(z, o, labels[i]);
      if (r != null) {
        loss.derivative(z, o, labels[i], r, o);
      }
    }
    if (gradSum != null) {
      data.addGradient(r, k, 1.0, gradSum);
      double[] rowSums = new double[k];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          rowSums[c] += r[i * k + c];
        }
      }
      for (int c = 0; c < k; c++) {
        if (center != null) {
          for (int j = 0; j < d; j++) {
            gradSum[c * d + j] -= rowSums[c] * center[j];
          }
        }
        if (intercept) {
          gradSum[d * k + c] += rowSums[c];
        }
      }
    }
    return total;
  }

  /** What every margin gets besides Wᵀa_i: b_k − W[:, k]ᵀm. */
  public double[] marginShift(double[] x) {
    return shape().marginShift(x);
  }

  /** z[0..K) = row i's margins at x, given {@code shift} = {@link #marginShift}(x). */
  public void rowMargins(int i, double[] x, double[] shift, double[] z) {
    for (int c = 0; c < k; c++) {
      z[c] = data.dot(i, x, c * d) + shift[c];
    }
  }

  /** The layout of x, the penalty and the center: what a driver needs without the rows. */
  public LinearModelShape shape() {
    return new LinearModelShape(d, k, intercept, penalty, center);
  }

  /** F(x), and ∇F(x) into {@code grad} (overwritten) when not null. */
  public double smoothValue(double[] x, double[] grad) {
    if (grad != null) {
      java.util.Arrays.fill(grad, 0.0);
    }
    double f = lossSum(x, grad, null) / n;
    if (grad != null) {
      for (int j = 0; j < grad.length; j++) {
        grad[j] /= n;
      }
    }
    return f;
  }

  /** h(W). */
  public double penaltyValue(double[] x) {
    return penalty.value(x, d * k);
  }

  /** F(x) + h(W). */
  public double objective(double[] x) {
    return smoothValue(x, null) + penaltyValue(x);
  }

  /** out = prox_{ηh}(x − η·g), the intercept moved by the plain gradient step. */
  public void proxGradientStep(double[] x, double[] g, double eta, double[] out) {
    shape().proxGradientStep(x, g, eta, out);
  }

  /** ‖(x − prox_{ηh}(x − η∇F(x)))/η‖, the gradient mapping: zero exactly at the minimizers. */
  public double gradientMappingNorm(double[] x, double[] grad, double eta) {
    return shape().gradientMappingNorm(x, grad, eta);
  }

  /** ‖a_i − m‖² (‖a_i‖² when not centered), plus 1 for the intercept's constant feature. */
  public double rowSquaredNorm(int i) {
    double s = data.squaredNorm(i);
    if (center != null) {
      double mm = 0.0;
      for (double v : center) {
        mm += v * v;
      }
      s += mm - 2 * data.dot(i, center, 0);
    }
    return Math.max(s, 0.0) + (intercept ? 1.0 : 0.0);
  }

  /**
   * L_i = c_ℓ·(‖a_i − m‖² + [intercept]) for every row: f_i is L_i-smooth (computed once, cached; the
   * kernel's own array, do not modify). Independent of the penalty, so shards keep it across rounds.
   */
  public double[] rowSmoothness() {
    double[] l = rowSmoothness;
    if (l == null) {
      double mm = 0.0;
      if (center != null) {
        for (double v : center) {
          mm += v * v;
        }
      }
      double c = loss.curvature();
      l = new double[n];
      for (int i = 0; i < n; i++) {
        double s = data.squaredNorm(i) + (center != null ? mm - 2 * data.dot(i, center, 0) : 0.0);
        l[i] = c * (Math.max(s, 0.0) + (intercept ? 1.0 : 0.0));
      }
      rowSmoothness = l;
    }
    return l;
  }

  /** L_max = max_i L_i: every f_i is L_max-smooth. */
  public double maxRowSmoothness() {
    double mx = 0.0;
    for (double v : rowSmoothness()) {
      mx = Math.max(mx, v);
    }
    return mx;
  }

  /** L̄ = (1/n)·Σ_i L_i, the constant of the estimator that samples rows ∝ L_i. */
  public double meanRowSmoothness() {
    double s = 0.0;
    for (double v : rowSmoothness()) {
      s += v;
    }
    return s / n;
  }

  public double[] weights(double[] x) {
    return shape().weights(x);
  }

  /** The intercepts b in the original (uncentered) coordinates: b' − Wᵀm; zeros without an intercept. */
  public double[] intercepts(double[] x) {
    return shape().intercepts(x);
  }
}
