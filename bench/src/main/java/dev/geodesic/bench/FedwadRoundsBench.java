package dev.geodesic.bench;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.NetworkSimplex;
import dev.geodesic.random.SeedSequence;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * FedWaD convergence on Gaussian clouds N(0, I) vs N((4/√d)·1, I) (population W2 = 4): for each n = m and d,
 * the exact empirical W2 by {@link NetworkSimplex}, then K = 20 FedWaD rounds (random t, exact interpolation,
 * ξ⁽⁰⁾ of S atoms ~ N(0, I), seed 1), printing per round the relative error of the estimate min U against
 * the exact value, the certified relative bracket width (U − L)/U and the support of ξ.
 *
 * <p>S defaults to n: with uniform weights and S = n every plan is a permutation and the exact interpolant
 * keeps n atoms. With S ≠ n the plans split mass and the exact interpolant's support grows every round
 * (measured, n = 2000, S = 100: 2000, 2602, 3632, 5078, 6489, 7502, 10187, 14375 atoms in rounds 2–9),
 * and so does the cost of each round.
 *
 * <p>Usage: {@code FedwadRoundsBench [n,n,...] [d,d,...] [S]} (defaults 500,2000; 2,10,50; S = n).
 */
public final class FedwadRoundsBench {
  private FedwadRoundsBench() {}

  public static void main(String[] args) {
    String[] sizes = (args.length > 0 ? args[0] : "500,2000,1500:1100,2000:1300").split(",");
    int[] ds = args.length > 1 ? parse(args[1]) : new int[] {2, 10, 50};
    int support = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    System.out.println("# n m d round estimate exact rel_error_% bracket_width support seconds");
    for (String size : sizes) {
      String[] nm = size.split(":");
      int n = Integer.parseInt(nm[0].trim());
      int m = nm.length > 1 ? Integer.parseInt(nm[1].trim()) : n;
      for (int d : ds) {
        DiscreteMeasure mu = DiscreteMeasure.uniform(gaussian(n, d, "mu", 0.0));
        DiscreteMeasure nu = DiscreteMeasure.uniform(gaussian(m, d, "nu", 4.0 / Math.sqrt(d)));
        double exact = new NetworkSimplex().solveAuto(mu, nu, 2.0).wasserstein(2.0);
        FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(1).withTolerance(0)
            .withInitial(support, 1.0);
        long t0 = System.nanoTime();
        FederatedWasserstein.Result r = new FederatedWasserstein(cfg).run(mu, nu, rec -> System.out.printf(Locale.ROOT,
            "%d %d %d %d %.6f %.6f %.4f %.4f %d %.2f%n", n, m, d, rec.iteration(), rec.metric("estimate"), exact,
            100 * (rec.metric("estimate") - exact) / exact, rec.metric("bracket_width"), (int) rec.metric("support"),
            rec.elapsedSeconds()));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "## n=%d m=%d d=%d exact=%.6f final estimate=%.6f error=%.4f%% bracket=[%.6f, %.6f] "
            + "width=%.4f%% seconds=%.1f%n", n, m, d, exact, r.estimate(), 100 * (r.estimate() - exact) / exact, r.lower(),
            r.upper(), 100 * (r.upper() - r.lower()) / r.upper(), seconds);
      }
    }
  }

  private static int[] parse(String s) {
    String[] p = s.split(",");
    int[] v = new int[p.length];
    for (int k = 0; k < p.length; k++) {
      v[k] = Integer.parseInt(p[k].trim());
    }
    return v;
  }

  private static DenseMatrix gaussian(int n, int d, String side, double shift) {
    SplittableRandom r = SeedSequence.of(7).stream(side, n, d);
    double[] v = new double[d * n];
    for (int k = 0; k < v.length; k++) {
      v[k] = shift + SeedSequence.nextGaussian(r);
    }
    return DenseMatrix.wrap(d, n, v);
  }
}
