package dev.geodesic.data;

import dev.geodesic.random.SeedSequence;

/** Argument checks shared by the {@link DataGenerator} implementations. */
final class PartitionArguments {
  private PartitionArguments() {}

  /** Validates the arguments every {@code generate(seeds, partition, rows)} takes. */
  static void check(SeedSequence seeds, int partition, int rows, int dimension) {
    if (seeds == null) {
      throw new IllegalArgumentException("seeds must not be null");
    }
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    if ((long) rows * dimension > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(rows + " rows of dimension " + dimension
          + " do not fit one block; use more partitions");
    }
  }
}
