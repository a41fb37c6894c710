package dev.geodesic.bench;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.BlasBackend;
import dev.geodesic.linalg.Lapack;
import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the BLAS kernels Geodesic's solvers call, on one backend, and prints one tab-separated row
 * per kernel: {@code config, kernel, GFLOP/s, ns/call (best of 5 windows of ≥ 0.15 s, after 3 warm-up
 * calls), max |x − x_F2j| / max |x_F2j|}. The last column
 * checks the backend against the scalar reference on the same inputs (equal to rounding, ~1e-16).
 *
 * <p>Usage: {@code BlasKernelsBench native|VectorBLAS|Java11BLAS|F2jBLAS [all|gemm] [label]}. The
 * OpenBLAS core and thread count come from the environment ({@code OPENBLAS_CORETYPE},
 * {@code OPENBLAS_NUM_THREADS}) since OpenBLAS reads them once, when it loads; bench/blas-kernels.sh
 * runs one JVM per configuration.
 */
public final class BlasKernelsBench {
  private static final int WARMUP = 3;
  private static final int WINDOWS = 5;
  private static final double WINDOW_SECONDS = 0.15;

  private BlasKernelsBench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "native";
    boolean gemmOnly = args.length > 1 && args[1].equals("gemm");
    BLAS blas = backend(which);
    BLAS ref = Blas.reproducible().netlib();
    String core = "";
    if (which.equals("native")) {
      BlasBackend b = BlasBackend.describe(Blas.nativeBackend().orElseThrow(), Lapack.nativeBackend().orElseThrow());
      core = b.openblasCore() == null ? "?" : b.openblasCore();
      System.err.println("# " + b.summaryLine() + " — " + b.detail());
    }
    String label = args.length > 2 ? args[2]
        : which.equals("native") ? "OpenBLAS " + core + " t=" + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "?") : which;
    List<Kernel> kernels = new ArrayList<>();
    kernels.add(gemm("T", "N", 1000, 1000, 784)); // the p = 2 cost matrix of 1000 vs 1000 points in d = 784
    kernels.add(gemm("T", "N", 10, 1000, 784)); // 784×1000 points projected on k = 10 directions
    kernels.add(gemm("T", "N", 100, 1000, 784));
    kernels.add(gemm("N", "N", 256, 256, 256));
    kernels.add(gemm("N", "N", 1024, 1024, 1024));
    if (!gemmOnly) {
      kernels.add(syrk(100, 2000));
      kernels.add(syrk(784, 2000));
      kernels.add(gemv("N", 784, 1000));
      kernels.add(gemv("T", 784, 1000));
      kernels.add(dot(784));
      kernels.add(dot(100_000));
    }
    for (Kernel k : kernels) {
      double[] out = k.run(blas);
      double[] expected = k.run(ref);
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < out.length; i++) {
        scale = Math.max(scale, Math.abs(expected[i]));
        diff = Math.max(diff, Math.abs(out[i] - expected[i]));
      }
      for (int i = 0; i < WARMUP; i++) {
        k.run(blas);
      }
      // Best of several windows: the machine is shared (other builds), and interference only ever
      // slows a window down, so the fastest one is the least disturbed estimate.
      double ns = Double.POSITIVE_INFINITY;
      for (int w = 0; w < WINDOWS; w++) {
        int reps = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
          k.run(blas);
          reps++;
          elapsed = System.nanoTime() - start;
        } while (elapsed < WINDOW_SECONDS * 1e9);
        ns = Math.min(ns, (double) elapsed / reps);
      }
      System.out.printf(Locale.ROOT, "%s\t%s\t%.2f\t%.0f\t%.1e%n", label, k.name, k.flops / ns, ns, diff / scale);
    }
  }

  private static BLAS backend(String which) throws Exception {
    if (which.equals("native")) {
      return Blas.nativeBackend().orElseThrow(() -> new IllegalStateException("native BLAS did not load")).netlib();
    }
    if (which.equals("F2jBLAS")) {
      return Blas.reproducible().netlib();
    }
    // netlib keeps its Java implementations package-private; getInstance() is reachable by reflection.
    java.lang.reflect.Method m = Class.forName("dev.ludovic.netlib.blas." + which).getDeclaredMethod("getInstance");
    m.setAccessible(true);
    return (BLAS) m.invoke(null);
  }

  /** One kernel on fixed random inputs; run returns its output (a fresh copy of the result). */
  private record Kernel(String name, double flops, Op op) {
    double[] run(BLAS b) {
      return op.apply(b);
    }
  }

  private interface Op {
    double[] apply(BLAS b);
  }

  private static double[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() - 0.5;
    }
    return v;
  }

  /** C (m×n) = op(A)·op(B) with inner dimension k. */
  private static Kernel gemm(String ta, String tb, int m, int n, int k) {
    double[] a = random(m * k, 1);
    double[] b = random(k * n, 2);
    double[] c = new double[m * n];
    int lda = ta.equals("N") ? m : k;
    int ldb = tb.equals("N") ? k : n;
    String name = "dgemm " + ta + tb + " " + m + "x" + n + "x" + k;
    return new Kernel(name, 2.0 * m * n * k, bl -> {
      bl.dgemm(ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, m);
      return c.clone();
    });
  }

  /** C (d×d, upper) = A·Aᵀ for A d×n (a sample covariance). */
  private static Kernel syrk(int d, int n) {
    double[] a = random(d * n, 3);
    double[] c = new double[d * d];
    return new Kernel("dsyrk N d=" + d + " n=" + n, (double) d * (d + 1) * n, bl -> {
      bl.dsyrk("U", "N", d, n, 1.0, a, d, 0.0, c, d);
      double[] upper = new double[d * (d + 1) / 2];
      int p = 0;
      for (int j = 0; j < d; j++) {
        for (int i = 0; i <= j; i++) {
          upper[p++] = c[i + j * d];
        }
      }
      return upper;
    });
  }

  private static Kernel gemv(String t, int m, int n) {
    double[] a = random(m * n, 4);
    double[] x = random(t.equals("N") ? n : m, 5);
    double[] y = new double[t.equals("N") ? m : n];
    return new Kernel("dgemv " + t + " " + m + "x" + n, 2.0 * m * n, bl -> {
      bl.dgemv(t, m, n, 1.0, a, m, x, 1, 0.0, y, 1);
      return y.clone();
    });
  }

  private static Kernel dot(int n) {
    double[] x = random(n, 6);
    double[] y = random(n, 7);
    return new Kernel("ddot n=" + n, 2.0 * n, bl -> new double[] {bl.ddot(n, x, 1, y, 1)});
  }
}
