package dev.geodesic.bench;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.finitesum.FiniteSumOptions;
import dev.geodesic.finitesum.FiniteSumProblem;
import dev.geodesic.finitesum.FiniteSumResult;
import dev.geodesic.finitesum.RowSampling;
import dev.geodesic.finitesum.FiniteSumStopping;
import dev.geodesic.finitesum.data.DenseFeatureBlock;
import dev.geodesic.finitesum.distributed.DistributedSvrg;
import dev.geodesic.finitesum.distributed.InMemoryShards;
import dev.geodesic.finitesum.distributed.LocalSolver;
import dev.geodesic.finitesum.loss.BinaryLogisticLoss;
import dev.geodesic.finitesum.prox.L2Penalty;
import dev.geodesic.linalg.Blas;
import dev.geodesic.progress.IterationRecord;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The distributed rounds of {@link DistributedSvrg} without Spark: Fashion-MNIST (pixels/255, label ≥ 5,
 * L2 logistic with intercept, λ₂ = 1e-4, f* = 0.18789089555) cut into P equal consecutive shards held in
 * this process, so the figures are the method's (data passes and rounds to the target gap), free of
 * Spark's overhead. CPU seconds are the whole process's (the shards run one after the other here).
 *
 * <p>Usage: {@code FiniteSumRoundsBench <fashion-mnist dir> [target] [shards, e.g. 1,2,4]
 * [local solvers, e.g. svrg,saga] [inner passes, e.g. 1,2] [max epochs] [step scales: multiples of
 * the default step of the sampling, 1/(3(L + λ₂)), e.g. 1,3,5] [relaxations γ, e.g. 1,1.8] [row samplings,
 * e.g. uniform,smoothness]}. Each line: shards, solver, inner passes, step scale, γ, sampling, rounds, data
 * passes, CPU seconds, final gap, stop reason, step.
 */
public final class FiniteSumRoundsBench {
  private static final double FSTAR = 0.18789089555;

  private FiniteSumRoundsBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    double target = args.length > 1 ? Double.parseDouble(args[1]) : 1e-6;
    String[] shardCounts = (args.length > 2 ? args[2] : "1,2,4").split(",");
    String[] locals = (args.length > 3 ? args[3] : "svrg,saga").split(",");
    String[] inners = (args.length > 4 ? args[4] : "1").split(",");
    double maxEpochs = args.length > 5 ? Double.parseDouble(args[5]) : 400;
    String[] stepScales = (args.length > 6 ? args[6] : "1").split(",");
    String[] relaxations = (args.length > 7 ? args[7] : "1").split(",");
    String[] samplings = (args.length > 8 ? args[8] : "uniform,smoothness").split(",");
    LabeledBlock data = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), Integer.MAX_VALUE, IdxReader.PixelScale.UNIT_INTERVAL);
    double[] y = data.labels().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] >= 5 ? 1 : 0;
    }
    FiniteSumProblem p = FiniteSumProblem.of(new DenseFeatureBlock(data.features()), y, new BinaryLogisticLoss(),
        new L2Penalty(1e-4), true);
    System.out.println("# in-memory shards, blas=" + Blas.get().implementationName() + " n=" + p.rows()
        + " target=" + target + " fstar=" + FSTAR);
    System.out.println("# shards local inner scale relaxation sampling rounds epochs cpu_seconds gap stop step");
    for (String sc : shardCounts) {
      int shards = Integer.parseInt(sc);
      int[] sizes = new int[shards];
      for (int s = 0; s < shards; s++) {
        sizes[s] = (int) ((long) p.rows() * (s + 1) / shards - (long) p.rows() * s / shards);
      }
      InMemoryShards parts = InMemoryShards.split(p, sizes);
      for (String local : locals) {
        for (String inner : inners) {
         for (String sc2 : stepScales) {
          for (String rel : relaxations) {
          for (String sa : samplings) {
          RowSampling sampling = RowSampling.fromLabel(sa);
          double step = Double.parseDouble(sc2) * DistributedSvrg.defaultStep(parts, p.shape(),
              LocalSolver.fromLabel(local), sampling);
          FiniteSumOptions opt = FiniteSumOptions.defaults().withFstar(FSTAR).withInnerPasses(Double.parseDouble(inner))
              .withStep(step);
          DistributedSvrg m = new DistributedSvrg(parts, p.shape(), opt, LocalSolver.fromLabel(local),
              sampling).withRelaxation(Double.parseDouble(rel));
          StringBuilder curve = new StringBuilder();
          double cpu0 = FiniteSumBench.processCpuSeconds();
          FiniteSumResult r = m.solve(new FiniteSumStopping(target, 0, maxEpochs),
              rec -> curve.append(String.format(Locale.ROOT, " %.0f:%.1e", rec.metric("epochs"), rec.metric("gap"))));
          double cpu = FiniteSumBench.processCpuSeconds() - cpu0;
          IterationRecord last = r.outcome().last().orElseThrow();
          System.out.printf(Locale.ROOT, "%d %s %s x%s r%s %s %d %.1f %.2f %.3e %s %.4g%n", shards, local, inner, sc2, rel, sa,
              r.outcome().iterations(), r.epochs(), cpu, last.metric("gap"), r.stopReason().label(), r.step());
          System.out.println("#   epochs:gap" + curve);
          }
          }
         }
        }
      }
    }
  }
}
