package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.data.IdxReader;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DataFrames;
import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.linalg.DenseMatrix;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code import}: Fashion-MNIST/MNIST IDX files, CSV or LIBSVM (or Parquet in another layout) into
 * {@code --output/data.parquet} in the input schema, validated on the way in.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Convert IDX (Fashion-MNIST), CSV, LIBSVM or Parquet input into --output/data.parquet",
        "in the documented input schema (features, label, client).",
        "IDX: --format idx --input IMAGES-FILE --input LABELS-FILE (plain or .gz), or --input DIR holding",
        "the Debian dataset-fashion-mnist files with --split train|t10k."})
public final class ImportCommand extends JobCommand {
  static final String DEFAULT_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

  @Mixin
  InputOptions input;

  @Option(names = "--split", defaultValue = "train", paramLabel = "SPLIT",
      description = "IDX directory input: train or t10k. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "IDX: read only the first N records (0: all).")
  int limit;

  @Option(names = "--scale", defaultValue = "raw", paramLabel = "SCALE",
      description = "IDX pixel values: raw (0..255) or unit (0..1). Default: ${DEFAULT-VALUE}.")
  String scale;

  @Option(names = "--client-from-label", description = "Set client = class-<label> on every row (e.g. one client per class).")
  boolean clientFromLabel;

  private Path idxImages;
  private Path idxLabels;

  @Override
  protected void validateOptions() {
    List<String> inputs = input.paths();
    if (inputs.isEmpty()) {
      throw new InvalidInputException("--input is required");
    }
    OptionChecks.atLeast("--limit", limit, 0);
    if (!input.isIdx()) {
      input.validate(1, 1);
      return;
    }
    if (!scale.equalsIgnoreCase("raw") && !scale.equalsIgnoreCase("unit")) {
      throw new InvalidInputException("--scale must be raw or unit, not '" + scale + "'");
    }
    if (inputs.size() == 1 && Files.isDirectory(Paths.get(inputs.get(0)))) {
      if (!split.equals("train") && !split.equals("t10k")) {
        throw new InvalidInputException("--split must be train or t10k, not '" + split + "'");
      }
      Path dir = Paths.get(inputs.get(0));
      idxImages = firstExisting(dir, split + "-images-idx3-ubyte");
      idxLabels = firstExisting(dir, split + "-labels-idx1-ubyte");
    } else if (inputs.size() == 2) {
      idxImages = Paths.get(inputs.get(0));
      idxLabels = Paths.get(inputs.get(1));
      for (Path p : List.of(idxImages, idxLabels)) {
        if (!Files.isRegularFile(p)) {
          throw new InvalidInputException("input '" + p + "' does not exist");
        }
      }
    } else {
      throw new InvalidInputException("--format idx takes --input IMAGES --input LABELS, or one directory");
    }
  }

  private static Path firstExisting(Path dir, String stem) {
    for (String suffix : new String[] {".gz", ""}) {
      Path p = dir.resolve(stem + suffix);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new InvalidInputException("input '" + dir + "' has no " + stem + "[.gz]");
  }

  @Override
  protected void run(JobRun run) throws IOException {
    ValidatedInput in;
    String method;
    if (idxImages != null) {
      method = "idx";
      in = readIdx(run);
    } else {
      in = new DatasetReader(run.spark()).read(input.spec(0));
      method = input.format().toString();
    }
    Dataset<Row> data = in.data();
    if (idxImages == null && partitions > 0) {
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
    run.spark().sparkContext().setJobDescription("import: write data.parquet");
    data.write().parquet(run.output().path("data.parquet"));
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

  private ValidatedInput readIdx(JobRun run) throws IOException {
    LabeledBlock block;
    try {
      block = IdxReader.read(idxImages, idxLabels, limit == 0 ? Integer.MAX_VALUE : limit,
          scale.toLowerCase(Locale.ROOT).equals("unit") ? IdxReader.PixelScale.UNIT_INTERVAL : IdxReader.PixelScale.RAW);
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
    run.log().printf(Locale.ROOT, "geodesic import: %d images of %d pixels from %s%n", n, d, idxImages);
    return new ValidatedInput(idxImages.toString(), run.spark().createDataFrame(rows, DataFrames.inputSchema(true, false)), d, n);
  }

  /** A slice of the IDX records shipped to one task. */
  record Chunk(DenseMatrix features, double[] labels) implements Serializable {}

}
