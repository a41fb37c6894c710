package dev.geodesic.bench;

import dev.geodesic.linalg.Blas;
import dev.geodesic.monotone.MatrixGameBlock;
import dev.geodesic.monotone.PolicemanBurglar;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import java.util.Locale;

/**
 * The BLAS work alone behind the {@code monotone} Spark jobs on policeman and burglar with n
 * components on P partitions: one partition's share of a full evaluation (its block's two gemv calls,
 * n/P components), a PAGE mini-batch correction of b = ⌊√n⌋ components evaluated on one block
 * (2b axpy pairs), and copying b components out of a block (what a fetch serializes). Median of 7
 * runs after 2 warm-ups, in one thread, so that the Spark jobs' seconds can be split into this work
 * and the rest (scheduling, task serialization, result transfer).
 *
 * <p>Usage: {@code MonotoneEvaluationBench [n] [partitions]} (defaults 10000 2).
 */
public final class MonotoneEvaluationBench {
  private MonotoneEvaluationBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int parts = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    double[] w = PolicemanBurglar.drawWeights(n, SeedSequence.of(42));
    MatrixGameBlock block = PolicemanBurglar.block(w, PolicemanBurglar.THETA, 0, n / parts);
    double[] u = new double[2 * n];
    Arrays.fill(u, 1.0 / n);
    double[] v = u.clone();
    v[0] += 1e-3;
    v[n] += 1e-3;
    double[] out = new double[2 * n];
    int b = (int) Math.floor(Math.sqrt(n));
    int[] batch = new int[b];
    for (int s = 0; s < b; s++) {
      batch[s] = (int) ((long) s * (n / parts) / b);
    }
    System.out.printf(Locale.ROOT, "# blas=%s n=%d partitions=%d block=%d components b=%d%n",
        Blas.get().implementationName(), n, parts, n / parts, b);
    System.out.printf(Locale.ROOT, "full evaluation, one block (2 gemv): %.1f ms%n",
        median(() -> block.addAll(u, 1.0 / n, out)));
    System.out.printf(Locale.ROOT, "mini-batch correction of b components on one block: %.2f ms%n",
        median(() -> block.addDifferences(batch, b, u, v, 1.0 / b, out)));
    System.out.printf(Locale.ROOT, "copy b components out of the block: %.2f ms%n", median(() -> {
      for (int i : batch) {
        block.component(i);
      }
    }));
  }

  private static double median(Runnable work) {
    double[] ms = new double[9];
    for (int r = 0; r < ms.length; r++) {
      long t0 = System.nanoTime();
      work.run();
      ms[r] = (System.nanoTime() - t0) * 1e-6;
    }
    double[] timed = Arrays.copyOfRange(ms, 2, ms.length);
    Arrays.sort(timed);
    return timed[timed.length / 2];
  }
}
