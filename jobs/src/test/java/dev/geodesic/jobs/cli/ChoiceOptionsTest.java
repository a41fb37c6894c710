package dev.geodesic.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.jobs.data.SyntheticKind;
import dev.geodesic.jobs.io.InputFormat;
import dev.geodesic.jobs.ot.OtSolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Choice options: matched case-insensitively, listed in --help as users type them, refused in one line naming the choices. */
class ChoiceOptionsTest {
  private static <T> T parsed(Class<T> type, String... args) {
    CommandLine.ParseResult r = GeodesicCli.commandLine().parseArgs(args);
    return type.cast(r.subcommand().commandSpec().userObject());
  }

  @Test
  void valuesMatchInAnyCase() {
    OtCommand ot = parsed(OtCommand.class, "ot", "--solver", "SinkHorn", "--format", "CSV", "--p", "1.5");
    assertEquals(OtSolver.SINKHORN, ot.solver);
    assertEquals(InputFormat.CSV, ot.input.format());
    assertEquals(1.5, ot.transport.toConfig().p(), 0.0);
    assertEquals(SyntheticKind.LEAST_SQUARES, parsed(GenerateCommand.class, "generate", "--kind", "Least-Squares").kind);
    ImportCommand imp = parsed(ImportCommand.class, "import", "--split", "T10K", "--scale", "UNIT");
    assertEquals(ImportCommand.Split.T10K, imp.split);
    assertEquals(ImportCommand.Scale.UNIT, imp.scale);
  }

  @Test
  void helpListsTheChoicesAsTyped() {
    CommandLine cli = GeodesicCli.commandLine();
    assertTrue(cli.getSubcommands().get("ot").getUsageMessage().contains("exact, sinkhorn, sliced. Default: exact."));
    assertTrue(cli.getSubcommands().get("generate").getUsageMessage().contains("gaussian, pca, logistic, least-squares."));
    assertTrue(cli.getSubcommands().get("import").getUsageMessage().contains("train, t10k. Default: train."));
  }

  @Test
  void anUnknownValueIsOneErrorLineWithExitStatusTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GeodesicCli.execute(new String[] {"generate", "--kind", "uniform"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertEquals("error: --kind must be gaussian, pca, logistic or least-squares, got 'uniform' (see 'geodesic generate --help')",
        err.toString(StandardCharsets.UTF_8).strip());
    assertEquals("--x must be a, got 'b'", OptionChecks.notOneOf("--x", java.util.List.of("a"), "b"));
  }
}
