package dev.geodesic.decentralized;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Decentralized PCA (Chen et al. 2024, §5): agent i holds rows A_i (m_i × d, stored "samples are
 * columns" as the d × m_i block A_iᵀ) and f_i(x) = −(s/2)·tr(xᵀ A_iᵀA_i x), ∇f_i(x) = −s·A_iᵀ(A_i x).
 *
 * <p>The scale is s = n/N (N rows in all): f = (1/n)Σ f_i is then the global objective
 * −(1/(2N))·tr(xᵀAᵀAx), minimized by the top-r eigenvectors of (1/N)·AᵀA whatever the agents'
 * shares; with equal shares s = 1/m_i, the normalisation of the paper.
 *
 * <p>The gradient is formed from the d×d Gramian G_i = A_iᵀA_i computed once ({@link Route#GRAMIAN}:
 * O(d²r) per gradient, no data pass) when d is small against the agent's rows, else in two passes
 * A_iᵀ(A_i x) ({@link Route#TWO_PASS}: O(m_i d r)).
 */
public final class PcaObjective implements LocalObjective {
  private static final long serialVersionUID = 1L;
  /** Largest d for which {@link Route#AUTO} forms the Gramian (d² doubles: 128 MiB). */
  static final int MAX_GRAMIAN_DIMENSION = 4096;

  /** How the gradient is formed. */
  public enum Route {
    /** The Gramian when d ≤ 2·m_i (one Gramian product costs no more than two passes) and d ≤ 4096. */
    AUTO,
    /** −s·G_i·x with G_i = A_iᵀA_i formed once. */
    GRAMIAN,
    /** −s·A_iᵀ(A_i x), two passes over the rows per gradient. */
    TWO_PASS
  }

  private final int dimension;
  private final double scale;
  /** G_i (d×d) or null. */
  private final DenseMatrix gramian;
  /** A_iᵀ (d × m_i) or null. */
  private final DenseMatrix rows;

  private PcaObjective(int dimension, double scale, DenseMatrix gramian, DenseMatrix rows) {
    this.dimension = dimension;
    this.scale = scale;
    this.gramian = gramian;
    this.rows = rows;
  }

  /**
   * Agent objective from its rows as a d × m_i block (samples are columns) and the scale s; with
   * the Gramian route the block is not kept.
   */
  public static PcaObjective of(DenseMatrix block, double scale, Route route) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
    }
    int d = block.rows();
    boolean useGramian = switch (route) {
      case GRAMIAN -> true;
      case TWO_PASS -> false;
      case AUTO -> d <= MAX_GRAMIAN_DIMENSION && d <= 2L * block.cols();
    };
    if (useGramian) {
      return new PcaObjective(d, scale, Blas.get().gram(false, block), null);
    }
    return new PcaObjective(d, scale, null, block);
  }

  /** Agent objective from its Gramian G_i = A_iᵀA_i (d×d, formed elsewhere). */
  public static PcaObjective ofGramian(DenseMatrix gramian, double scale) {
    if (gramian.rows() != gramian.cols()) {
      throw new IllegalArgumentException("a Gramian is square, got " + gramian.rows() + "x" + gramian.cols());
    }
    return new PcaObjective(gramian.rows(), scale, gramian, null);
  }

  /**
   * The agents of a PCA split in {@code blocks} (d × m_i each), scaled by s = n/N so that
   * (1/n)Σ f_i = −(1/(2N))·tr(xᵀAᵀAx).
   */
  public static List<LocalObjective> agents(List<DenseMatrix> blocks, Route route) {
    double scale = scaleFor(blocks.size(), totalRows(blocks));
    List<LocalObjective> out = new ArrayList<>(blocks.size());
    for (DenseMatrix b : blocks) {
      out.add(of(b, scale, route));
    }
    return out;
  }

  /** s = n/N. */
  public static double scaleFor(int agents, long totalRows) {
    if (totalRows <= 0) {
      throw new IllegalArgumentException("PCA needs at least one row, got " + totalRows);
    }
    return (double) agents / totalRows;
  }

  static long totalRows(List<DenseMatrix> blocks) {
    long n = 0;
    for (DenseMatrix b : blocks) {
      n += b.cols();
    }
    return n;
  }

  /** Whether the gradient comes from the Gramian. */
  public boolean usesGramian() {
    return gramian != null;
  }

  /** A_iᵀA_i (d×d): the kept Gramian, or formed now from the rows. */
  public DenseMatrix gramian() {
    return gramian != null ? gramian.copy() : Blas.get().gram(false, rows);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** G_i·x, computed either way. */
  private DenseMatrix gramianTimes(DenseMatrix x) {
    Blas blas = Blas.get();
    if (gramian != null) {
      return blas.multiply(gramian, x);
    }
    DenseMatrix ax = blas.multiply(true, rows, false, x); // A_i x (m_i × r)
    return blas.multiply(rows, ax);
  }

  @Override
  public double value(DenseMatrix x) {
    DenseMatrix gx = gramianTimes(x);
    return -0.5 * scale * Blas.get().dot(x.values(), gx.values());
  }

  @Override
  public DenseMatrix euclideanGradient(DenseMatrix x) {
    DenseMatrix gx = gramianTimes(x);
    Blas.get().scal(-scale, gx.values());
    return gx;
  }

  /** One product G_i·x for both: f_i(x) = ½⟨x, ∇f_i(x)⟩ (f_i is a quadratic form). */
  @Override
  public Evaluated evaluate(DenseMatrix x) {
    DenseMatrix g = euclideanGradient(x);
    return new Evaluated(0.5 * Blas.get().dot(x.values(), g.values()), g);
  }

  /** One product G_i·[x | y] (or A_iᵀ(A_i·[x | y])): −s times its halves are ∇f_i(x) and ∇f_i(y). */
  @Override
  public Paired evaluatePair(DenseMatrix x, DenseMatrix y) {
    DenseMatrix both = gramianTimes(LocalObjective.sideBySide(x, y));
    Blas.get().scal(-scale, both.values());
    DenseMatrix gx = both.columns(0, x.cols());
    DenseMatrix gy = both.columns(x.cols(), x.cols() + y.cols());
    return new Paired(gx, new Evaluated(0.5 * Blas.get().dot(y.values(), gy.values()), gy));
  }

  @Override
  public double passesPerGradient() {
    return gramian != null ? 0.0 : 2.0;
  }
}
