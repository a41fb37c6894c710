package dev.geodesic.jobs.data;

import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DataFrames;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.InputSpec;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.linalg.DenseMatrix;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code import}: IDX image/label files, or any input the {@link DatasetReader} reads (validated on
 * the way in), written as {@code data.parquet} in the input schema.
 *
 * @param source what to read
 * @param clientFromLabel set {@code client = class-<label>} on every row
 * @param binarizeAt when not null, replace the label by 1 where label ≥ binarizeAt, else 0 (after the client is set)
 * @param partitions output partitions (0: the input's; IDX: one per ~1000 records up to the default parallelism)
 */
public record ImportJob(Source source, boolean clientFromLabel, int partitions, Double binarizeAt) {
  /** What {@code import} reads. */
  public sealed interface Source permits Tabular, Idx {}

  /** An input in one of the {@link DatasetReader}'s formats. */
  public record Tabular(InputSpec spec) implements Source {}

  /**
   * IDX files (plain or gzip).
   *
   * @param limit read only the first {@code limit} records (0: all)
   */
  public record Idx(Path images, Path labels, int limit, IdxReader.PixelScale scale) implements Source {}

  public void run(JobRun run) throws IOException {
    ValidatedInput in;
    String method;
    if (source instanceof Idx idx) {
      method = "idx";
      in = readIdx(run, idx);
    } else {
      InputSpec spec = ((Tabular) source).spec();
      in = new DatasetReader(run.spark()).read(spec);
      method = spec.format().toString();
    }
    Dataset<Row> data = in.data();
    if (!(source instanceof Idx) && partitions > 0) {
      data = data.repartition(partitions);
    }
    run.solveStarted();
    if (clientFromLabel) {
      if (!Arrays.asList(data.columns()).contains(DatasetReader.LABEL)) {
        throw new InvalidInputException("--client-from-label: the input has no label column");
      }
      data = data.drop(DatasetReader.CLIENT).withColumn(DatasetReader.CLIENT,
          functions.concat(functions.lit("class-"), data.col(DatasetReader.LABEL).cast("int").cast("string")));
    }
    if (binarizeAt != null) {
      if (!Arrays.asList(data.columns()).contains(DatasetReader.LABEL)) {
        throw new InvalidInputException("--binarize-label: the input has no label column");
      }
      data = data.withColumn(DatasetReader.LABEL, functions.when(data.col(DatasetReader.LABEL).geq(binarizeAt), 1.0)
          .otherwise(0.0));
    }
    Dataset<Row> out = data;
    SparkJobs.described(run.spark().sparkContext(), "import: write data.parquet",
        () -> out.write().parquet(run.output().path("data.parquet")));
    // The rows were validated on the way in (IDX bytes are finite by construction); describe the
    // written data without reading it back.
    ValidatedInput written = new ValidatedInput(in.name(), data, in.dimension(), in.rows());
    run.solveFinished();
    run.summary().put("method", method).put("status", "completed")
        .put("rows", written.rows()).put("dimension", written.dimension())
        .put("has_label", written.hasLabel());
    if (written.hasClient()) {
      run.summary().put("clients", BlockLayout.clients(written));
    }
  }

  private ValidatedInput readIdx(JobRun run, Idx idx) throws IOException {
    LabeledBlock block;
    try {
      block = IdxReader.read(idx.images(), idx.labels(), idx.limit() == 0 ? Integer.MAX_VALUE : idx.limit(), idx.scale());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    int n = block.size();
    int d = block.dimension();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    int parts = partitions > 0 ? partitions : Math.max(1, Math.min(jsc.defaultParallelism(), (n + 999) / 1000));
    List<Chunk> chunks = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      chunks.add(new Chunk(block.features().columns(from, to), Arrays.copyOfRange(block.labels(), from, to)));
    }
    JavaRDD<Row> rows = jsc.parallelize(chunks, parts).flatMap(c -> DataFrames.rows(c.features(), c.labels(), null).iterator());
    run.log().printf(Locale.ROOT, "geodesic import: %d images of %d pixels from %s%n", n, d, idx.images());
    return new ValidatedInput(idx.images().toString(), run.spark().createDataFrame(rows, DataFrames.inputSchema(true, false)), d, n);
  }

  /** A slice of the IDX records shipped to one task. */
  record Chunk(DenseMatrix features, double[] labels) implements Serializable {}
}
