package dev.geodesic.bench;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.NetworkSimplex;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import dev.geodesic.random.SeedSequence;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * FedWaD convergence and certified bracket: for each case the exact W2 by {@link NetworkSimplex} on the gathered
 * samples, then K = 20 FedWaD rounds with the defaults (random t, the server selecting an interpolant, exact
 * interpolation, ξ⁽⁰⁾ of min(n, m) atoms,
 * support capped at n + m (max(n, m) with the paper's step), summary lower bounds; seed 1), printing per round the relative error of the
 * estimate min U, the support of ξ and the certified relative bracket width (U − L)/U, and per case a line
 * {@code ##} with the final error, the bracket width before (L = max_k |d_A − d_B| only) and after (with the
 * Gelbrich and 1-D projection bounds), the active lower bound and the seconds of the 20 rounds.
 *
 * <p>Cases: Gaussian clouds N(0, I) (n points) vs N((4/√d)·1, I) (m points), {@code n:m} sizes × dimensions;
 * or {@code fashion}: the Fashion-MNIST t10k class pairs 0–1, 2–4, 5–7, 0–6 (1000 images each, 784-d, pixels
 * in [0, 1]) read from the IDX files in {@code /usr/share/datasets/fashion-mnist} (the files {@code ./geodesic
 * import --format idx --split t10k --scale unit} reads).
 *
 * <p>Usage: {@code FedwadRoundsBench [n:m,n:m,...|fashion] [d,d,...] [S] [seed,seed,...] [C] [select|interpolate]}
 * (defaults 500,2000,1500:1100,2000:1300; 2,10,50; S = min(n, m) (0); FedWaD seed 1; C, the cap on ξ's atoms, 0:
 * max(S, n + m), or max(S, n, m) with the paper's step; the server's step, {@link FederatedWasserstein.ServerStep},
 * default select). Several seeds run FedWaD once
 * each on the same data (case names get {@code -s<seed>}): one seed's error after 20 rounds depends on
 * its t draws (it falls in jumps), so a per-case figure needs the spread over seeds.
 *
 * <p>{@code FedwadRoundsBench export DIR n:m d seed [rounds]} writes, for an independent implementation to
 * replay ({@code bench/fedwad-pot-reference.py}), the same Gaussian clouds as {@code mu.csv} and {@code nu.csv},
 * ξ⁽⁰⁾ as FedWaD draws it for that seed ({@code xi0.csv}; S = min(n, m), s = 1), one point per line with
 * {@code %.17g} coordinates; then runs FedWaD with the paper's server step, exact interpolation and no support cap
 * for the given rounds
 * (default 20) and writes per round its t_A, t_B, t_S and U, min U and |ξ| ({@code t.csv}), and the exact W2
 * by {@link NetworkSimplex} ({@code exact.txt}).
 */
public final class FedwadRoundsBench {
  private FedwadRoundsBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("export")) {
      export(args);
      return;
    }
    String cases = args.length > 0 ? args[0] : "500,2000,1500:1100,2000:1300";
    int support = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    seeds = args.length > 3 ? parseLongs(args[3]) : new long[] {1};
    maxSupport = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    serverStep = args.length > 5 ? FederatedWasserstein.ServerStep.fromLabel(args[5]) : FederatedWasserstein.ServerStep.SELECT;
    System.out.println("# server step " + serverStep.label());
    System.out.println("# case round estimate exact rel_error_% bracket_width_% support seconds");
    if (cases.equals("fashion")) {
      Path dir = Path.of("/usr/share/datasets/fashion-mnist");
      float[][] images = images(dir.resolve("t10k-images-idx3-ubyte.gz"));
      int[] labels = labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
      for (int[] pair : new int[][] {{0, 1}, {2, 4}, {5, 7}, {0, 6}}) {
        run("fashion-" + pair[0] + "-" + pair[1], DiscreteMeasure.uniform(fashionClass(images, labels, pair[0])),
            DiscreteMeasure.uniform(fashionClass(images, labels, pair[1])), support);
      }
      return;
    }
    int[] ds = args.length > 1 ? parse(args[1]) : new int[] {2, 10, 50};
    for (String size : cases.split(",")) {
      String[] nm = size.split(":");
      int n = Integer.parseInt(nm[0].trim());
      int m = nm.length > 1 ? Integer.parseInt(nm[1].trim()) : n;
      for (int d : ds) {
        run("gauss-n" + n + "-m" + m + "-d" + d, DiscreteMeasure.uniform(gaussian(n, d, "mu", 0.0)),
            DiscreteMeasure.uniform(gaussian(m, d, "nu", 4.0 / Math.sqrt(d))), support);
      }
    }
  }

  /** FedWaD seeds (the t draws and ξ⁽⁰⁾), one run per seed on the same data. */
  private static long[] seeds;
  /** The cap C on ξ's atoms (0: the default, max(S, n + m), or max(S, n, m) with the paper's step). */
  private static int maxSupport;
  /** How the server forms the next ξ. */
  private static FederatedWasserstein.ServerStep serverStep;

  private static long[] parseLongs(String s) {
    String[] f = s.split(",");
    long[] out = new long[f.length];
    for (int k = 0; k < f.length; k++) {
      out[k] = Long.parseLong(f[k].trim());
    }
    return out;
  }

  private static void run(String name, DiscreteMeasure mu, DiscreteMeasure nu, int support) {
    long e0 = System.nanoTime();
    double exact = new NetworkSimplex().solveAuto(mu, nu, 2.0).wasserstein(2.0);
    double exactSeconds = (System.nanoTime() - e0) * 1e-9;
    for (long seed : seeds) {
      run(seeds.length == 1 ? name : name + "-s" + seed, mu, nu, support, seed, exact, exactSeconds);
    }
  }

  private static void run(String name, DiscreteMeasure mu, DiscreteMeasure nu, int support, long seed, double exact,
      double exactSeconds) {
    FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(seed).withTolerance(0).withInitial(support, 1.0)
        .withMaxSupport(maxSupport).withServerStep(serverStep);
    Trace trace = new Trace();
    long t0 = System.nanoTime();
    FederatedWasserstein.Result r = new FederatedWasserstein(cfg).run(mu, nu, rec -> {
      trace.onIteration(rec);
      System.out.printf(Locale.ROOT, "%s %d %.6f %.6f %.4f %.4f %d %.2f%n", name, rec.iteration(),
          rec.metric("estimate"), exact, 100 * (rec.metric("estimate") - exact) / exact,
          100 * rec.metric("bracket_width"), (int) rec.metric("support"), rec.elapsedSeconds());
    });
    double seconds = (System.nanoTime() - t0) * 1e-9;
    double triangle = 0;
    for (IterationRecord rec : trace.records()) {
      triangle = Math.max(triangle, rec.metric("lower_triangle"));
    }
    System.out.printf(Locale.ROOT, "## %s n=%d m=%d d=%d exact=%.6f (%.1f s) estimate=%.6f error=%.4f%% "
        + "bracket=[%.6f, %.6f] width_before=%.3f%% width_after=%.3f%% lower_bound=%s max_support=%d seconds=%.1f%n",
        name, mu.size(), nu.size(), mu.dimension(), exact, exactSeconds, r.estimate(), 100 * (r.estimate() - exact) / exact,
        r.lower(), r.upper(), 100 * (r.upper() - triangle) / r.upper(), 100 * (r.upper() - r.lower()) / r.upper(),
        r.lowerBound().name().toLowerCase(Locale.ROOT), (int) max(trace.column("support")), seconds);
  }

  /** No cap on ξ's atoms: the published algorithm, for the cross-check against an independent implementation. */
  private static final int UNCAPPED = 1_000_000;

  private static void export(String[] args) throws IOException {
    if (args.length < 5) {
      throw new IllegalArgumentException("usage: export DIR n:m d seed [rounds]");
    }
    Path dir = Files.createDirectories(Path.of(args[1]));
    String[] nm = args[2].split(":");
    int n = Integer.parseInt(nm[0].trim());
    int m = nm.length > 1 ? Integer.parseInt(nm[1].trim()) : n;
    int d = Integer.parseInt(args[3].trim());
    long seed = Long.parseLong(args[4].trim());
    int rounds = args.length > 5 ? Integer.parseInt(args[5].trim()) : 20;
    DiscreteMeasure mu = DiscreteMeasure.uniform(gaussian(n, d, "mu", 0.0));
    DiscreteMeasure nu = DiscreteMeasure.uniform(gaussian(m, d, "nu", 4.0 / Math.sqrt(d)));
    FederatedWasserstein.Config cfg = FederatedWasserstein.Config.defaults(seed).withTolerance(0).withInitial(0, 1.0)
        .withMaxSupport(UNCAPPED).withRounds(rounds).withServerStep(FederatedWasserstein.ServerStep.INTERPOLATE);
    writePoints(dir.resolve("mu.csv"), mu.atoms());
    writePoints(dir.resolve("nu.csv"), nu.atoms());
    writePoints(dir.resolve("xi0.csv"), new FederatedWasserstein(cfg.resolvedFor(n, m)).server(d).xi().atoms());
    System.out.printf(Locale.ROOT, "# BLAS %s; %d cores%n", dev.geodesic.linalg.Blas.get().implementationName(),
        Runtime.getRuntime().availableProcessors());
    long e0 = System.nanoTime();
    double exact = new NetworkSimplex().solveAuto(mu, nu, 2.0).wasserstein(2.0);
    Files.writeString(dir.resolve("exact.txt"), String.format(Locale.ROOT, "%.17g%n", exact));
    System.out.printf(Locale.ROOT, "# exact W2 %.12f (%.1f s)%n", exact, (System.nanoTime() - e0) * 1e-9);
    StringBuilder t = new StringBuilder("round,t_a,t_b,t_server,upper,estimate,support,seconds\n");
    FederatedWasserstein.Result r = new FederatedWasserstein(cfg).run(mu, nu, rec -> {
      t.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%.3f%n", rec.iteration() - 1,
          rec.metric("t_a"), rec.metric("t_b"), rec.metric("t_server"), rec.metric("upper"), rec.metric("estimate"),
          (int) rec.metric("support"), rec.elapsedSeconds()));
      System.out.printf(Locale.ROOT, "# round %d U %.12f min U %.12f support %d %.1f s%n", rec.iteration() - 1,
          rec.metric("upper"), rec.metric("estimate"), (int) rec.metric("support"), rec.elapsedSeconds());
    });
    Files.writeString(dir.resolve("t.csv"), t);
    System.out.printf(Locale.ROOT, "## export %s n=%d m=%d d=%d seed=%d rounds=%d exact=%.12f estimate=%.12f%n", dir, n,
        m, d, seed, r.rounds(), exact, r.estimate());
  }

  /** One point (column) per line, coordinates comma-separated with all 17 significant digits. */
  private static void writePoints(Path file, DenseMatrix points) throws IOException {
    int d = points.rows();
    double[] v = points.values();
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < points.cols(); j++) {
      for (int c = 0; c < d; c++) {
        if (c > 0) {
          sb.append(',');
        }
        sb.append(String.format(Locale.ROOT, "%.17g", v[j * d + c]));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb);
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  private static DenseMatrix fashionClass(float[][] images, int[] labels, int label) {
    int count = 0;
    for (int l : labels) {
      count += l == label ? 1 : 0;
    }
    int d = images[0].length;
    double[] v = new double[count * d];
    int j = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        for (int c = 0; c < d; c++) {
          v[j * d + c] = images[i][c];
        }
        j++;
      }
    }
    return DenseMatrix.wrap(d, count, v);
  }

  private static float[][] images(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt();
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      byte[] buf = new byte[rows * cols];
      float[][] out = new float[n][rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        for (int k = 0; k < buf.length; k++) {
          out[i][k] = (buf[k] & 0xff) / 255f;
        }
      }
      return out;
    }
  }

  private static int[] labels(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      in.readInt();
      int n = in.readInt();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
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
