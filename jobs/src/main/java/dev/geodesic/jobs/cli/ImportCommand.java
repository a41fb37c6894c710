package dev.geodesic.jobs.cli;

import dev.geodesic.data.IdxReader;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.data.ImportJob;
import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code import}: options, resolved into the {@link ImportJob.Source} that {@link ImportJob} converts. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Convert IDX (Fashion-MNIST), CSV, LIBSVM or Parquet input into --output/data.parquet",
        "in the documented input schema (features, label, client).",
        "IDX: --format idx --input IMAGES-FILE --input LABELS-FILE (plain or .gz), or --input DIR holding",
        "the Debian dataset-fashion-mnist files with --split train|t10k."})
public final class ImportCommand extends JobCommand {
  static final String DEFAULT_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

  /** {@code --split}: the file stem of an IDX directory. */
  enum Split {
    TRAIN, T10K;

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }

  /** {@code --scale}: IDX pixel values as stored or divided by 255. */
  enum Scale {
    RAW(IdxReader.PixelScale.RAW), UNIT(IdxReader.PixelScale.UNIT_INTERVAL);

    final IdxReader.PixelScale pixels;

    Scale(IdxReader.PixelScale pixels) {
      this.pixels = pixels;
    }

    @Override
    public String toString() {
      return OptionChecks.spelling(this);
    }
  }

  @Mixin
  InputOptions input;

  @Option(names = "--split", defaultValue = "train", paramLabel = "SPLIT",
      description = "IDX directory input: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Split split;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "IDX: read only the first N records (0: all).")
  int limit;

  @Option(names = "--scale", defaultValue = "raw", paramLabel = "SCALE",
      description = "IDX pixel values: raw (0..255) or unit (0..1). Default: ${DEFAULT-VALUE}.")
  Scale scale;

  @Option(names = "--client-from-label", description = "Set client = class-<label> on every row (e.g. one client per class).")
  boolean clientFromLabel;

  @Option(names = "--binarize-label", paramLabel = "K",
      description = "Replace the label by 1 where label ≥ K, else 0 (e.g. K = 5: a two-class Fashion-MNIST for dro-logistic).")
  Double binarizeLabel;

  private ImportJob.Source source;

  @Override
  protected void validateOptions() {
    if (binarizeLabel != null && !Double.isFinite(binarizeLabel)) {
      throw new InvalidInputException("--binarize-label must be a finite number, got " + binarizeLabel);
    }
    List<String> inputs = input.paths();
    if (inputs.isEmpty()) {
      throw new InvalidInputException("--input is required");
    }
    OptionChecks.atLeast("--limit", limit, 0);
    if (!input.isIdx()) {
      input.validate(1, 1);
      source = new ImportJob.Tabular(input.spec(0));
      return;
    }
    Path images;
    Path labels;
    if (inputs.size() == 1 && Files.isDirectory(Paths.get(inputs.get(0)))) {
      Path dir = Paths.get(inputs.get(0));
      images = firstExisting(dir, split + "-images-idx3-ubyte");
      labels = firstExisting(dir, split + "-labels-idx1-ubyte");
    } else if (inputs.size() == 2) {
      images = Paths.get(inputs.get(0));
      labels = Paths.get(inputs.get(1));
      for (Path p : List.of(images, labels)) {
        if (!Files.isRegularFile(p)) {
          throw new InvalidInputException("input '" + p + "' does not exist");
        }
      }
    } else {
      throw new InvalidInputException("--format idx takes --input IMAGES --input LABELS, or one directory");
    }
    source = new ImportJob.Idx(images, labels, limit, scale.pixels);
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
    new ImportJob(source, clientFromLabel, partitions, binarizeLabel).run(run);
  }
}
