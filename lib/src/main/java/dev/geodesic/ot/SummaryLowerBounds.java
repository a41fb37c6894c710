package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Certified lower bounds on W_p(μ, ν) from the clients' {@link ClientSummary summaries} only, for FedWaD's
 * bracket:
 *
 * <ul>
 *   <li><b>Gelbrich</b> (Gelbrich 1990): W_2(μ, ν) ≥ W_2(N(m_μ, Σ_μ), N(m_ν, Σ_ν)) for any μ, ν with these
 *       means and covariances, and W_p ≥ W_2 for p ≥ 2; for 1 ≤ p &lt; 2 only its mean part remains,
 *       W_p ≥ W_1 ≥ ‖m_μ − m_ν‖.
 *   <li><b>1-D projections</b>: x ↦ θᵀx is 1-Lipschitz for a unit θ, so W_p(θ#μ, θ#ν) ≤ W_p(μ, ν). From
 *       bracketing quantiles only: on (s_q, s_{q+1}] the quantile function of θ#μ lies in
 *       [F⁻¹(s_q − η), F⁻¹(s_{q+1} + η)] (it is nondecreasing), so W_p^p(θ#μ, θ#ν) = ∫|F⁻¹ − G⁻¹|^p ≥
 *       Σ_q (1/Q)·gap_q^p, gap_q the distance between the two clients' intervals. η = {@value #LEVEL_SLACK} absorbs
 *       the rounding of the cumulative weights, so the interval is certain to hold the quantile.
 * </ul>
 *
 * The directions: the unit mean difference, then approximate eigenvectors of Σ_μ − Σ_ν with the largest |λ|
 * (where the spreads differ most; {@value #SUBSPACE_ITERATIONS} steps of subspace iteration from a seeded start),
 * then seeded random unit vectors if those are degenerate.
 */
public final class SummaryLowerBounds {
  /** Directions per pair (at most d + 1): the mean difference, d eigenvectors, then random ones. */
  public static final int DIRECTIONS = 8;
  /** Quantile intervals Q per projection: each client reveals 2(Q − 1) numbers per direction. */
  public static final int QUANTILES = 64;
  /** Slack on the quantile levels, far above the rounding of a cumulative sum of weights. */
  public static final double LEVEL_SLACK = 1e-9;
  /** Relative margin taken off the Bures term against the rounding of the eigen decompositions. */
  static final double BURES_MARGIN = 1e-10;
  /** Steps of subspace iteration for the directions where the covariances differ most. */
  static final int SUBSPACE_ITERATIONS = 20;

  /** Which bound is the best lower bound: the trace's {@code lower_bound} column holds its {@link #code()}. */
  public enum Kind {
    /** |d_A − d_B| of a round (reverse triangle inequality). */
    TRIANGLE,
    /** Gelbrich's Gaussian bound (its mean part ‖m_A − m_B‖ for p &lt; 2). */
    GELBRICH,
    /** The best 1-D projection. */
    PROJECTION;

    public int code() {
      return ordinal();
    }
  }

  /** A lower bound and which one it is. */
  public record Bound(double value, Kind kind) implements java.io.Serializable {
    /** The larger of two bounds (the earlier one on ties). */
    public Bound max(Bound o) {
      return o.value > value ? o : this;
    }
  }

  private SummaryLowerBounds() {}

  /** The client's side: moments, and quantiles along {@code directions} when given. */
  public static ClientSummary summarize(DiscreteMeasure mu, DenseMatrix directions, int quantiles) {
    int d = mu.dimension();
    int n = mu.size();
    double[] w = mu.weights();
    double[] x = mu.atoms().values();
    double total = mu.totalMass();
    double[] mean = mu.mean();
    // Two passes (centred products): data far from the origin keeps its digits.
    DenseMatrix cov = DenseMatrix.zeros(d, d);
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      if (w[i] == 0) {
        continue;
      }
      for (int c = 0; c < d; c++) {
        centred[c] = x[i * d + c] - mean[c];
      }
      for (int b = 0; b < d; b++) {
        double f = w[i] * centred[b] / total;
        for (int a = b; a < d; a++) {
          cov.set(a, b, cov.get(a, b) + f * centred[a]);
        }
      }
    }
    for (int b = 0; b < d; b++) {
      for (int a = b + 1; a < d; a++) {
        cov.set(b, a, cov.get(a, b));
      }
    }
    if (directions == null) {
      return new ClientSummary(mean, cov, null, null);
    }
    if (directions.rows() != d) {
      throw new IllegalArgumentException("directions are in R^" + directions.rows() + ", the measure in R^" + d);
    }
    int k = directions.cols();
    double[][] lo = new double[k][];
    double[][] hi = new double[k][];
    double[] proj = new double[n];
    for (int l = 0; l < k; l++) {
      for (int i = 0; i < n; i++) {
        double s = 0.0;
        for (int c = 0; c < d; c++) {
          s += directions.get(c, l) * x[i * d + c];
        }
        proj[i] = s;
      }
      double[][] q = quantiles(proj, w, total, quantiles);
      lo[l] = q[0];
      hi[l] = q[1];
    }
    return new ClientSummary(mean, cov, lo, hi);
  }

  /** F⁻¹(s_q − η) and F⁻¹(s_q + η) for s_q = q/Q, q = 1 … Q − 1, of Σ w_i δ(v_i). */
  static double[][] quantiles(double[] v, double[] w, double total, int quantiles) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] sorted = new double[n];
    double[] cum = new double[n];
    double c = 0.0;
    for (int r = 0; r < n; r++) {
      sorted[r] = v[order[r]];
      c += w[order[r]] / total;
      cum[r] = c;
    }
    double[] lo = new double[quantiles - 1];
    double[] hi = new double[quantiles - 1];
    for (int q = 1; q < quantiles; q++) {
      double s = (double) q / quantiles;
      lo[q - 1] = sorted[firstAtLeast(cum, s - LEVEL_SLACK)];
      hi[q - 1] = sorted[firstAtLeast(cum, s + LEVEL_SLACK)];
    }
    return new double[][] {lo, hi};
  }

  /** The first index whose cumulative weight reaches s (the last index when rounding leaves the total below s). */
  private static int firstAtLeast(double[] cum, double s) {
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] >= s) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The server's choice of k unit directions for a pair, from the two clients' moments: the mean difference,
   * the eigenvectors of Σ_A − Σ_B by decreasing |λ|, then random unit vectors from {@code seeds}.
   */
  public static DenseMatrix directions(ClientSummary a, ClientSummary b, int k, SeedSequence seeds) {
    int d = a.mean().length;
    DenseMatrix out = DenseMatrix.zeros(d, k);
    int l = 0;
    double[] diff = new double[d];
    for (int c = 0; c < d; c++) {
      diff[c] = b.mean()[c] - a.mean()[c];
    }
    if (normalize(diff) && l < k) {
      setColumn(out, l++, diff);
    }
    // Leading |λ| eigenvectors of Σ_A − Σ_B by subspace iteration from a seeded start: any unit direction gives
    // a valid bound, so a fixed iteration count is enough, and it costs O(d²k) per step where a full eigen
    // decomposition of a 784 × 784 matrix would cost seconds per pair.
    int r = k - l;
    SplittableRandom start = seeds.stream("fedwad-directions");
    double[][] qs = new double[r][d];
    for (double[] q : qs) {
      for (int c = 0; c < d; c++) {
        q[c] = SeedSequence.nextGaussian(start);
      }
    }
    double[] delta = new double[d * d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < d; i++) {
        delta[j * d + i] = a.covariance().get(i, j) - b.covariance().get(i, j);
      }
    }
    int kept = orthonormalize(qs);
    for (int it = 0; it < SUBSPACE_ITERATIONS && kept == r; it++) {
      for (int v = 0; v < r; v++) {
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
          double qj = qs[v][j];
          if (qj != 0) {
            for (int i = 0; i < d; i++) {
              z[i] += delta[j * d + i] * qj;
            }
          }
        }
        qs[v] = z;
      }
      kept = orthonormalize(qs);
    }
    for (int v = 0; v < kept && l < k; v++) {
      setColumn(out, l++, qs[v]);
    }
    SplittableRandom fill = seeds.stream("fedwad-directions-fill");
    while (l < k) {
      double[] v = new double[d];
      for (int c = 0; c < d; c++) {
        v[c] = SeedSequence.nextGaussian(fill);
      }
      if (normalize(v)) {
        setColumn(out, l++, v);
      }
    }
    return out;
  }

  /**
   * The best of Gelbrich's bound and the projections' bound for W_p between the two summarized measures
   * (projections only when both summaries hold them, along the same directions).
   */
  public static Bound best(ClientSummary a, ClientSummary b, DenseMatrix directions, double p) {
    Bound g = new Bound(gelbrich(a, b, p), Kind.GELBRICH);
    if (!a.hasProjections() || !b.hasProjections()) {
      return g;
    }
    return g.max(new Bound(projection(a, b, directions, p), Kind.PROJECTION));
  }

  /** Gelbrich's bound on W_p (its mean part for p &lt; 2), with a rounding margin off the Bures term. */
  public static double gelbrich(ClientSummary a, ClientSummary b, double p) {
    int d = a.mean().length;
    double mean = 0.0;
    for (int c = 0; c < d; c++) {
      double diff = a.mean()[c] - b.mean()[c];
      mean += diff * diff;
    }
    if (p < 2.0) {
      return Math.sqrt(mean);
    }
    double traces = a.covariance().trace() + b.covariance().trace();
    double full = GaussianWasserstein.w2Squared(a.mean(), a.covariance(), b.mean(), b.covariance());
    double bures = full - mean;
    return Math.sqrt(mean + Math.max(0.0, bures - BURES_MARGIN * traces));
  }

  /** The largest W_p lower bound over the directions, from the bracketing quantiles. */
  public static double projection(ClientSummary a, ClientSummary b, DenseMatrix directions, double p) {
    double best = 0.0;
    int levels = a.lowerQuantiles()[0].length;
    int intervals = levels + 1;
    for (int l = 0; l < a.lowerQuantiles().length; l++) {
      double[] alo = a.lowerQuantiles()[l];
      double[] ahi = a.upperQuantiles()[l];
      double[] blo = b.lowerQuantiles()[l];
      double[] bhi = b.upperQuantiles()[l];
      double sum = 0.0;
      // Interval (s_q, s_{q+1}] for q = 1 … Q − 2 (arrays hold levels 1 … Q − 1 at 0 … Q − 2); the two end
      // intervals have an unknown end and give nothing.
      for (int q = 0; q + 1 < levels; q++) {
        double gap = Math.max(0.0, Math.max(blo[q] - ahi[q + 1], alo[q] - bhi[q + 1]));
        sum += p == 2.0 ? gap * gap : Math.pow(gap, p);
      }
      double norm = 0.0;
      for (int c = 0; c < directions.rows(); c++) {
        norm += directions.get(c, l) * directions.get(c, l);
      }
      // A direction a rounding longer than 1 would stretch the projection: divide by its length.
      best = Math.max(best, Math.pow(sum / intervals, 1.0 / p) / Math.max(1.0, Math.sqrt(norm)));
    }
    return best;
  }

  /** Modified Gram–Schmidt in place; returns how many leading vectors are independent (the rest are dropped). */
  private static int orthonormalize(double[][] qs) {
    int kept = 0;
    for (int v = 0; v < qs.length; v++) {
      double[] q = qs[v];
      for (int u = 0; u < kept; u++) {
        double dot = 0.0;
        for (int c = 0; c < q.length; c++) {
          dot += qs[u][c] * q[c];
        }
        for (int c = 0; c < q.length; c++) {
          q[c] -= dot * qs[u][c];
        }
      }
      double norm = 0.0;
      for (double x : q) {
        norm += x * x;
      }
      if (norm > 1e-24 && normalize(q)) {
        qs[kept++] = q;
      }
    }
    return kept;
  }

  private static boolean normalize(double[] v) {
    double s = 0.0;
    for (double x : v) {
      s += x * x;
    }
    if (!(s > 0) || Double.isInfinite(s)) {
      return false;
    }
    double r = Math.sqrt(s);
    for (int c = 0; c < v.length; c++) {
      v[c] /= r;
    }
    return true;
  }

  private static void setColumn(DenseMatrix m, int col, double[] v) {
    for (int c = 0; c < v.length; c++) {
      m.set(c, col, v[c]);
    }
  }
}
