package dev.geodesic.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 §5 on local mode: every command run twice with the same seed and partitioning writes the
 * same {@code summary.json} figures (timings, placement and paths aside) and the same outputs. As
 * docs/design.md promises, what only a seed determines (generate, import) is bitwise equal; solver
 * results pass through native BLAS, whose Prescott kernels round by array alignment even between
 * runs, so they are compared to 1e-12 relative.
 */
class DeterminismTest {
  @TempDir
  static Path fx;

  @BeforeAll
  static void inputs() {
    EndToEnd.ok("generate", "--kind", "gaussian", "--clients", "3", "--rows", "240", "--dim", "3", "--seed", "8",
        "--output", fx.resolve("gauss").toString());
    EndToEnd.ok("generate", "--kind", "gaussian", "--clients", "2", "--rows", "160", "--dim", "2", "--seed", "8",
        "--output", fx.resolve("gauss2").toString());
    EndToEnd.ok("generate", "--kind", "pca", "--rows", "400", "--dim", "6", "--rank", "2", "--seed", "8",
        "--output", fx.resolve("pca").toString());
    EndToEnd.ok("generate", "--kind", "logistic", "--rows", "600", "--dim", "4", "--seed", "8",
        "--output", fx.resolve("logit").toString());
  }

  private static Arguments c(String name, double rel, String... args) {
    return Arguments.of(name, rel, args);
  }

  static Stream<Arguments> commands() {
    double solver = 1e-12;
    return Stream.of(
        c("generate gaussian", 0, "generate", "--kind", "gaussian", "--clients", "2", "--rows", "300", "--dim", "4",
            "--partitions", "3", "--seed", "21"),
        c("generate pca", 0, "generate", "--kind", "pca", "--rows", "300", "--dim", "6", "--rank", "2",
            "--partitions", "3", "--seed", "21"),
        c("generate logistic", 0, "generate", "--kind", "logistic", "--rows", "300", "--dim", "4", "--partitions", "3",
            "--seed", "21"),
        c("import", 0, "import", "--input", "{gauss}", "--client-from-label", "--partitions", "2", "--seed", "21"),
        c("ot exact", solver, "ot", "--input", "{gauss2}", "--solver", "exact", "--partitions", "2", "--seed", "21"),
        c("ot sinkhorn", solver, "ot", "--input", "{gauss2}", "--solver", "sinkhorn", "--seed", "21"),
        c("ot sliced", solver, "ot", "--input", "{gauss2}", "--solver", "sliced", "--projections", "16", "--seed", "21"),
        c("fedwad", solver, "fedwad", "--input", "{gauss}", "--rounds", "6", "--partitions", "2", "--seed", "21"),
        c("drcgd", solver, "drcgd", "--input", "{pca}", "--agents", "4", "--rank", "2", "--graph", "er",
            "--iterations", "40", "--step", "0.3", "--seed", "21"),
        c("finite-sum saga", solver, "finite-sum", "--input", "{logit}", "--method", "saga", "--partitions", "3",
            "--max-epochs", "8", "--l2", "0.01", "--seed", "21"),
        c("monotone vr-halpern", solver, "monotone", "--problem", "policeman-burglar", "--n", "60", "--partitions",
            "3", "--max-epochs", "20", "--seed", "21"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void sameSeedAndPartitioningGiveTheSameResult(String name, double rel, String[] args) throws Exception {
    String slug = name.replaceAll("\\W+", "-");
    Path a = fx.resolve(slug + "-a");
    Path b = fx.resolve(slug + "-b");
    EndToEnd.ok(withOutput(args, a));
    EndToEnd.ok(withOutput(args, b));
    Figures.assertSameSummary(EndToEnd.summary(a), EndToEnd.summary(b), rel, name);
    Figures.assertSameOutputs(a, b, rel, name);
  }

  private static String[] withOutput(String[] args, Path out) {
    List<String> r = new ArrayList<>();
    for (String s : args) {
      r.add(s.matches("\\{\\w+}") ? fx.resolve(s.substring(1, s.length() - 1)).toString() : s);
    }
    r.add("--output");
    r.add(out.toString());
    return r.toArray(String[]::new);
  }
}
