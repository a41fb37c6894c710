package dev.geodesic.bench;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.finitesum.FiniteSumMethod;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.FiniteSumResult;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.LooplessSvrgSolver;
import dev.geodesic.finitesum.SagaSolver;
import dev.geodesic.finitesum.SvrgSolver;
import dev.geodesic.finitesum.data.CsrFeatureBlock;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.data.FeatureBlock;
import dev.geodesic.finitesum.data.Layout;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.random.SeedSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Single-machine finite-sum solvers on Fashion-MNIST (spec §1): train set, pixels/255, label ≥ 5 → 1,
 * L2 logistic regression with intercept, λ₂ = 1e-4, f* = 0.18789089555. For SAGA, SVRG and loopless
 * SVRG: epochs and seconds to gap 1e-6 (seconds of the solve, after loading; the end-of-epoch
 * monitoring pass included), then the layout table: SAGA seconds per epoch on dense and CSR blocks of
 * the same synthetic rows across densities (the basis of {@link Layout#DENSE_ABOVE_DENSITY}).
 *
 * <p>Usage: {@code FiniteSumBench <fashion-mnist dir | -> [targetGap] [methods, e.g. saga,svrg,lsvrg] [--no-layout]}.
 */
public final class FiniteSumBench {
  private static final double FSTAR = 0.18789089555;

  private FiniteSumBench() {}

  public static void main(String[] args) throws IOException {
    String dir = args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
    double target = args.length > 1 ? Double.parseDouble(args[1]) : 1e-6;
    java.util.List<String> methods = java.util.List.of((args.length > 2 ? args[2] : "saga,svrg,lsvrg").split(","));
    boolean layout = !java.util.Arrays.asList(args).contains("--no-layout");
    System.out.println("# cpu=" + cpuModel() + " cores=" + Runtime.getRuntime().availableProcessors()
        + " blas=" + Blas.get().implementationName() + " java=" + System.getProperty("java.version"));
    if (!dir.equals("-") && Files.isDirectory(Path.of(dir))) {
      fashionMnist(Path.of(dir), target, methods);
    } else {
      System.out.println("# no Fashion-MNIST at " + dir + ": skipped");
    }
    if (layout) {
      layoutTable();
    }
  }

  static void fashionMnist(Path dir, double target, java.util.List<String> methods) throws IOException {
    LabeledBlock data = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), Integer.MAX_VALUE, IdxReader.PixelScale.UNIT_INTERVAL);
    double[] y = data.labels().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] >= 5 ? 1 : 0;
    }
    DenseFeatureBlock block = new DenseFeatureBlock(data.features());
    CsrFeatureBlock nonzeros = CsrFeatureBlock.fromDense(data.features());
    System.out.printf(Locale.ROOT, "# fashion-mnist n=%d d=%d nonzero density=%.3f recommended=%s l2=1e-4 intercept fstar=%.11f%n",
        block.rows(), block.dimension(), nonzeros.density(),
        Layout.recommended(nonzeros.nonZeros(), block.rows(), block.dimension()).label(), FSTAR);
    FiniteSumProblem p = FiniteSumProblem.of(block, y, new BinaryLogisticLoss(), new L2Penalty(1e-4), true);
    System.out.println("# method epochs seconds cpu_seconds gap stop step   (cpu: the JVM's process CPU time,"
        + " JIT and GC included; on a loaded machine it is the fairer figure)");
    for (String m : methods) {
      switch (m) {
        case "saga" -> run(m, p, SagaSolver::new, target);
        case "svrg" -> run(m, p, SvrgSolver::new, target);
        case "lsvrg" -> run(m, p, LooplessSvrgSolver::new, target);
        default -> throw new IllegalArgumentException("unknown method " + m);
      }
    }
  }

  static void run(String name, FiniteSumProblem p, BiFunction<FiniteSumProblem, FiniteSumOptions,
      FiniteSumMethod<?>> make, double target) {
    FiniteSumOptions opt = FiniteSumOptions.defaults().withFstar(FSTAR);
    FiniteSumMethod<?> m = make.apply(p, opt);
    StringBuilder curve = new StringBuilder();
    double cpu0 = processCpuSeconds();
    FiniteSumResult r = m.solve(new FiniteSumStopping(target, 0, 300), rec -> curve.append(String.format(Locale.ROOT,
        " %.1f:%.2e@%.2fs", rec.metric("epochs"), rec.metric("gap"), rec.elapsedSeconds())));
    double cpu = processCpuSeconds() - cpu0;
    IterationRecord last = r.outcome().last().orElseThrow();
    System.out.printf(Locale.ROOT, "%s %.1f %.2f %.2f %.3e %s %.4g%n", name, r.epochs(), last.elapsedSeconds(), cpu,
        last.metric("gap"), r.stopReason().label(), r.step());
    System.out.println("#   " + name + " epochs:gap@seconds" + curve);
  }

  /** SAGA seconds per epoch, dense vs CSR, on n × d Gaussian rows of each density. */
  static void layoutTable() {
    int n = 20000;
    int d = 500;
    System.out.println("# layout: SAGA seconds per epoch, n=" + n + " d=" + d + ", L2 logistic, intercept");
    System.out.println("# density dense_s sparse_s faster");
    for (double density : new double[] {0.01, 0.05, 0.1, 0.2, 0.3, 0.5}) {
      SplittableRandom r = SeedSequence.of(7).stream("layout", (long) (density * 1000));
      double[] v = new double[n * d];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < d; j++) {
          if (r.nextDouble() < density) {
            v[i * d + j] = SeedSequence.nextGaussian(r);
            z += v[i * d + j] * ((j % 7) - 3) * 0.1;
          }
        }
        y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      }
      DenseMatrix a = DenseMatrix.wrap(d, n, v);
      double dense = perEpoch(new DenseFeatureBlock(a), y);
      double sparse = perEpoch(CsrFeatureBlock.fromDense(a), y);
      System.out.printf(Locale.ROOT, "%.2f %.4f %.4f %s%n", density, dense, sparse, dense <= sparse ? "dense" : "sparse");
    }
  }

  static double perEpoch(FeatureBlock block, double[] y) {
    FiniteSumProblem p = FiniteSumProblem.of(block, y, new BinaryLogisticLoss(), new L2Penalty(1e-4), true)
        .withCenter(null);
    new SagaSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(2)); // JIT warm-up
    FiniteSumResult r = new SagaSolver(p, FiniteSumOptions.defaults()).solve(FiniteSumStopping.epochs(5));
    // the monitoring pass is in the time; subtract nothing: both layouts pay it
    return r.outcome().elapsedSeconds() / r.epochs();
  }

  static double processCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() * 1e-9 : Double.NaN;
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
