package dev.geodesic.bench;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.CandidateArcTransport;
import dev.geodesic.ot.DenseCostMatrix;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.NetworkSimplex;
import dev.geodesic.ot.PointCloudCost;
import dev.geodesic.random.SeedSequence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times exact OT on seeded Gaussian clouds, N(0, I) vs N(0.5·1, I) in d = 10, uniform weights, p = 2:
 * {@link CandidateArcTransport} (network simplex on candidate arcs, all arcs priced by dgemm) and, for
 * n ≤ {@code --full-max}, the full {@link NetworkSimplex} on a dense cost matrix; writes the points of
 * the sizes n ≤ {@code --points-max} for the POT comparison of {@code bench/ot-vs-pot.sh}:
 * {@code x_<n>.f64} and {@code y_<n>.f64}, little-endian doubles, n rows of d (numpy: {@code
 * np.fromfile(f, '<f8').reshape(n, d)}).
 *
 * <p>Usage: {@code ExactOtBench <outDir> [n ...] [--fly] [--full-max N] [--points-max N] [--repeat R]}.
 * The first size runs once more before timing to warm the JIT; each timed run includes every cost
 * computation (the dense matrix's gemm for the full solver, all pricing for the candidate solver).
 * {@code --fly} also times the full solver with on-the-fly costs. Prints one line per run:
 * {@code n mode cost seconds pivots rounds arcs max_dual_violation tolerance cpu_seconds} (wall seconds, and
 * the process's CPU seconds over the solve, all threads: under load from other processes the wall time
 * grows while the CPU time stays near the work done).
 */
public final class ExactOtBench {
  private static final int D = 10;
  private static final long SEED = 20240101L;

  private ExactOtBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ExactOtBench <outDir> [n ...] [--fly] [--full-max N] [--points-max N] [--repeat R]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    boolean fly = false;
    int fullMax = 4000;
    int pointsMax = 4000;
    int repeat = 1;
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    for (int k = 1; k < args.length; k++) {
      switch (args[k]) {
        case "--fly" -> fly = true;
        case "--full-max" -> fullMax = Integer.parseInt(args[++k]);
        case "--points-max" -> pointsMax = Integer.parseInt(args[++k]);
        case "--repeat" -> repeat = Integer.parseInt(args[++k]);
        default -> sizes.add(Integer.parseInt(args[k]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = java.util.List.of(1000, 2000, 4000);
    }
    System.out.println("# " + dev.geodesic.linalg.BlasBackend.current().summaryLine());
    System.out.println("# blas=" + Blas.get().implementationName() + " d=" + D + " seed=" + SEED
        + " threads=" + Runtime.getRuntime().availableProcessors() + " max_heap_mib="
        + Runtime.getRuntime().maxMemory() / (1 << 20));
    System.out.println("# n mode cost seconds pivots rounds arcs max_dual_violation tolerance cpu_seconds");
    NetworkSimplex full = new NetworkSimplex();
    CandidateArcTransport candidate = new CandidateArcTransport();
    boolean warm = false;
    for (int n : sizes) {
      DenseMatrix x = gaussian(n, "x", 0.0);
      DenseMatrix y = gaussian(n, "y", 0.5);
      if (n <= pointsMax) {
        write(out.resolve("x_" + n + ".f64"), x);
        write(out.resolve("y_" + n + ".f64"), y);
      }
      DiscreteMeasure mu = DiscreteMeasure.uniform(x);
      DiscreteMeasure nu = DiscreteMeasure.uniform(y);
      if (!warm) {
        DiscreteMeasure wx = DiscreteMeasure.uniform(gaussian(Math.min(n, 2000), "x", 0.0));
        DiscreteMeasure wy = DiscreteMeasure.uniform(gaussian(Math.min(n, 2000), "y", 0.5));
        full.solveDense(wx, wy, 2.0);
        candidate.solve(wx, wy, 2.0);
        warm = true;
      }
      for (int rep = 0; rep < repeat; rep++) {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        CandidateArcTransport.Result c = candidate.solve(mu, nu, 2.0);
        double secs = (System.nanoTime() - t0) * 1e-9;
        double cpu = (processCpuNanos() - cpu0) * 1e-9;
        System.out.printf(Locale.ROOT, "%d candidate %.12f %.3f %d %d %d %.3e %.3e %.3f%n", n, c.solution().cost(), secs,
            c.solution().iterations(), c.rounds(), c.candidateArcs(), c.maxDualViolation(), c.tolerance(), cpu);
        if (n <= fullMax) {
          t0 = System.nanoTime();
          cpu0 = processCpuNanos();
          NetworkSimplex.Result r = full.solve(mu.weights(), nu.weights(), DenseCostMatrix.groundCost(x, y, 2.0));
          secs = (System.nanoTime() - t0) * 1e-9;
          cpu = (processCpuNanos() - cpu0) * 1e-9;
          System.out.printf(Locale.ROOT, "%d dense %.12f %.3f %d - - - - %.3f%n", n, r.cost(), secs, r.iterations(), cpu);
          if (fly) {
            t0 = System.nanoTime();
            r = full.solve(mu.weights(), nu.weights(), new PointCloudCost(x, y, 2.0));
            secs = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "%d on-the-fly %.12f %.3f %d - - - - -%n", n, r.cost(), secs, r.iterations());
          }
        }
        System.out.flush();
      }
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
  }

  static DenseMatrix gaussian(int n, String side, double shift) {
    SplittableRandom r = SeedSequence.of(SEED).stream(side, n);
    double[] v = new double[D * n];
    for (int k = 0; k < v.length; k++) {
      v[k] = shift + SeedSequence.nextGaussian(r);
    }
    return DenseMatrix.wrap(D, n, v);
  }

  private static void write(Path file, DenseMatrix m) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(m.values().length * 8).order(ByteOrder.LITTLE_ENDIAN);
    buf.asDoubleBuffer().put(m.values());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }
}
