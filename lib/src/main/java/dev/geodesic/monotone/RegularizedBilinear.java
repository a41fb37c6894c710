package dev.geodesic.monotone;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;

/**
 * The regularized bilinear saddle problem min_x max_y (μ/2)‖x‖² + aᵀx + yᵀBx − bᵀy − (ν/2)‖y‖²
 * (x ∈ ℝ^n, y ∈ ℝ^m, μ, ν &gt; 0), unconstrained (G = 0), with F(x, y) = (μx + a + Bᵀy, νy + b − Bx).
 * F is min(μ, ν)-strongly monotone and L-Lipschitz, hence (L²/min(μ, ν))-cocoercive, and its unique
 * zero has the closed form (μνI + BᵀB)x* = Bᵀb − νa, y* = (Bx* − b)/ν.
 *
 * <p>Components are B's row/column pairs as in {@link MatrixGame}, each carrying the deterministic
 * regularization, F_i(u) = (μx + a, νy + b) + N·(y_i·B_{i,:}ᵀ, −x_i·B_{:,i}).
 */
public final class RegularizedBilinear implements FiniteSumOperator {
  private final MatrixGame coupling;
  private final double[] a;
  private final double[] b;
  private final double mu;
  private final double nu;
  private final int n;
  private final int m;

  public RegularizedBilinear(DenseMatrix bMatrix, double[] a, double[] b, double mu, double nu) {
    if (!(mu > 0) || !(nu > 0)) {
      throw new IllegalArgumentException("the regularization weights must be > 0");
    }
    if (a.length != bMatrix.cols() || b.length != bMatrix.rows()) {
      throw new IllegalArgumentException("a must have B's column count and b its row count");
    }
    this.coupling = new MatrixGame(bMatrix);
    this.a = a.clone();
    this.b = b.clone();
    this.mu = mu;
    this.nu = nu;
    this.n = bMatrix.cols();
    this.m = bMatrix.rows();
  }

  /** Components [from, to) as a block: B's rows and columns there, plus the regularization every component carries. */
  public ComponentBlock block(int from, int to) {
    return new Block(coupling.block(from, to), a, b, mu, nu);
  }

  /** A block of the coupling plus (to − from) copies of the deterministic part (μx + a, νy + b). */
  private static final class Block implements ComponentBlock {
    private static final long serialVersionUID = 1L;
    private final MatrixGameBlock coupling;
    private final double[] a;
    private final double[] b;
    private final double mu;
    private final double nu;

    Block(MatrixGameBlock coupling, double[] a, double[] b, double mu, double nu) {
      this.coupling = coupling;
      this.a = a;
      this.b = b;
      this.mu = mu;
      this.nu = nu;
    }

    @Override
    public int from() {
      return coupling.from();
    }

    @Override
    public int to() {
      return coupling.to();
    }

    @Override
    public void addAll(double[] u, double scale, double[] out) {
      coupling.addAll(u, scale, out);
      regularization(u, scale * (to() - from()), out);
    }

    @Override
    public void addComponent(int i, double[] u, double scale, double[] out) {
      coupling.addComponent(i, u, scale, out);
      regularization(u, scale, out);
    }

    @Override
    public ComponentBlock component(int i) {
      return new Block(coupling.component(i), a, b, mu, nu);
    }

    private void regularization(double[] u, double scale, double[] out) {
      int n = a.length;
      for (int j = 0; j < n; j++) {
        out[j] += scale * (mu * u[j] + a[j]);
      }
      for (int i = 0; i < b.length; i++) {
        out[n + i] += scale * (nu * u[n + i] + b[i]);
      }
    }
  }

  /**
   * A random instance: B with i.i.d. N(0, 1) entries, a and b with N(shift, 1) entries, from the
   * stream ("bilinear") of {@code seeds}.
   */
  public static RegularizedBilinear random(int m, int n, double shift, double mu, double nu,
      dev.geodesic.random.SeedSequence seeds) {
    java.util.SplittableRandom r = seeds.stream("bilinear");
    double[] bm = new double[m * n];
    for (int k = 0; k < bm.length; k++) {
      bm[k] = dev.geodesic.random.SeedSequence.nextGaussian(r);
    }
    double[] a = new double[n];
    double[] b = new double[m];
    for (int j = 0; j < n; j++) {
      a[j] = shift + dev.geodesic.random.SeedSequence.nextGaussian(r);
    }
    for (int i = 0; i < m; i++) {
      b[i] = shift + dev.geodesic.random.SeedSequence.nextGaussian(r);
    }
    return new RegularizedBilinear(DenseMatrix.wrap(m, n, bm), a, b, mu, nu);
  }

  /** The unconstrained inclusion 0 = F(u). */
  public MonotoneInclusion inclusion() {
    return new MonotoneInclusion(this, new IdentityResolvent(n + m));
  }

  /** The saddle point u* = (x*, y*) in closed form (Cholesky of μνI + BᵀB). */
  public double[] saddlePoint() {
    DenseMatrix bm = coupling.payoff();
    Blas blas = Blas.get();
    DenseMatrix normal = blas.gram(true, bm);
    for (int j = 0; j < n; j++) {
      normal.add(j, j, mu * nu);
    }
    double[] rhs = blas.multiply(true, bm, b);
    for (int j = 0; j < n; j++) {
      rhs[j] -= nu * a[j];
    }
    double[] x = Lapack.get().cholesky(normal).solve(DenseMatrix.column(rhs)).values();
    double[] bx = blas.multiply(false, bm, x);
    double[] u = new double[n + m];
    System.arraycopy(x, 0, u, 0, n);
    for (int i = 0; i < m; i++) {
      u[n + i] = (bx[i] - b[i]) / nu;
    }
    return u;
  }

  @Override
  public int dimension() {
    return n + m;
  }

  @Override
  public int components() {
    return coupling.components();
  }

  @Override
  public void apply(double[] u, double[] out) {
    coupling.apply(u, out);
    addRegularization(u, 1.0, out);
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    coupling.addComponent(i, u, scale, out);
    addRegularization(u, scale, out);
  }

  private void addRegularization(double[] u, double scale, double[] out) {
    for (int j = 0; j < n; j++) {
      out[j] += scale * (mu * u[j] + a[j]);
    }
    for (int i = 0; i < m; i++) {
      out[n + i] += scale * (nu * u[n + i] + b[i]);
    }
  }

  @Override
  public double lipschitz() {
    return Math.max(mu, nu) + coupling.spectralNorm();
  }

  @Override
  public double meanSquareLipschitz() {
    // Minkowski: the deterministic part adds max(μ, ν) to the coupling's constant.
    return Math.max(mu, nu) + coupling.meanSquareLipschitz();
  }

  @Override
  public double cocoercivity() {
    double l = lipschitz();
    return l * l / Math.min(mu, nu);
  }
}
