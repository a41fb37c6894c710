package dev.geodesic.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Optional;

/**
 * Level-1/2/3 BLAS on {@link DenseMatrix} and raw column-major arrays, over one netlib backend.
 *
 * <p>{@link #get()} is the process-wide backend: netlib's own choice ({@code JNIBLAS} when the system
 * has {@code libblas.so.3}, else {@code VectorBLAS}/{@code Java11BLAS}), unless the system property
 * or environment variable {@value #BACKEND_PROPERTY} / {@code GEODESIC_BLAS} says {@code java} or
 * {@code native}. {@link #implementationName()} is what {@code summary.json} reports as {@code blas}.
 *
 * <p>{@link #reproducible()} is the scalar reference BLAS (netlib's {@code F2jBLAS}): the same bits on
 * every machine, JVM and allocation history. Everything a seed determines goes through it (see
 * {@code docs/blas.md}); solvers use {@link #get()} for speed and are equal to rounding only.
 */
public final class Blas {
  /** System property selecting the backend: {@code auto} (default), {@code native} or {@code java}. */
  public static final String BACKEND_PROPERTY = "geodesic.blas";

  private static volatile Blas defaultInstance;
  private static volatile Blas reproducibleInstance;

  private final BLAS impl;

  private Blas(BLAS impl) {
    this.impl = impl;
  }

  /** The process-wide backend (see class comment). */
  public static Blas get() {
    Blas b = defaultInstance;
    if (b == null) {
      synchronized (Blas.class) {
        if (defaultInstance == null) {
          defaultInstance = new Blas(select(BackendChoice.fromEnvironment()));
        }
        b = defaultInstance;
      }
    }
    return b;
  }

  /** The pure-Java backend (always available). */
  public static Blas java() {
    return new Blas(JavaBLAS.getInstance());
  }

  /**
   * The scalar pure-Java reference BLAS ({@code F2jBLAS}, the Fortran reference translated loop for
   * loop): a fixed summation order and no FMA or SIMD, so its results do not depend on the CPU, the
   * vector width, the thread count or the address of the arrays. Native OpenBLAS with its SSE3
   * "Prescott" kernels gives ddot/dgemv results whose last bits depend on the arrays' 16-byte
   * alignment; {@code VectorBLAS} depends on the machine's vector width.
   */
  public static Blas reproducible() {
    Blas b = reproducibleInstance;
    if (b == null) {
      b = new Blas(f2jBlas());
      reproducibleInstance = b;
    }
    return b;
  }

  // netlib 3.0.4 keeps F2jBLAS package-private, and JavaBLAS.getInstance() returns VectorBLAS when
  // jdk.incubator.vector is present. The jar sits on the class path (unnamed module), so reflection
  // can reach the class; a named-module deployment would need --add-opens for the package.
  private static BLAS f2jBlas() {
    try {
      java.lang.reflect.Method m = Class.forName("dev.ludovic.netlib.blas.F2jBLAS").getDeclaredMethod("getInstance");
      m.setAccessible(true);
      return (BLAS) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("netlib's F2jBLAS (the reproducible backend) is not accessible", e);
    }
  }

  /** The native JNI backend, when the system BLAS library loads. */
  public static Optional<Blas> nativeBackend() {
    try {
      return Optional.of(new Blas(NativeBLAS.getInstance()));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static BLAS select(BackendChoice choice) {
    switch (choice) {
      case JAVA:
        return JavaBLAS.getInstance();
      case NATIVE:
        return nativeBackend()
            .map(b -> b.impl)
            .orElseThrow(() -> new IllegalStateException(
                BACKEND_PROPERTY + "=native but the native BLAS (libblas.so.3) did not load"));
      default:
        return BLAS.getInstance();
    }
  }

  /** The implementation class name, e.g. {@code JNIBLAS}, {@code VectorBLAS}, {@code Java11BLAS}. */
  public String implementationName() {
    return impl.getClass().getSimpleName();
  }

  public boolean isNative() {
    return impl instanceof NativeBLAS;
  }

  /** The underlying netlib instance, for calls this facade does not wrap. */
  public BLAS netlib() {
    return impl;
  }

  // ---- level 3 ---------------------------------------------------------------------------------

  /** C ← alpha·op(A)·op(B) + beta·C, op(X) = X or Xᵀ. */
  public void gemm(boolean transA, boolean transB, double alpha, DenseMatrix a, DenseMatrix b,
      double beta, DenseMatrix c) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb || c.rows() != m || c.cols() != n) {
      throw new IllegalArgumentException("gemm dimensions: op(A) " + m + "x" + k + ", op(B) " + kb
          + "x" + n + ", C " + c.rows() + "x" + c.cols());
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      scaleInPlace(beta, c.values());
      return;
    }
    impl.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a.values(), Math.max(1, a.rows()),
        b.values(), Math.max(1, b.rows()), beta, c.values(), Math.max(1, c.rows()));
  }

  /** op(A)·op(B) as a new matrix. */
  public DenseMatrix multiply(boolean transA, DenseMatrix a, boolean transB, DenseMatrix b) {
    DenseMatrix c = DenseMatrix.zeros(transA ? a.cols() : a.rows(), transB ? b.rows() : b.cols());
    gemm(transA, transB, 1.0, a, b, 0.0, c);
    return c;
  }

  public DenseMatrix multiply(DenseMatrix a, DenseMatrix b) {
    return multiply(false, a, false, b);
  }

  /**
   * C ← alpha·A·Aᵀ + beta·C ({@code trans = false}) or alpha·Aᵀ·A + beta·C ({@code trans = true}),
   * computed on the upper triangle by {@code dsyrk} and mirrored so C is returned full.
   */
  public void syrk(boolean trans, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
    int n = trans ? a.cols() : a.rows();
    int k = trans ? a.rows() : a.cols();
    if (c.rows() != n || c.cols() != n) {
      throw new IllegalArgumentException("syrk: C is " + c.rows() + "x" + c.cols() + ", expected " + n + "x" + n);
    }
    if (n == 0) {
      return;
    }
    if (k == 0) {
      scaleInPlace(beta, c.values());
      return;
    }
    impl.dsyrk("U", trans ? "T" : "N", n, k, alpha, a.values(), Math.max(1, a.rows()), beta, c.values(), n);
    double[] v = c.values();
    for (int j = 0; j < n; j++) {
      for (int i = j + 1; i < n; i++) {
        v[i + j * n] = v[j + i * n];
      }
    }
  }

  /** A·Aᵀ (trans = false) or Aᵀ·A (trans = true) as a new symmetric matrix. */
  public DenseMatrix gram(boolean trans, DenseMatrix a) {
    int n = trans ? a.cols() : a.rows();
    DenseMatrix c = DenseMatrix.zeros(n, n);
    syrk(trans, 1.0, a, 0.0, c);
    return c;
  }

  // ---- level 2 ---------------------------------------------------------------------------------

  /** y ← alpha·op(A)·x + beta·y. */
  public void gemv(boolean trans, double alpha, DenseMatrix a, double[] x, double beta, double[] y) {
    int m = a.rows();
    int n = a.cols();
    int xl = trans ? m : n;
    int yl = trans ? n : m;
    if (x.length != xl || y.length != yl) {
      throw new IllegalArgumentException("gemv dimensions: A " + m + "x" + n + (trans ? "ᵀ" : "")
          + ", x " + x.length + ", y " + y.length);
    }
    if (yl == 0) {
      return;
    }
    if (xl == 0) {
      scaleInPlace(beta, y);
      return;
    }
    impl.dgemv(trans ? "T" : "N", m, n, alpha, a.values(), Math.max(1, m), x, 1, beta, y, 1);
  }

  /** op(A)·x as a new array. */
  public double[] multiply(boolean trans, DenseMatrix a, double[] x) {
    double[] y = new double[trans ? a.cols() : a.rows()];
    gemv(trans, 1.0, a, x, 0.0, y);
    return y;
  }

  // ---- level 1 ---------------------------------------------------------------------------------

  public double dot(double[] x, double[] y) {
    requireSameLength(x.length, y.length);
    return x.length == 0 ? 0.0 : impl.ddot(x.length, x, 1, y, 1);
  }

  /** Dot product of {@code n} entries of x and y starting at the given offsets (unit stride). */
  public double dot(int n, double[] x, int xOffset, double[] y, int yOffset) {
    return n == 0 ? 0.0 : impl.ddot(n, x, xOffset, 1, y, yOffset, 1);
  }

  /** y ← a·x + y. */
  public void axpy(double a, double[] x, double[] y) {
    requireSameLength(x.length, y.length);
    if (x.length > 0) {
      impl.daxpy(x.length, a, x, 1, y, 1);
    }
  }

  /** y[yOffset..] ← a·x[xOffset..] + y[yOffset..] over n entries. */
  public void axpy(int n, double a, double[] x, int xOffset, double[] y, int yOffset) {
    if (n > 0) {
      impl.daxpy(n, a, x, xOffset, 1, y, yOffset, 1);
    }
  }

  /** Euclidean norm without spurious overflow/underflow (some Java backends square naively). */
  public double nrm2(double[] x) {
    return nrm2(x.length, x, 0);
  }

  public double nrm2(int n, double[] x, int offset) {
    if (n == 0) {
      return 0.0;
    }
    double r = impl.dnrm2(n, x, offset, 1);
    if (Double.isInfinite(r) || r < 1e-150) {
      r = scaledNorm(n, x, offset);
    }
    return r;
  }

  private static double scaledNorm(int n, double[] x, int offset) {
    double scale = 0.0;
    for (int k = offset; k < offset + n; k++) {
      scale = Math.max(scale, Math.abs(x[k]));
    }
    if (scale == 0.0 || !Double.isFinite(scale)) {
      return scale;
    }
    double s = 0.0;
    for (int k = offset; k < offset + n; k++) {
      double v = x[k] / scale;
      s += v * v;
    }
    return scale * Math.sqrt(s);
  }

  /** x ← a·x. */
  public void scal(double a, double[] x) {
    if (x.length > 0) {
      impl.dscal(x.length, a, x, 1);
    }
  }

  /** A ← A + a·B, entry-wise on same-shaped matrices. */
  public void axpy(double a, DenseMatrix x, DenseMatrix y) {
    x.requireSameShape(y);
    axpy(a, x.values(), y.values());
  }

  private void scaleInPlace(double beta, double[] c) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, 0.0);
    } else if (beta != 1.0) {
      scal(beta, c);
    }
  }

  private static void requireSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("vector lengths differ: " + a + " vs " + b);
    }
  }

  @Override
  public String toString() {
    return "Blas[" + implementationName() + "]";
  }

  /** How the process-wide backend is chosen. */
  enum BackendChoice {
    AUTO, NATIVE, JAVA;

    static BackendChoice fromEnvironment() {
      String v = System.getProperty(BACKEND_PROPERTY);
      if (v == null || v.isBlank()) {
        v = System.getenv("GEODESIC_BLAS");
      }
      if (v == null || v.isBlank()) {
        return AUTO;
      }
      switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "auto":
          return AUTO;
        case "native":
          return NATIVE;
        case "java":
          return JAVA;
        default:
          throw new IllegalArgumentException(
              BACKEND_PROPERTY + " must be auto, native or java, not '" + v + "'");
      }
    }
  }
}
