package dev.geodesic.data;

import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A seeded synthetic data set, generated one partition at a time.
 *
 * <p><b>Reproducibility.</b> The rows of partition {@code p} are a function of (the generator's
 * parameters, {@code seeds.seed()}, {@code p}, {@code rows}) only: they are drawn in order from
 * the one stream {@code seeds.stream(purpose, p)}, and row j of a partition of {@code rows} rows is
 * row j of any longer partition p with the same seed (a prefix property). So the same seed and
 * the same partition sizes give the same rows bit for bit, on any executor, in any order, alone or
 * together; changing the partition sizes changes the data. The transforms are plain Java loops with
 * a fixed summation order (no BLAS), the normal draws use {@code StrictMath} (fdlibm: the same bits
 * on every platform, unlike {@code Math.log}'s intrinsics), the true weights of the regression
 * generators are such draws, and the factors computed at construction — the Cholesky factor or
 * square root of a non-diagonal covariance, the orthogonal basis of {@link PcaDataGenerator} — go
 * through {@link dev.geodesic.linalg.Lapack#reproducible()}, never the native BLAS. So the bits depend on
 * nothing but the parameters and the seed: not on the BLAS backend, the CPU, the JVM or where the
 * arrays happen to sit in memory.
 *
 * <p>Implementations are immutable and {@link Serializable} (they hold only arrays), so a Spark
 * job builds one on the driver and ships it to the executors.
 */
public interface DataGenerator extends Serializable {

  /** Dimension d of the generated points. */
  int dimension();

  /** The {@code rows} points of partition {@code partition} (≥ 0) as a {@code d × rows} block. */
  LabeledBlock generate(SeedSequence seeds, int partition, int rows);

  /**
   * Partitions {@code 0..k-1} of the given sizes, generated one after another and concatenated:
   * the single-machine equivalent of a Spark job generating partition p with
   * {@code partitionSizes[p]} rows.
   */
  default LabeledBlock generate(SeedSequence seeds, int[] partitionSizes) {
    if (partitionSizes.length == 0) {
      throw new IllegalArgumentException("no partitions");
    }
    List<LabeledBlock> parts = new ArrayList<>(partitionSizes.length);
    for (int p = 0; p < partitionSizes.length; p++) {
      parts.add(generate(seeds, p, partitionSizes[p]));
    }
    return LabeledBlock.concat(parts);
  }

  /**
   * Splits {@code rows} into {@code partitions} sizes differing by at most one, the larger first
   * (the split the {@code generate} command uses for {@code --partitions}).
   */
  static int[] evenPartitionSizes(long rows, int partitions) {
    if (rows < 0 || partitions <= 0) {
      throw new IllegalArgumentException("cannot split " + rows + " rows into " + partitions + " partitions");
    }
    long base = rows / partitions;
    long extra = rows % partitions;
    if (base + (extra > 0 ? 1 : 0) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(rows + " rows in " + partitions + " partitions exceed "
          + Integer.MAX_VALUE + " rows per partition");
    }
    int[] sizes = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      sizes[p] = (int) (base + (p < extra ? 1 : 0));
    }
    return sizes;
  }
}
