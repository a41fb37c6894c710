package dev.geodesic.monotone;

import dev.geodesic.data.LabeledBlock;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;

/**
 * Distributionally robust logistic regression as a finite-sum monotone inclusion:
 * min_w max_{q∈Q} Σ_i q_i·ℓ_i(w) + (λ/2)‖w‖² with ℓ_i(w) = log(1 + e^{z_i}) − y_i·z_i,
 * z_i = a_iᵀw + w₀ (labels in {0, 1}, intercept w₀ unregularized) and Q the simplex or the χ²-ball
 * {q ∈ Δ : (N/2)‖q − 1/N‖² ≤ ρ} (Namkoong &amp; Duchi 2016). u = (w, w₀, q) and
 * F(u) = (Σ q_i∇ℓ_i(w) + λw, −ℓ(w)), monotone because the objective is convex in w (q ≥ 0) and linear
 * in q; G is the normal cone of ℝ^{d+1} × Q. With ρ = 0, Q = {uniform} and this is plain regularized
 * logistic regression.
 *
 * <p>The components are the rows: F_i(u) = (N·q_i·∇ℓ_i(w) + λw, −N·ℓ_i(w)·e_i), one O(d) row pass,
 * so a partition of rows evaluates its own components.
 */
public final class DroLogisticRegression implements FiniteSumOperator {
  private final DenseMatrix features;
  private final double[] labels;
  private final double lambda;
  private final int d;
  private final int rows;
  private final double rho;
  private final double maxRowNorm;
  private final double frobenius;
  private final Blas blas = Blas.get();

  /**
   * @param data the d × N features (samples are columns) with labels in {0, 1}
   * @param lambda the L2 weight λ ≥ 0 on w (not on the intercept)
   * @param rho the χ² budget ρ ≥ 0, or +∞ for the whole simplex
   */
  public DroLogisticRegression(LabeledBlock data, double lambda, double rho) {
    if (!data.hasLabels() || data.size() < 1) {
      throw new IllegalArgumentException("DRO logistic regression needs labelled rows");
    }
    for (double y : data.labels()) {
      if (y != 0 && y != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + y);
      }
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda) || !(rho >= 0)) {
      throw new IllegalArgumentException("need a finite lambda >= 0 and rho >= 0");
    }
    this.features = data.features();
    this.labels = data.labels();
    this.lambda = lambda;
    this.d = data.dimension();
    this.rows = data.size();
    this.rho = rho;
    double maxSq = 0;
    double total = 0;
    for (int i = 0; i < rows; i++) {
      double r = blas.nrm2(d, features.values(), i * d);
      double sq = r * r + 1; // the intercept's constant feature
      maxSq = Math.max(maxSq, sq);
      total += sq;
    }
    this.maxRowNorm = Math.sqrt(maxSq);
    this.frobenius = Math.sqrt(total);
  }

  /** The inclusion with G the normal cone of ℝ^{d+1} × Q. */
  public MonotoneInclusion inclusion() {
    return new MonotoneInclusion(this, resolvent(d, rows, rho));
  }

  /** J_{ηG} for G the normal cone of ℝ^{d+1} × Q (Q the simplex when ρ = ∞, else the χ²-ball). */
  public static Resolvent resolvent(int d, int rows, double rho) {
    return ProductResolvent.of(new IdentityResolvent(d + 1),
        Double.isInfinite(rho) ? SimplexProjection.probability(rows) : new ChiSquareBallProjection(rows, rho));
  }

  /** Rows [from, to) as a block holding their features and labels. */
  public DroLogisticBlock block(int from, int to) {
    double[] f = new double[(to - from) * d];
    System.arraycopy(features.values(), from * d, f, 0, f.length);
    return new DroLogisticBlock(from, to, rows, d, lambda, f, java.util.Arrays.copyOfRange(labels, from, to));
  }

  /** {@link #lipschitz()} from the largest squared row norm R² and ‖Ã‖_F² (intercept included). */
  public static double lipschitz(double lambda, double maxRowNormSquared, double frobeniusSquared) {
    return lambda + maxRowNormSquared / 4 + Math.sqrt(frobeniusSquared);
  }

  /** {@link #meanSquareLipschitz()} from N, λ and the largest squared row norm R². */
  public static double meanSquareLipschitz(int rows, double lambda, double maxRowNormSquared) {
    double r2 = maxRowNormSquared;
    double nn = rows;
    return lambda + Math.sqrt(Math.max(2 * nn * r2, nn * r2 * r2 / 8 + nn * nn * r2));
  }

  /** u₀ = (0, 0, uniform q). */
  public double[] start() {
    double[] u = new double[d + 1 + rows];
    java.util.Arrays.fill(u, d + 1, u.length, 1.0 / rows);
    return u;
  }

  /** Feature dimension d (u holds d weights, the intercept, then N sample weights). */
  public int features() {
    return d;
  }

  public int samples() {
    return rows;
  }

  @Override
  public int dimension() {
    return d + 1 + rows;
  }

  @Override
  public int components() {
    return rows;
  }

  /** z_i = a_iᵀw + w₀ for every row. */
  public double[] margins(double[] u) {
    double[] z = new double[rows];
    blas.netlib().dgemv("T", d, rows, 1.0, features.values(), 0, d, u, 0, 1, 0.0, z, 0, 1);
    for (int i = 0; i < rows; i++) {
      z[i] += u[d];
    }
    return z;
  }

  /** log(1 + e^z) − y·z, evaluated without overflow. */
  static double loss(double z, double y) {
    return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public void apply(double[] u, double[] out) {
    double[] z = margins(u);
    double[] coef = new double[rows];
    double intercept = 0;
    for (int i = 0; i < rows; i++) {
      double q = u[d + 1 + i];
      coef[i] = q * (sigmoid(z[i]) - labels[i]);
      intercept += coef[i];
      out[d + 1 + i] = -loss(z[i], labels[i]);
    }
    // Σ q_i∇ℓ_i(w) = A·(q ∘ (σ(z) − y)): one gemv.
    blas.netlib().dgemv("N", d, rows, 1.0, features.values(), 0, d, coef, 0, 1, 0.0, out, 0, 1);
    for (int j = 0; j < d; j++) {
      out[j] += lambda * u[j];
    }
    out[d] = intercept;
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    double z = blas.dot(d, features.values(), i * d, u, 0) + u[d];
    double q = u[d + 1 + i];
    double c = scale * rows * q * (sigmoid(z) - labels[i]);
    blas.axpy(d, c, features.values(), i * d, out, 0);
    out[d] += c;
    for (int j = 0; j < d; j++) {
      out[j] += scale * lambda * u[j];
    }
    out[d + 1 + i] -= scale * rows * loss(z, labels[i]);
  }

  /** On the feasible set (q ∈ Δ): λ + max‖ã_i‖²/4 (the w-block Hessian) + ‖Ã‖_F ≥ ‖[∇ℓ_i]‖₂ (the coupling). */
  @Override
  public double lipschitz() {
    return lipschitz(lambda, maxRowNorm * maxRowNorm, frobenius * frobenius);
  }

  /**
   * With R = max‖ã_i‖ and q ∈ Δ: (1/N)Σ‖F_i(u) − F_i(v)‖² ≤ 2NR²‖δq‖² + (NR⁴/8 + N²R²)‖δw‖², plus λ by
   * Minkowski. The N² term is the price of each row owning one coordinate of q.
   */
  @Override
  public double meanSquareLipschitz() {
    return meanSquareLipschitz(rows, lambda, maxRowNorm * maxRowNorm);
  }

  /** The robust objective's inner value Σ q_i ℓ_i(w) + (λ/2)‖w‖² at u. */
  public double objective(double[] u) {
    double[] z = margins(u);
    double s = 0;
    for (int i = 0; i < rows; i++) {
      s += u[d + 1 + i] * loss(z[i], labels[i]);
    }
    double w2 = 0;
    for (int j = 0; j < d; j++) {
      w2 += u[j] * u[j];
    }
    return s + 0.5 * lambda * w2;
  }

  /** Accuracy of the classifier z ≥ 0 ⇒ 1 within each group (groups in [0, groupCount)). */
  public double[] groupAccuracies(double[] u, int[] groups, int groupCount) {
    if (groups.length != rows) {
      throw new IllegalArgumentException("one group per row: " + groups.length + " != " + rows);
    }
    double[] z = margins(u);
    long[] right = new long[groupCount];
    long[] size = new long[groupCount];
    for (int i = 0; i < rows; i++) {
      int g = groups[i];
      size[g]++;
      if ((z[i] >= 0 ? 1.0 : 0.0) == labels[i]) {
        right[g]++;
      }
    }
    double[] acc = new double[groupCount];
    for (int g = 0; g < groupCount; g++) {
      acc[g] = size[g] == 0 ? Double.NaN : (double) right[g] / size[g];
    }
    return acc;
  }

  /** The lowest accuracy over non-empty groups. */
  public double worstGroupAccuracy(double[] u, int[] groups, int groupCount) {
    double worst = Double.POSITIVE_INFINITY;
    for (double a : groupAccuracies(u, groups, groupCount)) {
      if (!Double.isNaN(a)) {
        worst = Math.min(worst, a);
      }
    }
    return worst;
  }
}
