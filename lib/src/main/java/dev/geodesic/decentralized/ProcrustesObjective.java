package dev.geodesic.decentralized;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Orthogonal Procrustes on St(d, r) (Gower &amp; Dijksterhuis 2004; a test problem of decentralized
 * Stiefel methods): agent i holds pairs (a_j ∈ R^d, b_j ∈ R^r), as the blocks A_iᵀ (d × m_i) and
 * B_iᵀ (r × m_i), and f_i(x) = (s/2)·‖A_i x − B_i‖²_F, ∇f_i(x) = s·(A_iᵀA_i x − A_iᵀB_i).
 *
 * <p>As in {@link PcaObjective} the scale is s = n/N, so f = (1/n)Σ f_i = (1/(2N))‖Ax − B‖²_F.
 * Everything the gradient needs is formed once: G_i = A_iᵀA_i (d×d), C_i = A_iᵀB_i (d×r) and
 * ‖B_i‖²; no data pass per gradient.
 */
public final class ProcrustesObjective implements LocalObjective {
  private static final long serialVersionUID = 1L;

  private final double scale;
  private final DenseMatrix gramian;
  private final DenseMatrix cross;
  private final double targetSquaredNorm;

  private ProcrustesObjective(double scale, DenseMatrix gramian, DenseMatrix cross, double targetSquaredNorm) {
    this.scale = scale;
    this.gramian = gramian;
    this.cross = cross;
    this.targetSquaredNorm = targetSquaredNorm;
  }

  /** From the agent's inputs A_iᵀ (d × m_i) and targets B_iᵀ (r × m_i), scale s. */
  public static ProcrustesObjective of(DenseMatrix inputs, DenseMatrix targets, double scale) {
    if (inputs.cols() != targets.cols()) {
      throw new IllegalArgumentException(inputs.cols() + " inputs but " + targets.cols() + " targets");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
    }
    Blas blas = Blas.get();
    DenseMatrix g = blas.gram(false, inputs);
    DenseMatrix c = blas.multiply(false, inputs, true, targets);
    double bb = blas.dot(targets.values(), targets.values());
    return new ProcrustesObjective(scale, g, c, bb);
  }

  /** The agents of a split problem, scaled by s = n/N. */
  public static List<LocalObjective> agents(List<DenseMatrix> inputs, List<DenseMatrix> targets) {
    if (inputs.size() != targets.size()) {
      throw new IllegalArgumentException(inputs.size() + " input blocks but " + targets.size() + " target blocks");
    }
    double scale = PcaObjective.scaleFor(inputs.size(), PcaObjective.totalRows(inputs));
    List<LocalObjective> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      out.add(of(inputs.get(i), targets.get(i), scale));
    }
    return out;
  }

  @Override
  public int dimension() {
    return gramian.rows();
  }

  @Override
  public double value(DenseMatrix x) {
    // (s/2)(tr(xᵀGx) − 2 tr(xᵀC) + ‖B‖²)
    Blas blas = Blas.get();
    DenseMatrix gx = blas.multiply(gramian, x);
    double v = blas.dot(x.values(), gx.values()) - 2 * blas.dot(x.values(), cross.values()) + targetSquaredNorm;
    return 0.5 * scale * v;
  }

  @Override
  public DenseMatrix euclideanGradient(DenseMatrix x) {
    Blas blas = Blas.get();
    DenseMatrix g = cross.copy();
    blas.gemm(false, false, scale, gramian, x, -scale, g);
    return g;
  }

  /** One product G_i·[x | y]: ∇f_i = s·(G_i·x − C_i) at both points, and f_i(y) from G_i·y. */
  @Override
  public Paired evaluatePair(DenseMatrix x, DenseMatrix y) {
    Blas blas = Blas.get();
    DenseMatrix both = blas.multiply(gramian, LocalObjective.sideBySide(x, y));
    DenseMatrix gx = both.columns(0, x.cols());
    DenseMatrix gy = both.columns(x.cols(), x.cols() + y.cols());
    double v = 0.5 * scale * (blas.dot(y.values(), gy.values()) - 2 * blas.dot(y.values(), cross.values()) + targetSquaredNorm);
    for (DenseMatrix g : List.of(gx, gy)) {
      blas.axpy(-1.0, cross, g);
      blas.scal(scale, g.values());
    }
    return new Paired(gx, new Evaluated(v, gy));
  }

  @Override
  public double passesPerGradient() {
    return 0.0;
  }
}
