package dev.geodesic.finitesum;

import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.data.FeatureBlock;

/**
 * The iterate of a proximal variance-reduced method and its one kind of step,
 * x ← prox_{ηh}(x − η·(Σ_k Δ_k·ã_i ⊗ e_k + ḡ)), where Δ (K values) is the change of row i's margin
 * derivatives (SAGA: new minus stored; SVRG: at x minus at the snapshot), ã_i the (centered) row, and
 * ḡ the "drift" (SAGA: the mean of the stored gradients; SVRG: the full gradient at the snapshot).
 * Only the coordinates of row i carry Δ; the others move by the drift alone, which is what the sparse
 * implementation exploits.
 */
public abstract class ProximalIterate {
  final int d;
  final int k;
  final int weights;
  final boolean intercept;
  final double eta;
  final double l1;
  /** 1/(1 + ηλ₂): the L2 part of the prox. */
  final double rho;
  final double[] x;
  final double[] drift;

  ProximalIterate(FiniteSumProblem p, double eta) {
    this.d = p.features();
    this.k = p.outputs();
    this.weights = d * k;
    this.intercept = p.intercept();
    this.eta = eta;
    this.l1 = p.penalty().l1();
    this.rho = 1.0 / (1.0 + eta * p.penalty().l2());
    this.x = new double[p.parameters()];
    this.drift = new double[p.parameters()];
  }

  /** The dense kernel for dense blocks, the lazy one for CSR blocks. */
  public static ProximalIterate create(FiniteSumProblem p, double eta) {
    FeatureBlock b = p.data();
    if (b instanceof DenseFeatureBlock dense) {
      return new Dense(p, dense, eta);
    }
    if (b instanceof CsrFeatureBlock csr) {
      return new Lazy(p, csr, eta);
    }
    throw new IllegalArgumentException("no proximal kernel for " + b.getClass().getName());
  }

  /** Starts from x0 (copied); the drift is kept. */
  public abstract void load(double[] x0);

  /** z[0..K) = row i's margins at the current iterate. */
  public abstract void margins(int i, double[] z);

  /** One prox step on row i with margin-derivative change {@code delta}. */
  public abstract void step(int i, double[] delta);

  /** ḡ += scale·(Σ_k Δ_k·ã_i ⊗ e_k), on row i's coordinates (and the intercepts). */
  public abstract void addToDrift(int i, double[] delta, double scale);

  /**
   * {@link #step} then {@link #addToDrift} with the same Δ (SAGA's step and table-mean update): one
   * sweep over the row in the dense kernel.
   */
  public void stepAndAddToDrift(int i, double[] delta, double scale) {
    step(i, delta);
    addToDrift(i, delta, scale);
  }

  /** Brings every coordinate up to date and returns the iterate (the kernel's own array: copy to keep). */
  public abstract double[] current();

  /** Replaces the drift (SVRG's new full gradient); brings every coordinate up to date first. */
  public void setDrift(double[] g) {
    current();
    System.arraycopy(g, 0, drift, 0, drift.length);
  }

  /**
   * The dense kernel: every step touches all d·K coordinates, as a dense row does anyway. Centered
   * without L1, the step is affine in x, so mᵀW[:, c] and mᵀḡ[:, c] follow in O(1) per step from the
   * precomputed mᵀa_i (w' = ρ(w − ηΔ(a_i − m) − ηḡ) ⇒ mᵀw' = ρ(mᵀw − ηΔ(mᵀa_i − ‖m‖²) − η·mᵀḡ)) and the
   * sweep is a plain element-wise loop the JIT vectorizes; both are recomputed exactly at every
   * {@link #current()} so rounding cannot accumulate beyond one epoch.
   */
  static final class Dense extends ProximalIterate {
    private final double[] a;
    private final double[] center;
    /** W[:, c]ᵀm. */
    private final double[] centerDot;
    /** ḡ[:, c]ᵀm. */
    private final double[] centerDrift;
    /** mᵀa_i per row, and ‖m‖² (centered only). */
    private final double[] rowCenter;
    private final double centerNorm2;

    Dense(FiniteSumProblem p, DenseFeatureBlock block, double eta) {
      super(p, eta);
      this.a = block.values();
      this.center = p.center();
      this.centerDot = new double[k];
      this.centerDrift = new double[k];
      if (center != null) {
        rowCenter = new double[block.rows()];
        block.margins(center, 1, rowCenter);
        double mm = 0.0;
        for (double v : center) {
          mm += v * v;
        }
        centerNorm2 = mm;
      } else {
        rowCenter = null;
        centerNorm2 = 0.0;
      }
    }

    /** Recomputes mᵀW and mᵀḡ exactly. */
    private void resync() {
      if (center == null) {
        return;
      }
      for (int c = 0; c < k; c++) {
        centerDot[c] = dot(center, 0, x, c * d, d);
        centerDrift[c] = dot(center, 0, drift, c * d, d);
      }
    }

    @Override
    public void load(double[] x0) {
      System.arraycopy(x0, 0, x, 0, x.length);
      resync();
    }

    @Override
    public void setDrift(double[] g) {
      System.arraycopy(g, 0, drift, 0, drift.length);
      resync();
    }

    @Override
    public void margins(int i, double[] z) {
      int o = i * d;
      for (int c = 0; c < k; c++) {
        double s = dot(a, o, x, c * d, d);
        if (center != null) {
          s -= centerDot[c];
        }
        z[c] = intercept ? s + x[weights + c] : s;
      }
    }

    /** Σ u[uo + j]·v[vo + j] over n entries, four accumulators so the additions pipeline. */
    static double dot(double[] u, int uo, double[] v, int vo, int n) {
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        s0 += u[uo + j] * v[vo + j];
        s1 += u[uo + j + 1] * v[vo + j + 1];
        s2 += u[uo + j + 2] * v[vo + j + 2];
        s3 += u[uo + j + 3] * v[vo + j + 3];
      }
      for (; j < n; j++) {
        s0 += u[uo + j] * v[vo + j];
      }
      return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void step(int i, double[] delta) {
      sweep(i, delta, 0.0);
    }

    @Override
    public void stepAndAddToDrift(int i, double[] delta, double scale) {
      sweep(i, delta, scale);
    }

    /**
     * The prox step on every coordinate, and (driftScale ≠ 0) ḡ += driftScale·Δ ⊗ ã_i after each
     * coordinate's step has read the old ḡ. One loop per case so each stays branch-free.
     */
    private void sweep(int i, double[] delta, double driftScale) {
      int o = i * d;
      double t = eta * l1;
      boolean lasso = l1 != 0.0;
      for (int c = 0; c < k; c++) {
        int off = c * d;
        double ed = eta * delta[c];
        double f = driftScale * delta[c];
        if (center == null) {
          if (lasso) {
            for (int j = 0; j < d; j++) {
              double aj = a[o + j];
              double v = x[off + j] - ed * aj - eta * drift[off + j];
              x[off + j] = rho * (v > t ? v - t : (v < -t ? v + t : 0.0));
              drift[off + j] += f * aj;
            }
          } else if (f != 0.0) {
            for (int j = 0; j < d; j++) {
              double aj = a[o + j];
              x[off + j] = rho * (x[off + j] - ed * aj - eta * drift[off + j]);
              drift[off + j] += f * aj;
            }
          } else {
            for (int j = 0; j < d; j++) {
              x[off + j] = rho * (x[off + j] - ed * a[o + j] - eta * drift[off + j]);
            }
          }
        } else if (!lasso) {
          // x ← ρ(x − ηΔ·a_i + ηΔ·m − ηḡ): element-wise, with mᵀx and mᵀḡ carried as scalars
          double ma = rowCenter[i] - centerNorm2;
          centerDot[c] = rho * (centerDot[c] - ed * ma - eta * centerDrift[c]);
          if (f != 0.0) {
            for (int j = 0; j < d; j++) {
              double aj = a[o + j] - center[j];
              x[off + j] = rho * (x[off + j] - ed * aj - eta * drift[off + j]);
              drift[off + j] += f * aj;
            }
            centerDrift[c] += f * ma;
          } else {
            for (int j = 0; j < d; j++) {
              x[off + j] = rho * (x[off + j] - ed * (a[o + j] - center[j]) - eta * drift[off + j]);
            }
          }
        } else {
          double s = 0.0;
          for (int j = 0; j < d; j++) {
            double aj = a[o + j] - center[j];
            double v = x[off + j] - ed * aj - eta * drift[off + j];
            double w = rho * (v > t ? v - t : (v < -t ? v + t : 0.0));
            x[off + j] = w;
            drift[off + j] += f * aj;
            s += center[j] * w;
          }
          centerDot[c] = s;
          centerDrift[c] += f * (rowCenter[i] - centerNorm2);
        }
        if (intercept) {
          x[weights + c] -= eta * (delta[c] + drift[weights + c]);
          drift[weights + c] += f;
        }
      }
    }

    @Override
    public void addToDrift(int i, double[] delta, double scale) {
      int o = i * d;
      for (int c = 0; c < k; c++) {
        double f = scale * delta[c];
        int off = c * d;
        if (center == null) {
          for (int j = 0; j < d; j++) {
            drift[off + j] += f * a[o + j];
          }
        } else {
          for (int j = 0; j < d; j++) {
            drift[off + j] += f * (a[o + j] - center[j]);
          }
          centerDrift[c] += f * (rowCenter[i] - centerNorm2);
        }
        if (intercept) {
          drift[weights + c] += f;
        }
      }
    }

    @Override
    public double[] current() {
      resync();
      return x;
    }
  }

  /**
   * "Just-in-time" updates for sparse rows (Schmidt, Le Roux &amp; Bach's SAG code; scikit-learn's
   * {@code _sag_fast}): a coordinate outside the sampled row moves by the constant drift alone, so it is
   * brought up to date only when a row touches it (or at {@link #current()}), from cumulative sums of the
   * steps. The L2 shrink 1/(1 + ηλ₂) of every step is one global scale P (x = P·u), folded back when it
   * falls below 1e-9. In u the elastic-net step t is u ← S(u − q_t·g, q_t·λ₁) with q_t = η/P_{t−1}, and
   * with Q_t = Σ q the lag from step s to t has a closed form: with |g| ≤ λ₁ it is S(u − g·ΔQ, λ₁·ΔQ); with
   * |g| > λ₁ the coordinate crosses zero at most once, at a step found by binary search in Q. Work per
   * step is O(nonzeros of the row · K · log lag).
   */
  static final class Lazy extends ProximalIterate {
    private static final double RESCALE_BELOW = 1e-9;
    private final int[] indptr;
    private final int[] indices;
    private final double[] values;
    private final int[] last;
    private double scale = 1.0;
    private double[] cum = new double[1024];
    private int t;

    Lazy(FiniteSumProblem p, CsrFeatureBlock block, double eta) {
      super(p, eta);
      this.indptr = block.indptr();
      this.indices = block.indices();
      this.values = block.values();
      this.last = new int[d];
    }

    @Override
    public void load(double[] x0) {
      System.arraycopy(x0, 0, x, 0, x.length);
      resetSegment();
    }

    private void resetSegment() {
      scale = 1.0;
      t = 0;
      cum[0] = 0.0;
      java.util.Arrays.fill(last, 0);
    }

    private void catchUp(int j) {
      int from = last[j];
      if (from == t) {
        return;
      }
      for (int c = 0; c < k; c++) {
        int idx = c * d + j;
        x[idx] = lagged(x[idx], drift[idx], from, t);
      }
      last[j] = t;
    }

    /** u after the steps from+1 … to with constant drift g (see the class comment). */
    private double lagged(double u, double g, int from, int to) {
      double dq = cum[to] - cum[from];
      if (l1 == 0.0) {
        return u - g * dq;
      }
      double s = g < 0 ? -1.0 : 1.0;
      double v = s * u;
      double gg = s * g;
      double r;
      if (gg <= l1) {
        double y = v - gg * dq;
        double th = l1 * dq;
        r = y > th ? y - th : (y < -th ? y + th : 0.0);
      } else if (v <= 0) {
        r = v - (gg - l1) * dq;
      } else if (v - (gg + l1) * dq > 0) {
        r = v - (gg + l1) * dq;
      } else {
        // first step k in (from, to] at which v − (g + λ₁)(Q_k − Q_from) ≤ 0
        int lo = from + 1;
        int hi = to;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (v - (gg + l1) * (cum[mid] - cum[from]) <= 0) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        double p = v - (gg + l1) * (cum[lo - 1] - cum[from]);
        double qk = cum[lo] - cum[lo - 1];
        double after = Math.min(0.0, p - (gg - l1) * qk);
        r = after - (gg - l1) * (cum[to] - cum[lo]);
      }
      return s * r;
    }

    @Override
    public void margins(int i, double[] z) {
      for (int c = 0; c < k; c++) {
        z[c] = 0.0;
      }
      for (int p = indptr[i]; p < indptr[i + 1]; p++) {
        int j = indices[p];
        catchUp(j);
        double v = values[p];
        for (int c = 0; c < k; c++) {
          z[c] += v * x[c * d + j];
        }
      }
      for (int c = 0; c < k; c++) {
        z[c] *= scale;
        if (intercept) {
          z[c] += x[weights + c];
        }
      }
    }

    @Override
    public void step(int i, double[] delta) {
      double q = eta / scale;
      double th = q * l1;
      for (int p = indptr[i]; p < indptr[i + 1]; p++) {
        int j = indices[p];
        catchUp(j);
        double v = values[p];
        for (int c = 0; c < k; c++) {
          int idx = c * d + j;
          double y = x[idx] - q * (delta[c] * v + drift[idx]);
          x[idx] = l1 == 0.0 ? y : (y > th ? y - th : (y < -th ? y + th : 0.0));
        }
        last[j] = t + 1;
      }
      if (intercept) {
        for (int c = 0; c < k; c++) {
          x[weights + c] -= eta * (delta[c] + drift[weights + c]);
        }
      }
      t++;
      if (t == cum.length) {
        cum = java.util.Arrays.copyOf(cum, 2 * cum.length);
      }
      cum[t] = cum[t - 1] + q;
      scale *= rho;
      if (scale < RESCALE_BELOW) {
        current();
      }
    }

    @Override
    public void addToDrift(int i, double[] delta, double s) {
      for (int p = indptr[i]; p < indptr[i + 1]; p++) {
        int j = indices[p];
        double v = values[p];
        for (int c = 0; c < k; c++) {
          drift[c * d + j] += s * delta[c] * v;
        }
      }
      if (intercept) {
        for (int c = 0; c < k; c++) {
          drift[weights + c] += s * delta[c];
        }
      }
    }

    @Override
    public double[] current() {
      for (int j = 0; j < d; j++) {
        catchUp(j);
      }
      if (scale != 1.0) {
        for (int idx = 0; idx < weights; idx++) {
          x[idx] *= scale;
        }
      }
      resetSegment();
      return x;
    }
  }
}
