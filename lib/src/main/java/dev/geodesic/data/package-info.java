/**
 * Data sets as blocks: seeded synthetic generators and the IDX (MNIST / Fashion-MNIST) reader.
 *
 * <p>Every source produces a {@link dev.geodesic.data.LabeledBlock}: a {@code d × n} feature
 * matrix ("samples are columns") and optional labels. Generators implement
 * {@link dev.geodesic.data.DataGenerator}: the rows of partition {@code p} are drawn from the one
 * stream {@code SeedSequence.stream(purpose, p)}, so a Spark job can generate each partition on
 * the executor that owns it and get the same rows as a single-machine run with the same seed and
 * the same partition sizes. The hot loops fill {@code double[]} blocks; nothing here imports Spark.
 */
package dev.geodesic.data;
