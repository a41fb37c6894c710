package dev.geodesic.monotone;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The "policeman and burglar" matrix game (Nemirovski 2013; the reference problem of Cai et al. 2024,
 * §5): n houses with wealth w_j; the burglar picks house j, the policeman house i and catches him
 * with probability exp(−θ|i − j|), so the expected loss is A_ij = w_j·(1 − exp(−θ·|i − j|)).
 * In the reference's orientation min_{x∈Δ} max_{y∈Δ} yᵀAx, rows i are y's strategies.
 */
public final class PolicemanBurglar {
  /** The reference θ. */
  public static final double THETA = 0.8;

  private PolicemanBurglar() {}

  /** A_ij = w_j·(1 − exp(−θ|i − j|)) for the given weights (n = w.length). */
  public static MatrixGame game(double[] w, double theta) {
    int n = w.length;
    if (n < 1 || !(theta > 0) || Double.isInfinite(theta)) {
      throw new IllegalArgumentException("policeman and burglar needs n >= 1 and a finite theta > 0");
    }
    double[] decay = new double[n];
    for (int d = 0; d < n; d++) {
      decay[d] = 1 - Math.exp(-theta * d);
    }
    double[] a = new double[n * n];
    for (int j = 0; j < n; j++) {
      if (!(w[j] >= 0) || Double.isInfinite(w[j])) {
        throw new IllegalArgumentException("weight " + j + " must be finite and >= 0, got " + w[j]);
      }
      for (int i = 0; i < n; i++) {
        a[i + j * n] = w[j] * decay[Math.abs(i - j)];
      }
    }
    return new MatrixGame(DenseMatrix.wrap(n, n, a));
  }

  /**
   * Components [from, to) of the n = w.length game generated in place (rows and columns from the
   * formula): an executor builds its block from the weights alone, without A ever existing whole.
   */
  public static MatrixGameBlock block(double[] w, double theta, int from, int to) {
    int n = w.length;
    double[] rows = new double[MatrixGameBlock.rowCount(from, to, n) * n];
    double[] cols = new double[MatrixGameBlock.rowCount(from, to, n) * n];
    for (int i = from; i < Math.min(to, n); i++) {
      for (int j = 0; j < n; j++) {
        rows[(i - from) * n + j] = w[j] * (1 - Math.exp(-theta * Math.abs(i - j)));
        cols[(i - from) * n + j] = w[i] * (1 - Math.exp(-theta * Math.abs(i - j)));
      }
    }
    return new MatrixGameBlock(from, to, n, n, rows, cols);
  }

  /** Weights w_j = |z_j|, z_j ~ N(0, 1) i.i.d., drawn from the stream ("policeman-burglar-weights"). */
  public static double[] drawWeights(int n, SeedSequence seeds) {
    SplittableRandom r = seeds.stream("policeman-burglar-weights");
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = Math.abs(SeedSequence.nextGaussian(r));
    }
    return w;
  }

  /** Weights from a file of one number a line (blank lines skipped), such as the n = 500 reference weights. */
  public static double[] readWeights(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    double[] w = lines.stream().map(String::trim).filter(l -> !l.isEmpty()).mapToDouble(l -> {
      try {
        return Double.parseDouble(l);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ": not a number: '" + l + "'");
      }
    }).toArray();
    if (w.length == 0) {
      throw new IllegalArgumentException(file + ": no weights");
    }
    return w;
  }
}
