package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.driver.IterativeJobDriver;
import picocli.CommandLine.Option;

/** The options of every iterative command: checkpoint and resume, and a wall-clock budget. */
public final class IterationOptions {
  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = {"Save the run's state under DIR (any Hadoop file system) and resume from it: a run with the same",
          "inputs and options continues after the newest complete checkpoint and ends exactly as an uninterrupted run;",
          "a larger budget extends a finished run; a checkpoint of other options or input is refused."})
  String checkpoint;

  @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "N",
      description = "With --checkpoint: save every N rounds (and after the last). Default: ${DEFAULT-VALUE}.")
  int checkpointEvery;

  @Option(names = "--time-limit", paramLabel = "SECONDS",
      description = "Stop after the round during which SECONDS of wall clock have passed (status time-limit).")
  Double timeLimit;

  /** The driver's options; throws naming the option when a value is out of range. */
  public IterativeJobDriver.Options driverOptions() {
    OptionChecks.atLeast("--checkpoint-every", checkpointEvery, 1);
    if (timeLimit != null) {
      OptionChecks.positive("--time-limit", timeLimit);
    }
    return new IterativeJobDriver.Options(checkpoint, checkpointEvery, IterativeJobDriver.DEFAULT_LINEAGE_EVERY, timeLimit);
  }
}
