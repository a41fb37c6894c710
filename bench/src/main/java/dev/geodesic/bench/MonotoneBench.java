package dev.geodesic.bench;

import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.linalg.Blas;
import dev.geodesic.monotone.AnchoredExtragradient;
import dev.geodesic.monotone.Extragradient;
import dev.geodesic.monotone.Halpern;
import dev.geodesic.monotone.InexactVrHalpern;
import dev.geodesic.monotone.MatrixGame;
import dev.geodesic.monotone.MonotoneInclusion;
import dev.geodesic.monotone.MonotoneMethod;
import dev.geodesic.monotone.MonotoneResult;
import dev.geodesic.monotone.PolicemanBurglar;
import dev.geodesic.monotone.VrExtragradient;
import dev.geodesic.monotone.VrHalpern;
import dev.geodesic.progress.IterationRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Policeman and burglar, n = 500, θ = 0.8, the reference weights: epochs (component evaluations / n)
 * until the last iterate's residual first reaches 0.05 / 0.02 / 0.01 / 0.005 within 5000 epochs, for
 * every method with the reference code's parameters (spec §2), beside the public code's figures.
 * The residual is monitored once an iteration (EG, EAG, Halpern: every 2 or 1 epochs; the stochastic
 * methods: once a round of about one epoch; Algorithm 2: after every outer step).
 *
 * {@code inexact-schedule} is Algorithm 2 with the public code's fixed inner schedule ⌊0.05·n·ln(k+2)⌋
 * instead of the computable test (run to twice the budget), printed twice: every evaluation counted, and
 * counted as the public code counts (without the full evaluation Φ(u_k) that starts each inner solve).
 *
 * <p>Usage: {@code MonotoneBench weights.csv [maxEpochs] [seeds] [σ,σ,...]} (σ: the inexact method's inner
 * accuracy, default 1000) [methods,...] (only those, e.g. {@code inexact-schedule}).
 */
public final class MonotoneBench {
  private static final double[] TARGETS = {0.05, 0.02, 0.01, 0.005};
  private static final Map<String, String> REFERENCE = new LinkedHashMap<>();

  static {
    REFERENCE.put("eg", "471 / 1083 / >5000 / >5000");
    REFERENCE.put("eag", "937 / 2159 / >5000 / >5000");
    REFERENCE.put("vr-halpern", "164 / 366 / 2155 / 4355");
    REFERENCE.put("vr-eg", "106 / 240 / 1456 / 2918");
    REFERENCE.put("vr-halpern-inexact", "100 / 260 / 1975 / 4314");
    REFERENCE.put("halpern", "(not in the reference)");
  }

  private MonotoneBench() {}

  public static void main(String[] args) throws IOException {
    Path weights = Path.of(args.length > 0 ? args[0] : "../shared/data/policeman-burglar-w500.csv");
    double maxEpochs = args.length > 1 ? Double.parseDouble(args[1]) : 5000;
    int seedCount = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    double[] accuracies = java.util.Arrays.stream((args.length > 3 ? args[3] : "1000").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    java.util.Set<String> only = args.length > 4 ? java.util.Set.of(args[4].split(",")) : null;
    MatrixGame game = PolicemanBurglar.game(PolicemanBurglar.readWeights(weights), PolicemanBurglar.THETA);
    MonotoneInclusion problem = game.inclusion();
    double[] start = game.uniformStart();
    System.out.println("# cpu=" + cpuModel() + " blas=" + Blas.get().implementationName()
        + " java=" + System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "# n=%d ||A||_2=%.4f ||A||_F=%.4f max_epochs=%.0f inexact accuracy sigma=%s%n",
        game.components(), game.spectralNorm(), game.frobeniusNorm(), maxEpochs, java.util.Arrays.toString(accuracies));
    System.out.println("# method seed epochs_to_0.05 / 0.02 / 0.01 / 0.005 | reference (public code) | final_residual epochs seconds");
    for (long seed = 1; seed <= seedCount; seed++) {
      long s = seed;
      Map<String, Supplier<MonotoneMethod<?>>> methods = new LinkedHashMap<>();
      methods.put("eg", () -> new Extragradient(problem, start, Extragradient.Config.reference(game)));
      methods.put("eag", () -> new AnchoredExtragradient(problem, start, AnchoredExtragradient.Config.reference(game)));
      methods.put("halpern", () -> new Halpern(problem, start, new Halpern.Config(5 / game.spectralNorm())));
      methods.put("vr-halpern", () -> new VrHalpern(problem, start, VrHalpern.Config.reference(game, s)));
      methods.put("vr-eg", () -> new VrExtragradient(problem, start, VrExtragradient.Config.reference(game, s)));
      for (double accuracy : accuracies) {
        methods.put("vr-halpern-inexact" + (accuracies.length > 1 ? "@" + accuracy : ""), () -> new InexactVrHalpern(
            problem, start, InexactVrHalpern.Config.reference(game, accuracy, s)));
      }
      // the public code's fixed inner schedule ⌊0.05·n·ln(k+2)⌋, every evaluation counted, then counted as it does
      methods.put("inexact-schedule", () -> new InexactVrHalpern(problem, start,
          InexactVrHalpern.Config.reference(game, 1, s).withSchedule(0.05)));
      for (Map.Entry<String, Supplier<MonotoneMethod<?>>> e : methods.entrySet()) {
        if ((seed > 1 && !e.getKey().startsWith("vr")) || (only != null && !only.contains(e.getKey()))) {
          continue;
        }
        long t0 = System.nanoTime();
        MonotoneResult r = e.getValue().get().solve(StoppingRule.converged(MonotoneMethod.RESIDUAL, TARGETS[3])
            .or(StoppingRule.maxDataPasses(e.getKey().equals("inexact-schedule") ? 2 * maxEpochs : maxEpochs)));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String reference = REFERENCE.getOrDefault(e.getKey().replaceAll("@.*", ""), REFERENCE.get("vr-halpern-inexact"));
        System.out.printf(Locale.ROOT, "%-19s %d %s | %s | %.3e %.0f %.1f%n", e.getKey(), seed,
            firstReached(r.outcome().trace().records(), maxEpochs, false), reference, r.residual(), r.epochs(), seconds);
        if (e.getKey().equals("inexact-schedule")) {
          System.out.printf(Locale.ROOT, "%-19s %d %s | %s | (the solve-start evaluations Φ(u_k) not counted)%n",
              "  as public counts", seed, firstReached(r.outcome().trace().records(), maxEpochs, true), reference);
        }
      }
    }
  }

  private static String firstReached(List<IterationRecord> trace, double maxEpochs, boolean withoutStarts) {
    StringBuilder out = new StringBuilder();
    for (double target : TARGETS) {
      String hit = ">" + (long) maxEpochs;
      for (IterationRecord rec : trace) {
        double epochs = rec.metric(MonotoneMethod.EPOCHS) - (withoutStarts ? rec.metric("start_epochs") : 0);
        if (rec.metric(MonotoneMethod.RESIDUAL) <= target) {
          hit = String.valueOf(Math.round(epochs));
          break;
        }
      }
      out.append(out.length() == 0 ? "" : " / ").append(hit);
    }
    return out.toString();
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
