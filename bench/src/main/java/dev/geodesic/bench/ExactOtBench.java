package dev.geodesic.bench;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
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
 * Times {@link NetworkSimplex} on seeded Gaussian clouds, N(0, I) vs N(0.5·1, I) in d = 10, uniform
 * weights, p = 2, and writes the points for the POT comparison of {@code bench/ot-vs-pot.sh}:
 * {@code x_<n>.f64} and {@code y_<n>.f64}, little-endian doubles, n rows of d (numpy: {@code
 * np.fromfile(f, '<f8').reshape(n, d)}).
 *
 * <p>Usage: {@code ExactOtBench <outDir> [n ...] [--fly]}. Each size runs once to warm the JIT, then is
 * timed; the time includes building the dense cost matrix (one BLAS gemm). {@code --fly} also times the
 * on-the-fly cost mode. Prints one line per size: {@code n mode cost seconds pivots}.
 */
public final class ExactOtBench {
  private static final int D = 10;
  private static final long SEED = 20240101L;

  private ExactOtBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ExactOtBench <outDir> [n ...] [--fly]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    boolean fly = false;
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    for (int k = 1; k < args.length; k++) {
      if (args[k].equals("--fly")) {
        fly = true;
      } else {
        sizes.add(Integer.parseInt(args[k]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = java.util.List.of(1000, 2000, 4000);
    }
    System.out.println("# blas=" + Blas.get().implementationName() + " d=" + D + " seed=" + SEED);
    System.out.println("# n mode cost seconds pivots");
    NetworkSimplex solver = new NetworkSimplex();
    for (int n : sizes) {
      DenseMatrix x = gaussian(n, "x", 0.0);
      DenseMatrix y = gaussian(n, "y", 0.5);
      write(out.resolve("x_" + n + ".f64"), x);
      write(out.resolve("y_" + n + ".f64"), y);
      DiscreteMeasure mu = DiscreteMeasure.uniform(x);
      DiscreteMeasure nu = DiscreteMeasure.uniform(y);
      solver.solveDense(mu, nu, 2.0); // warm-up
      long t0 = System.nanoTime();
      NetworkSimplex.Result r = solver.solve(mu.weights(), nu.weights(), DenseCostMatrix.groundCost(x, y, 2.0));
      double secs = (System.nanoTime() - t0) * 1e-9;
      System.out.printf(Locale.ROOT, "%d dense %.12f %.3f %d%n", n, r.cost(), secs, r.iterations());
      if (fly) {
        t0 = System.nanoTime();
        r = solver.solve(mu.weights(), nu.weights(), new PointCloudCost(x, y, 2.0));
        secs = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "%d on-the-fly %.12f %.3f %d%n", n, r.cost(), secs, r.iterations());
      }
    }
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
