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
      description = "Input format: parquet, csv or libsvm. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--label-col", paramLabel = "NAME",
      description = "CSV: the column holding the label (without it every column is a feature).")
  String labelColumn;

  @Option(names = "--client-col", paramLabel = "NAME",
      description = "The column naming the client/agent of each row. Default: client.")
  String clientColumn;

  public List<String> paths() {
    return inputs;
  }

  /** {@code import} alone also reads {@code --format idx}. */
  boolean isIdx() {
    return "idx".equalsIgnoreCase(format);
  }

  public InputFormat format() {
    try {
      return InputFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--format: " + e.getMessage());
    }
  }

  /** Checks the number of inputs and the format; {@code min..max} inputs. */
  public void validate(int min, int max) {
    format();
    if (inputs.size() < min || inputs.size() > max) {
      String want = min == max ? String.valueOf(min) : min + " to " + max;
      throw new InvalidInputException("--input: expected " + want + " input(s), got " + inputs.size());
    }
  }

  public InputSpec spec(int k) {
    return new InputSpec(inputs.get(k), format(), labelColumn, clientColumn);
  }

  public String clientColumn() {
    return clientColumn == null ? "client" : clientColumn;
  }

  public boolean clientColumnGiven() {
    return clientColumn != null;
  }
}
