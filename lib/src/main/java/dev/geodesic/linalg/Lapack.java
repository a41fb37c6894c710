package dev.geodesic.linalg;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.netlib.util.intW;

/**
 * The LAPACK factorizations Geodesic's solvers use, over one netlib backend: symmetric eigen
 * decomposition ({@code dsyevd}), thin SVD ({@code dgesdd}) and the polar factor built from it,
 * thin QR ({@code dgeqrf}+{@code dorgqr}) and Cholesky ({@code dpotrf}/{@code dpotrs}).
 * Inputs are never overwritten: each call works on a copy.
 */
public final class Lapack {
  private static volatile Lapack defaultInstance;
  private static volatile Lapack reproducibleInstance;

  private final LAPACK impl;
  private final Blas blas;

  private Lapack(LAPACK impl, Blas blas) {
    this.impl = impl;
    this.blas = blas;
  }

  /** The process-wide backend, chosen like {@link Blas#get()} (same property). */
  public static Lapack get() {
    Lapack l = defaultInstance;
    if (l == null) {
      synchronized (Lapack.class) {
        if (defaultInstance == null) {
          defaultInstance = new Lapack(select(Blas.BackendChoice.fromEnvironment()), Blas.get());
        }
        l = defaultInstance;
      }
    }
    return l;
  }

  public static Lapack java() {
    return new Lapack(JavaLAPACK.getInstance(), Blas.java());
  }

  /**
   * netlib's {@code F2jLAPACK} (the reference LAPACK translated to Java; its inner BLAS calls are
   * f2j's scalar loops) paired with {@link Blas#reproducible()}: bitwise the same results on every
   * machine and allocation history. For everything a seed determines (random bases, covariance
   * factors used for sampling).
   */
  public static Lapack reproducible() {
    Lapack l = reproducibleInstance;
    if (l == null) {
      LAPACK f2j = JavaLAPACK.getInstance();
      // Only F2jLAPACK exists in netlib 3.x; refuse silently getting something else in a later version.
      if (!"F2jLAPACK".equals(f2j.getClass().getSimpleName())) {
        throw new IllegalStateException("expected netlib's F2jLAPACK, got " + f2j.getClass().getName());
      }
      l = new Lapack(f2j, Blas.reproducible());
      reproducibleInstance = l;
    }
    return l;
  }

  public static Optional<Lapack> nativeBackend() {
    try {
      Optional<Blas> blas = Blas.nativeBackend();
      return blas.isEmpty() ? Optional.empty() : Optional.of(new Lapack(NativeLAPACK.getInstance(), blas.get()));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static LAPACK select(Blas.BackendChoice choice) {
    switch (choice) {
      case JAVA:
        return JavaLAPACK.getInstance();
      case NATIVE:
        return nativeBackend()
            .map(l -> l.impl)
            .orElseThrow(() -> new IllegalStateException(
                Blas.BACKEND_PROPERTY + "=native but the native LAPACK (liblapack.so.3) did not load"));
      default:
        return LAPACK.getInstance();
    }
  }

  public String implementationName() {
    return impl.getClass().getSimpleName();
  }

  /** The underlying netlib instance, for calls this facade does not wrap. */
  public LAPACK netlib() {
    return impl;
  }

  /** The BLAS backend paired with this LAPACK backend (native with native, Java with Java). */
  public Blas blas() {
    return blas;
  }

  /** Eigen decomposition A = V·diag(λ)·Vᵀ of a symmetric matrix (upper triangle read). */
  public SymmetricEigen symmetricEigen(DenseMatrix a) {
    requireSquare(a, "symmetricEigen");
    int n = a.rows();
    DenseMatrix v = a.copy();
    double[] w = new double[n];
    if (n == 0) {
      return new SymmetricEigen(w, v);
    }
    intW info = new intW(0);
    double[] work = new double[1];
    int[] iwork = new int[1];
    impl.dsyevd("V", "U", n, v.values(), n, w, work, -1, iwork, -1, info);
    check(info, "dsyevd (workspace query)");
    work = new double[Math.max(1, (int) work[0])];
    iwork = new int[Math.max(1, iwork[0])];
    impl.dsyevd("V", "U", n, v.values(), n, w, work, work.length, iwork, iwork.length, info);
    check(info, "dsyevd");
    return new SymmetricEigen(w, v);
  }

  /** Thin SVD A = U·diag(s)·Vᵀ with k = min(m, n) singular values in descending order. */
  public Svd thinSvd(DenseMatrix a) {
    int m = a.rows();
    int n = a.cols();
    int k = Math.min(m, n);
    DenseMatrix u = DenseMatrix.zeros(m, k);
    DenseMatrix vt = DenseMatrix.zeros(k, n);
    double[] s = new double[k];
    if (k == 0) {
      return new Svd(u, s, vt.transpose());
    }
    double[] work = a.values().clone();
    intW info = new intW(0);
    int[] iwork = new int[8 * k];
    double[] query = new double[1];
    impl.dgesdd("S", m, n, work, m, s, u.values(), m, vt.values(), k, query, -1, iwork, info);
    check(info, "dgesdd (workspace query)");
    double[] buf = new double[Math.max(1, (int) query[0])];
    impl.dgesdd("S", m, n, work, m, s, u.values(), m, vt.values(), k, buf, buf.length, iwork, info);
    check(info, "dgesdd");
    return new Svd(u, s, vt.transpose());
  }

  /**
   * The orthonormal polar factor U·Vᵀ of an m×n matrix (m ≥ n): the nearest matrix with orthonormal
   * columns in Frobenius norm, i.e. the projection onto the Stiefel manifold St(m, n).
   */
  public DenseMatrix polarFactor(DenseMatrix a) {
    if (a.rows() < a.cols()) {
      throw new IllegalArgumentException("polarFactor needs rows >= cols, got " + a.rows() + "x" + a.cols());
    }
    Svd svd = thinSvd(a);
    DenseMatrix q = DenseMatrix.zeros(a.rows(), a.cols());
    blas.gemm(false, true, 1.0, svd.u(), svd.v(), 0.0, q);
    return q;
  }

  /** Thin QR: the m×n factor Q with orthonormal columns of an m×n matrix A (m ≥ n), signs fixed so R has a non-negative diagonal. */
  public DenseMatrix qrFactorQ(DenseMatrix a) {
    int m = a.rows();
    int n = a.cols();
    if (m < n) {
      throw new IllegalArgumentException("qrFactorQ needs rows >= cols, got " + m + "x" + n);
    }
    DenseMatrix q = a.copy();
    if (n == 0) {
      return q;
    }
    double[] tau = new double[n];
    intW info = new intW(0);
    double[] query = new double[1];
    impl.dgeqrf(m, n, q.values(), m, tau, query, -1, info);
    check(info, "dgeqrf (workspace query)");
    double[] work = new double[Math.max(n, (int) query[0])];
    impl.dgeqrf(m, n, q.values(), m, tau, work, work.length, info);
    check(info, "dgeqrf");
    double[] diagSign = new double[n];
    for (int j = 0; j < n; j++) {
      diagSign[j] = q.get(j, j) < 0 ? -1.0 : 1.0;
    }
    impl.dorgqr(m, n, n, q.values(), m, tau, query, -1, info);
    check(info, "dorgqr (workspace query)");
    work = new double[Math.max(n, (int) query[0])];
    impl.dorgqr(m, n, n, q.values(), m, tau, work, work.length, info);
    check(info, "dorgqr");
    double[] v = q.values();
    for (int j = 0; j < n; j++) {
      if (diagSign[j] < 0) {
        for (int i = 0; i < m; i++) {
          v[i + j * m] = -v[i + j * m];
        }
      }
    }
    return q;
  }

  /**
   * Cholesky factor A = L·Lᵀ of a symmetric positive-definite matrix.
   *
   * @throws IllegalArgumentException when A is not positive definite
   */
  public Cholesky cholesky(DenseMatrix a) {
    requireSquare(a, "cholesky");
    int n = a.rows();
    DenseMatrix l = a.copy();
    intW info = new intW(0);
    if (n > 0) {
      impl.dpotrf("L", n, l.values(), n, info);
    }
    if (info.val > 0) {
      throw new IllegalArgumentException(
          "matrix is not positive definite (leading minor " + info.val + " is not positive)");
    }
    check(info, "dpotrf");
    double[] v = l.values();
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < j; i++) {
        v[i + j * n] = 0.0;
      }
    }
    return new Cholesky(l, this);
  }

  /** X solving A·X = B given A's Cholesky factor. */
  DenseMatrix choleskySolve(DenseMatrix lower, DenseMatrix b) {
    int n = lower.rows();
    if (b.rows() != n) {
      throw new IllegalArgumentException("right-hand side has " + b.rows() + " rows, expected " + n);
    }
    DenseMatrix x = b.copy();
    if (n == 0 || b.cols() == 0) {
      return x;
    }
    intW info = new intW(0);
    impl.dpotrs("L", n, b.cols(), lower.values(), n, x.values(), n, info);
    check(info, "dpotrs");
    return x;
  }

  /** f(A) = V·diag(f(λ))·Vᵀ for symmetric A, e.g. the square root of a PSD matrix. */
  public DenseMatrix symmetricFunction(DenseMatrix a, DoubleUnaryOperator f) {
    SymmetricEigen e = symmetricEigen(a);
    int n = a.rows();
    DenseMatrix scaled = e.vectors().copy();
    double[] sv = scaled.values();
    for (int j = 0; j < n; j++) {
      double fj = f.applyAsDouble(e.values()[j]);
      for (int i = 0; i < n; i++) {
        sv[i + j * n] *= fj;
      }
    }
    DenseMatrix out = DenseMatrix.zeros(n, n);
    blas.gemm(false, true, 1.0, scaled, e.vectors(), 0.0, out);
    return out;
  }

  /** Principal square root of a symmetric positive semi-definite matrix (tiny negative eigenvalues clipped to 0). */
  public DenseMatrix sqrtPsd(DenseMatrix a) {
    return symmetricFunction(a, x -> Math.sqrt(Math.max(0.0, x)));
  }

  private static void requireSquare(DenseMatrix a, String op) {
    if (a.rows() != a.cols()) {
      throw new IllegalArgumentException(op + " needs a square matrix, got " + a.rows() + "x" + a.cols());
    }
  }

  private static void check(intW info, String routine) {
    if (info.val < 0) {
      throw new IllegalArgumentException(routine + ": argument " + (-info.val) + " is invalid");
    }
    if (info.val > 0) {
      throw new ArithmeticException(routine + " did not converge (info = " + info.val + ")");
    }
  }

  @Override
  public String toString() {
    return "Lapack[" + implementationName() + ", " + blas.implementationName() + "]";
  }

  /** Eigenvalues in ascending order and the matching orthonormal eigenvectors as columns. */
  public record SymmetricEigen(double[] values, DenseMatrix vectors) {}

  /** Thin SVD: U (m×k), singular values (descending), V (n×k). */
  public record Svd(DenseMatrix u, double[] singularValues, DenseMatrix v) {}

  /** A Cholesky factorization A = L·Lᵀ. */
  public static final class Cholesky {
    private final DenseMatrix lower;
    private final Lapack lapack;

    Cholesky(DenseMatrix lower, Lapack lapack) {
      this.lower = lower;
      this.lapack = lapack;
    }

    /** The lower-triangular factor L (upper part zero). */
    public DenseMatrix lower() {
      return lower;
    }

    /** X with A·X = B. */
    public DenseMatrix solve(DenseMatrix b) {
      return lapack.choleskySolve(lower, b);
    }

    /** log det A = 2·Σ log L_ii. */
    public double logDeterminant() {
      double s = 0.0;
      for (int i = 0; i < lower.rows(); i++) {
        s += Math.log(lower.get(i, i));
      }
      return 2.0 * s;
    }
  }
}
