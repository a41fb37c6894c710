package dev.geodesic.jobs.io;

/**
 * One input as the user named it.
 *
 * @param path file or directory (a Geodesic output directory holding {@code data.parquet} is read as that)
 * @param format how to read it
 * @param labelColumn CSV only: the column holding the label, or null for "all columns are features"
 * @param clientColumn the column naming the client/agent a row belongs to (used when present)
 * @param readsWeights whether the command uses per-row masses (ot, fedwad); when false no weight column is read
 * @param weightColumn the column holding each row's mass (then it must exist), or null: Parquet reads
 *     {@code weight} when present, CSV has none (every CSV column not named otherwise is a feature)
 */
public record InputSpec(String path, InputFormat format, String labelColumn, String clientColumn,
    boolean readsWeights, String weightColumn) {
  /** An input of a command that reads no weights. */
  public InputSpec(String path, InputFormat format, String labelColumn, String clientColumn) {
    this(path, format, labelColumn, clientColumn, false, null);
  }
}
