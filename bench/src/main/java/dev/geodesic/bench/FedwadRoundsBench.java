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
    int[] ns = args.length > 0 ? parse(args[0]) : new int[] {500, 2000};
    int[] ds = args.length > 1 ? parse(args[1]) : new int[] {2, 10, 50};
    int support = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    System.out.println("# n d round estimate exact rel_error_% bracket_width support seconds");
    for (int n : ns) {
      for (int d : ds) {
        DiscreteMeasure mu = DiscreteMeasure.uniform(gaussian(n, d, "mu", 0.0));
        DiscreteMeasure nu = DiscreteMeasure.uniform(gaussian(n, d, "nu", 4.0 / Math.sqrt(d)));
        double exact = new NetworkSimplex().solveAuto(mu, nu, 2.0).wasserstein(2.0);
        FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(1).withTolerance(0)
            .withInitial(support > 0 ? support : n, 1.0);
        FederatedWasserstein.Result r = new FederatedWasserstein(cfg).run(mu, nu, rec -> System.out.printf(Locale.ROOT,
            "%d %d %d %.6f %.6f %.4f %.4f %d %.2f%n", n, d, rec.iteration(), rec.metric("estimate"), exact,
            100 * (rec.metric("estimate") - exact) / exact, rec.metric("bracket_width"), (int) rec.metric("support"),
            rec.elapsedSeconds()));
        System.out.printf(Locale.ROOT, "## n=%d d=%d S=%d exact=%.6f final estimate=%.6f error=%.4f%% bracket=[%.6f, %.6f]%n",
            n, d, cfg.initialSupport(), exact, r.estimate(), 100 * (r.estimate() - exact) / exact, r.lower(), r.upper());
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
