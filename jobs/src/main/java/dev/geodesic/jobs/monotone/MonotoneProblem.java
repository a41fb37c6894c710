package dev.geodesic.jobs.monotone;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DataBlock;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.monotone.BlockedOperator;
import dev.geodesic.monotone.ComponentBlock;
import dev.geodesic.monotone.DroLogisticBlock;
import dev.geodesic.monotone.DroLogisticRegression;
import dev.geodesic.monotone.IdentityResolvent;
import dev.geodesic.monotone.MonotoneInclusion;
import dev.geodesic.monotone.ProductResolvent;
import dev.geodesic.monotone.RegularizedBilinear;
import dev.geodesic.monotone.SimplexProjection;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A problem of the {@code monotone} command laid out on Spark: the partitioned operator, G's resolvent,
 * the start, and what the summary needs (the game's shape, the DRO problem's dimension, the bilinear
 * problem's closed-form saddle point).
 *
 * @param kind matrix-game, policeman-burglar, bilinear or dro-logistic
 * @param inclusion F (a {@link SparkFiniteSumOperator}) and G
 * @param start u₀
 * @param m rows of A (games), B (bilinear) or the sample count (dro-logistic)
 * @param n columns of A / B, or the feature dimension d (dro-logistic)
 * @param gameNorms the payoff's norms (games), else null
 * @param saddle the closed-form solution (bilinear), else null
 */
record MonotoneProblem(String kind, MonotoneInclusion inclusion, double[] start, int m, int n,
    GameBlocks.Norms gameNorms, double[] saddle) {
  boolean isGame() {
    return gameNorms != null;
  }

  SparkFiniteSumOperator operator() {
    return (SparkFiniteSumOperator) inclusion.operator();
  }

  /** The same problem whose operator fetches at most {@code bytes} of drawn components per Spark job. */
  MonotoneProblem withFetchBytes(long bytes) {
    return new MonotoneProblem(kind, new MonotoneInclusion(operator().withFetchBytes(bytes), inclusion.resolvent()),
        start, m, n, gameNorms, saddle);
  }

  static MonotoneProblem game(String kind, JavaRDD<ComponentBlock> blocks, int m, int n) {
    GameBlocks.Norms norms = GameBlocks.norms(blocks, m, n);
    SparkFiniteSumOperator op = new SparkFiniteSumOperator(blocks, n + m, Math.max(m, n), norms.spectral(),
        norms.meanSquare(), Double.NaN, m + n, 0);
    double[] u = new double[n + m];
    java.util.Arrays.fill(u, 0, n, 1.0 / n);
    java.util.Arrays.fill(u, n, n + m, 1.0 / m);
    return new MonotoneProblem(kind, new MonotoneInclusion(op,
        ProductResolvent.of(SimplexProjection.probability(n), SimplexProjection.probability(m))), u, m, n, norms, null);
  }

  static MonotoneProblem policemanBurglar(JavaSparkContext sc, double[] w, double theta, int parts) {
    return game("policeman-burglar", GameBlocks.policemanBurglar(sc, w, theta, parts), w.length, w.length);
  }

  /** Row i of the input is row i of A (the maximizer's strategy i); the input is read in its own order. */
  static MonotoneProblem matrixGame(ValidatedInput input, int parts) {
    if (input.rows() > Integer.MAX_VALUE || input.rows() < 1) {
      throw new InvalidInputException("--input " + input.name() + ": a matrix game needs 1 to 2^31-1 rows");
    }
    JavaRDD<DataBlock> rows = BlockLayout.byPartition(input, 0);
    long[] offsets = offsets(rows);
    int m = (int) input.rows();
    int n = input.dimension();
    JavaRDD<ComponentBlock> blocks = GameBlocks.fromRows(rows, offsets, m, n, parts);
    rows.unpersist();
    return game("matrix-game", blocks, m, n);
  }

  /** B (size × size) standard normal, a and b N(1, 1), μ = ν = 1, from the seed: the saddle point is known. */
  static MonotoneProblem bilinear(JavaSparkContext sc, int size, long seed, int parts) {
    RegularizedBilinear p = RegularizedBilinear.random(size, size, 1.0, 1.0, 1.0, SeedSequence.of(seed));
    int[] bounds = BlockedOperator.evenBounds(p.components(), parts);
    List<ComponentBlock> list = new ArrayList<>();
    for (int q = 0; q < parts; q++) {
      list.add(p.block(bounds[q], bounds[q + 1]));
    }
    JavaRDD<ComponentBlock> blocks = GameBlocks.persist(sc.parallelize(list, parts), "bilinear: distribute the blocks");
    SparkFiniteSumOperator op = new SparkFiniteSumOperator(blocks, p.dimension(), p.components(), p.lipschitz(),
        p.meanSquareLipschitz(), p.cocoercivity(), 2 * size, 0);
    return new MonotoneProblem("bilinear", new MonotoneInclusion(op, new IdentityResolvent(p.dimension())),
        new double[p.dimension()], size, size, null, p.saddlePoint());
  }

  /** Each partition's rows become one block; rows are numbered in partition order. */
  static MonotoneProblem droLogistic(ValidatedInput input, double lambda, double rho, int parts) {
    if (!input.hasLabel()) {
      throw new InvalidInputException("--input " + input.name() + ": dro-logistic needs a label column (0 or 1)");
    }
    JavaRDD<DataBlock> rows = BlockLayout.byPartition(input, parts);
    long[] offsets = offsets(rows);
    int total = (int) input.rows();
    int d = input.dimension();
    JavaRDD<ComponentBlock> blocks = GameBlocks.persist(rows.map(b -> {
      for (double y : b.labels()) {
        if (y != 0 && y != 1) {
          throw new InvalidInputException("--input: dro-logistic labels must be 0 or 1, got " + y);
        }
      }
      int from = (int) offsets[b.partition()];
      return (ComponentBlock) new DroLogisticBlock(from, from + b.rows(), total, d, lambda, b.features().values(), b.labels());
    }), "dro-logistic: lay out the rows as blocks");
    rows.unpersist();
    double maxRow = blocks.map(b -> ((DroLogisticBlock) b).maxRowNormSquared()).reduce(Math::max);
    double frob2 = blocks.map(b -> ((DroLogisticBlock) b).frobeniusSquared()).reduce(Double::sum);
    SparkFiniteSumOperator op = new SparkFiniteSumOperator(blocks, d + 1 + total, total,
        DroLogisticRegression.lipschitz(lambda, maxRow, frob2), DroLogisticRegression.meanSquareLipschitz(total, lambda, maxRow),
        Double.NaN, d + 1, 0);
    double[] u = new double[d + 1 + total];
    java.util.Arrays.fill(u, d + 1, u.length, 1.0 / total);
    return new MonotoneProblem("dro-logistic", new MonotoneInclusion(op, DroLogisticRegression.resolvent(d, total, rho)),
        u, total, d, null, null);
  }

  /** The first global row index of each partition's block (one job counting rows per partition). */
  private static long[] offsets(JavaRDD<DataBlock> rows) {
    List<int[]> counts = rows.map(b -> new int[] {b.partition(), b.rows()}).collect();
    long[] offsets = new long[rows.getNumPartitions() + 1];
    for (int[] c : counts) {
      offsets[c[0] + 1] = c[1];
    }
    for (int p = 1; p < offsets.length; p++) {
      offsets[p] += offsets[p - 1];
    }
    return offsets;
  }
}
