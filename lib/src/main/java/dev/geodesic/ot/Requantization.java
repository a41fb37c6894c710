package dev.geodesic.ot;

import dev.geodesic.linalg.DenseMatrix;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Re-quantization of a discrete measure to at most {@code cap} atoms, for FedWaD's server measure ξ: the
 * {@code cap} heaviest atoms are kept as centres, every other atom's mass moves to its nearest centre, and
 * (for p = 2) each centre moves to the barycentre of the mass it gathered. Total mass is kept exactly.
 *
 * <p>Why it is safe for FedWaD: the bracket U = W(ξ, μ) + W(ξ, ν), L = |W(ξ, μ) − W(ξ, ν)| holds by the
 * triangle inequality for <em>any</em> ξ, and both distances are computed by the clients on the ξ actually
 * sent, so replacing ξ by its re-quantization keeps every round's bounds certified. What is lost is only the
 * guarantee that U never increases (the exact-interpolation argument of {@code specs/fedwad.md}); the
 * estimate min_k U⁽ᵏ⁾ is unaffected. The map "atom → its centre" is a coupling between ξ and the
 * re-quantized ξ', so W_p(ξ, ξ') ≤ {@link Result#displacement()} = (Σ_i w_i ‖x_i − c(i)‖^p)^(1/p), and a
 * round's U on ξ' exceeds U on ξ by at most twice that.
 */
public final class Requantization {
  private Requantization() {}

  /**
   * @param measure the re-quantized measure (the input itself when it had at most {@code cap} atoms)
   * @param displacement (Σ_i w_i ‖x_i − c(i)‖^p)^(1/p) ≥ W_p(input, measure)
   */
  public record Result(DiscreteMeasure measure, double displacement) {}

  /** {@code measure} with at most {@code cap} atoms, for the ground cost ‖x − y‖^p. */
  public static Result reduce(DiscreteMeasure measure, int cap, double p) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1");
    }
    int n = measure.size();
    if (n <= cap) {
      return new Result(measure, 0.0);
    }
    int d = measure.dimension();
    double[] w = measure.weights();
    double[] x = measure.atoms().values();
    // Heaviest first; ties by index so the result does not depend on the sort's stability.
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -w[i]).thenComparingInt(i -> i));
    int[] centre = new int[cap];
    for (int k = 0; k < cap; k++) {
      centre[k] = order[k];
    }
    int[] owner = new int[n];
    for (int k = 0; k < cap; k++) {
      owner[centre[k]] = k;
    }
    // Nearest centre of every light atom; independent across atoms, so in parallel.
    IntStream.range(cap, n).parallel().forEach(r -> {
      int i = order[r];
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int k = 0; k < cap; k++) {
        int c = centre[k] * d;
        double s = 0.0;
        for (int q = 0; q < d && s < bestD; q++) {
          double diff = x[i * d + q] - x[c + q];
          s += diff * diff;
        }
        if (s < bestD) {
          bestD = s;
          best = k;
        }
      }
      owner[i] = best;
    });
    double[] mass = new double[cap];
    double[] z = new double[cap * d];
    for (int i = 0; i < n; i++) {
      mass[owner[i]] += w[i];
    }
    boolean barycentre = p == 2.0;
    for (int k = 0; k < cap; k++) {
      System.arraycopy(x, centre[k] * d, z, k * d, d);
    }
    if (barycentre) {
      Arrays.fill(z, 0.0);
      for (int i = 0; i < n; i++) {
        int k = owner[i];
        for (int q = 0; q < d; q++) {
          z[k * d + q] += w[i] * x[i * d + q];
        }
      }
      for (int k = 0; k < cap; k++) {
        if (mass[k] > 0) {
          for (int q = 0; q < d; q++) {
            z[k * d + q] /= mass[k];
          }
        } else {
          System.arraycopy(x, centre[k] * d, z, k * d, d);
        }
      }
    }
    double cost = 0.0;
    for (int i = 0; i < n; i++) {
      int k = owner[i];
      double s = 0.0;
      for (int q = 0; q < d; q++) {
        double diff = x[i * d + q] - z[k * d + q];
        s += diff * diff;
      }
      cost += w[i] * (p == 2.0 ? s : Math.pow(Math.sqrt(s), p));
    }
    return new Result(new DiscreteMeasure(DenseMatrix.wrap(d, cap, z), mass), Math.pow(cost, 1.0 / p));
  }
}
