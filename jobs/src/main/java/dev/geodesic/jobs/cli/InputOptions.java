package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.InputFormat;
import dev.geodesic.jobs.io.InputSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The input options of every command that reads data (contract: "Inputs"). */
public final class InputOptions {
  @Option(names = "--input", paramLabel = "PATH",
      description = "Input file or directory (repeatable where the command takes two sets).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
      description = "Input format: ${COMPLETION-CANDIDATES} (idx: import only). Default: ${DEFAULT-VALUE}.")
  InputFormat format;

  @Option(names = "--label-col", paramLabel = "NAME",
      description = "CSV: the column holding the label (without it every column is a feature).")
  String labelColumn;

  @Option(names = "--client-col", paramLabel = "NAME",
      description = "The column naming the client/agent of each row. Default: client.")
  String clientColumn;

  private boolean readsWeights;
  private String weightColumn;

  /** Set by {@link WeightOptions}: the specs read per-row masses, from {@code column} (null: the default). */
  void readWeights(String column) {
    readsWeights = true;
    weightColumn = column;
  }

  public List<String> paths() {
    return inputs;
  }

  /** {@code import} alone also reads {@code --format idx}. */
  boolean isIdx() {
    return format == InputFormat.IDX;
  }

  public InputFormat format() {
    return format;
  }

  /** Checks the number of inputs and the format (not idx); {@code min..max} inputs. */
  public void validate(int min, int max) {
    if (isIdx()) {
      throw new InvalidInputException("--format idx is read by import only (import it, then pass its --output as --input)");
    }
    if (inputs.size() < min || inputs.size() > max) {
      String want = min == max ? String.valueOf(min) : min + " to " + max;
      throw new InvalidInputException("--input: expected " + want + " input(s), got " + inputs.size());
    }
  }

  public InputSpec spec(int k) {
    return new InputSpec(inputs.get(k), format(), labelColumn, clientColumn, readsWeights, weightColumn);
  }

  /** One spec per {@code --input}, in order. */
  public List<InputSpec> specs() {
    List<InputSpec> s = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      s.add(spec(k));
    }
    return s;
  }

  public String clientColumn() {
    return clientColumn == null ? "client" : clientColumn;
  }

  public boolean clientColumnGiven() {
    return clientColumn != null;
  }
}
