package dev.geodesic.jobs.cli;

import picocli.CommandLine.Option;

/**
 * {@code --weight-col} of the commands that take weighted point sets ({@code ot}, {@code fedwad}):
 * with it, the named column holds each row's mass; without it a Parquet input's {@code weight}
 * column is read when present and a CSV input is unweighted. Use it with {@code @Mixin}.
 */
public final class WeightOptions {
  @Option(names = "--weight-col", paramLabel = "NAME",
      description = {"The column holding each row's mass (finite, >= 0; each set is normalised to mass 1).",
          "Default: Parquet reads the column weight when present; CSV and LIBSVM are unweighted (mass 1/n)."})
  String weightColumn;

  /** Makes {@code input}'s specs read the weights. */
  public void applyTo(InputOptions input) {
    input.readWeights(weightColumn);
  }
}
