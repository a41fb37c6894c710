package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodesic.jobs.cli.GeodesicCli;
import dev.geodesic.jobs.output.SummarySchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered command, run through the CLI in each of its modes, writes a summary.json that
 * conforms to {@code data-schemas/summary.schema.json} ({@code demo} and its steps: {@link DemoTest}).
 */
class SummarySchemaTest {
  @TempDir
  static Path dir;

  private final Set<String> validated = new TreeSet<>();

  /** Validates DIR/summary.json as a summary of {@code command}. */
  static void assertConforms(String command, Path out) throws IOException {
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    List<String> problems = SummarySchema.get().problems(command, s);
    assertEquals(List.of(), problems, () -> out + "/summary.json: " + s);
  }

  private Path run(String name, String... args) throws IOException {
    Path out = dir.resolve(name);
    String[] full = java.util.Arrays.copyOf(args, args.length + 2);
    full[args.length] = "--output";
    full[args.length + 1] = out.toString();
    ok(full);
    assertConforms(args[0], out);
    validated.add(args[0]);
    return out;
  }

  @Test
  void everyCommandInEveryModeWritesASummaryThatConforms() throws Exception {
    Path csv = dir.resolve("points.csv");
    StringBuilder sb = new StringBuilder("x,y,label\n");
    for (int i = 0; i < 30; i++) {
      sb.append(Math.sin(i)).append(',').append(Math.cos(3 * i)).append(',').append(i % 2).append('\n');
    }
    Files.writeString(csv, sb);
    String points = run("import-csv", "import", "--format", "csv", "--input", csv.toString(), "--label-col", "label",
        "--client-from-label").toString();
    Path clouds = run("gaussian", "generate", "--kind", "gaussian", "--clients", "3", "--rows", "90", "--dim", "2");
    Path pca = run("pca", "generate", "--kind", "pca", "--rows", "40", "--dim", "4", "--rank", "2");
    Path logistic = run("logistic", "generate", "--kind", "logistic", "--rows", "40", "--dim", "3");
    Path leastSquares = run("least-squares", "generate", "--kind", "least-squares", "--rows", "40", "--dim", "3");
    for (String solver : List.of("exact", "sinkhorn", "sliced")) {
      run("ot-" + solver, "ot", "--input", points, "--solver", solver);
    }
    run("fedwad-two", "fedwad", "--input", points, "--rounds", "2", "--verify-exact");
    run("fedwad-k", "fedwad", "--input", clouds.toString(), "--client-col", "client", "--support", "10", "--rounds", "2");
    run("monotone-game", "monotone", "--problem", "matrix-game", "--format", "csv", "--input", csv.toString(),
        "--method", "eg", "--max-epochs", "2");
    run("monotone-pb", "monotone", "--problem", "policeman-burglar", "--n", "20", "--method", "vr-halpern",
        "--max-epochs", "2", "--target-residual", "1e-9");
    run("monotone-bilinear", "monotone", "--problem", "bilinear", "--n", "6", "--method", "vr-halpern-inexact",
        "--max-epochs", "2");
    run("monotone-dro", "monotone", "--problem", "dro-logistic", "--format", "csv", "--input", csv.toString(),
        "--label-col", "label", "--method", "eag", "--max-epochs", "2", "--compare-erm");

    run("finite-sum-target", "finite-sum", "--input", logistic.toString(), "--l2", "0.01", "--fstar", "0",
        "--target-gap", "10");
    run("finite-sum-sparse", "finite-sum", "--input", leastSquares.toString(), "--loss", "squared", "--method", "saga",
        "--layout", "sparse", "--tol", "1e-3", "--max-epochs", "5");
    run("finite-sum-multinomial", "finite-sum", "--input", points, "--loss", "multinomial", "--method", "lsvrg",
        "--l1", "0.01", "--max-epochs", "3");

    run("drcgd-truth", "drcgd", "--input", pca.toString(), "--method", "drcgd-gt", "--agents", "4", "--rank", "2",
        "--iterations", "5", "--truth");
    run("drcgd-er", "drcgd", "--input", pca.toString(), "--method", "dprgd", "--agents", "4", "--graph", "er",
        "--rank", "2", "--iterations", "3", "--chebyshev", "--gossip", "2");

    Set<String> registered = new TreeSet<>(GeodesicCli.commandNames());
    assertTrue(SummarySchema.get().commands().containsAll(registered),
        "every registered command has a $defs entry in summary.schema.json: " + SummarySchema.get().commands());
    validated.add("demo"); // DemoTest validates demo's summary and its steps'
    assertEquals(registered, validated, "a registered command this test does not run");
  }
}
