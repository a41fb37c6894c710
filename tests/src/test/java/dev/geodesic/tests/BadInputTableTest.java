package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 §4: one row per bad input or bad option, across every command. Each must end with exit
 * status 2, exactly one {@code error:} line containing the row's fragment (the culprit's name), no
 * stack trace on stderr and no output (nor staging) directory. {@code {name}} in a row's arguments
 * is a fixture written once for the class; {@code {out}} is the row's own output path.
 */
class BadInputTableTest {
  @TempDir
  static Path fx;

  private static final Map<String, String> FIXTURES = new HashMap<>();

  private static final StructType ROWS = new StructType()
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
      .add("label", DataTypes.DoubleType, true)
      .add("client", DataTypes.StringType, true);

  private static String parquet(String name, StructType schema, Object[]... rows) {
    String p = fx.resolve(name).toString();
    EndToEnd.spark().createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema).coalesce(1)
        .write().parquet(p);
    FIXTURES.put(name, p);
    return p;
  }

  private static Object[] row(String client, double label, Double... features) {
    return new Object[] {features, label, client};
  }

  private static void file(String name, String text) throws IOException {
    Path p = fx.resolve(name);
    Files.writeString(p, text);
    FIXTURES.put(name, p.toString());
  }

  @BeforeAll
  static void fixtures() throws IOException {
    // Valid inputs of every kind the commands read; the bad rows change one thing at a time.
    for (String[] g : new String[][] {
        {"gauss", "gaussian", "--clients", "2", "--dim", "3", "--rows", "120"},
        {"gauss4", "gaussian", "--clients", "1", "--dim", "4", "--rows", "60"},
        {"gauss1", "gaussian", "--clients", "1", "--dim", "3", "--rows", "60"},
        {"pca", "pca", "--dim", "6", "--rank", "2", "--rows", "120"},
        {"logit", "logistic", "--dim", "4", "--rows", "120"}}) {
      Path out = fx.resolve(g[0]);
      List<String> args = new ArrayList<>(List.of("generate", "--kind", g[1], "--seed", "3", "--output", out.toString()));
      args.addAll(List.of(g).subList(2, g.length));
      EndToEnd.ok(args.toArray(String[]::new));
      FIXTURES.put(g[0], out.toString());
    }
    parquet("noFeatures", new StructType().add("x", DataTypes.DoubleType), new Object[] {1.0});
    parquet("stringFeatures", new StructType().add("features", DataTypes.StringType).add("client", DataTypes.StringType),
        new Object[] {"1,2", "a"});
    parquet("nan", ROWS, row("a", 0, 1.0, 2.0, 3.0), row("b", 1, 1.0, Double.NaN, 3.0));
    parquet("inf", ROWS, row("a", 0, 1.0, 2.0, Double.POSITIVE_INFINITY), row("b", 1, 1.0, 2.0, 3.0));
    parquet("ragged", ROWS, row("a", 0, 1.0, 2.0, 3.0), row("b", 1, 1.0, 2.0));
    parquet("emptyVector", ROWS, row("a", 0), row("b", 1));
    parquet("nullFeature", ROWS, row("a", 0, 1.0, null, 3.0), row("b", 1, 1.0, 2.0, 3.0));
    parquet("nanLabel", ROWS, row("a", 0, 1.0, 2.0, 3.0), row("b", Double.NaN, 1.0, 2.0, 3.0));
    parquet("noRows", ROWS);
    parquet("threeLabels", ROWS, row("a", 0, 1.0, 2.0), row("a", 1, 2.0, 1.0), row("b", 2, 0.0, 1.0));
    parquet("fracLabels", ROWS, row("a", 0, 1.0, 2.0), row("a", 1.5, 2.0, 1.0), row("b", 1, 0.0, 1.0));
    parquet("nullClient", ROWS, row("a", 0, 1.0, 2.0, 3.0), row(null, 1, 1.0, 2.0, 3.0));
    StructType edges = new StructType().add("source", DataTypes.IntegerType).add("target", DataTypes.IntegerType);
    parquet("disconnected", edges, new Object[] {0, 1}, new Object[] {2, 3});
    parquet("outsideNodes", edges, new Object[] {0, 1}, new Object[] {1, 2}, new Object[] {2, 9});
    parquet("stringEdges", new StructType().add("source", DataTypes.StringType).add("target", DataTypes.StringType),
        new Object[] {"0", "1"});

    Path corrupt = fx.resolve("corrupt");
    Files.createDirectories(corrupt);
    Files.write(corrupt.resolve("part-00000.parquet"), "PAR1 this is not a parquet file at all PAR1".getBytes());
    FIXTURES.put("corrupt", corrupt.toString());
    file("a.csv", "x,y\n0,0\n1,0\n0,1\n");
    file("wide.csv", "x,y,z\n0,0,0\n1,0,1\n");
    file("words.csv", "x,y\n0,zero\n1,one\n");
    file("negWeights", "1\n-2\n3\n");
    file("zeroWeights", "0\n0\n0\n");
    file("oneWeight", "4\n");
    file("wordWeights", "1\nheavy\n");
    file("aFile", "not a directory\n");
    Path dir = fx.resolve("aDir");
    Files.createDirectories(dir);
    FIXTURES.put("aDir", dir.toString());
    FIXTURES.put("missing", fx.resolve("does-not-exist").toString());
  }

  private static Arguments c(String name, String fragment, String... args) {
    return Arguments.of(name, fragment, args);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Columns and values (shared validation of every reader).
        c("missing features column", "no column 'features'", "fedwad", "--input", "{noFeatures}", "--output", "{out}"),
        c("mistyped features column", "column 'features' is string", "finite-sum", "--input", "{stringFeatures}",
            "--output", "{out}"),
        c("NaN feature", "'features'[1] is NaN", "drcgd", "--input", "{nan}", "--agents", "2", "--rank", "1",
            "--output", "{out}"),
        c("infinite feature", "'features'[2] is Infinity", "fedwad", "--input", "{inf}", "--output", "{out}"),
        c("ragged vectors", "ragged", "fedwad", "--input", "{ragged}", "--output", "{out}"),
        c("empty vectors", "'features' is empty", "finite-sum", "--input", "{emptyVector}", "--output", "{out}"),
        c("null vector entry", "'features'[1] is null", "ot", "--input", "{nullFeature}", "--output", "{out}"),
        c("NaN label", "'label' is NaN", "finite-sum", "--input", "{nanLabel}", "--output", "{out}"),
        c("empty data set", "has no rows", "finite-sum", "--input", "{noRows}", "--output", "{out}"),
        c("empty data set (monotone)", "has no rows", "monotone", "--problem", "dro-logistic", "--input", "{noRows}",
            "--output", "{out}"),
        c("null client", "client column is null", "fedwad", "--input", "{nullClient}", "--output", "{out}"),
        c("missing client column", "'nope'", "fedwad", "--input", "{gauss}", "--client-col", "nope", "--output", "{out}"),
        c("one client only", "client", "fedwad", "--input", "{gauss1}", "--output", "{out}"),
        c("dimension mismatch (fedwad)", "dimension", "fedwad", "--input", "{gauss1}", "--input", "{gauss4}",
            "--output", "{out}"),
        c("dimension mismatch (ot csv)", "dimension mismatch", "ot", "--format", "csv", "--input", "{a.csv}",
            "--input", "{wide.csv}", "--output", "{out}"),
        c("string CSV column", "CSV column 'y' is string", "ot", "--format", "csv", "--input", "{words.csv}",
            "--input", "{a.csv}", "--output", "{out}"),
        c("logistic labels not binary", "label", "finite-sum", "--input", "{threeLabels}", "--output", "{out}"),
        c("multinomial labels not integers", "multinomial", "finite-sum", "--input", "{fracLabels}", "--loss",
            "multinomial", "--output", "{out}"),
        c("dro-logistic labels not 0/1", "label", "monotone", "--problem", "dro-logistic", "--input", "{threeLabels}",
            "--output", "{out}"),
        // Files.
        c("corrupt Parquet", "corrupt", "fedwad", "--input", "{corrupt}", "--output", "{out}"),
        c("missing input", "does not exist", "drcgd", "--input", "{missing}", "--output", "{out}"),
        c("unreadable path (no such file system)", "nosuchfs", "finite-sum", "--input", "nosuchfs://host/data",
            "--output", "{out}"),
        c("directory where a file is expected", "--weights", "monotone", "--problem", "policeman-burglar",
            "--weights", "{aDir}", "--max-epochs", "2", "--output", "{out}"),
        c("file where a directory is expected", "--checkpoint", "fedwad", "--input", "{gauss}", "--checkpoint",
            "{aFile}", "--output", "{out}"),
        // Graphs and weights.
        c("r > d", "--rank 9 exceeds the dimension 6", "drcgd", "--input", "{pca}", "--rank", "9", "--output", "{out}"),
        c("procrustes needs 2r columns", "--problem procrustes", "drcgd", "--input", "{pca}", "--problem",
            "procrustes", "--rank", "4", "--output", "{out}"),
        c("one-node graph", "--agents", "drcgd", "--input", "{pca}", "--agents", "1", "--output", "{out}"),
        c("disconnected edge list", "disconnected", "drcgd", "--input", "{pca}", "--agents", "4", "--graph",
            "{disconnected}", "--rank", "2", "--output", "{out}"),
        c("edge list naming a missing agent", "--graph", "drcgd", "--input", "{pca}", "--agents", "4", "--graph",
            "{outsideNodes}", "--rank", "2", "--output", "{out}"),
        c("edge list of strings", "column 'source' is string", "drcgd", "--input", "{pca}", "--agents", "4",
            "--graph", "{stringEdges}", "--rank", "2", "--output", "{out}"),
        c("disconnected random graph", "disconnected", "drcgd", "--input", "{pca}", "--agents", "12", "--graph", "er",
            "--edge-prob", "0.05", "--rank", "2", "--output", "{out}"),
        c("negative weights", "--weights", "monotone", "--problem", "policeman-burglar", "--weights", "{negWeights}",
            "--output", "{out}"),
        c("zero-sum weights", "--weights", "monotone", "--problem", "policeman-burglar", "--weights", "{zeroWeights}",
            "--output", "{out}"),
        c("a single weight", "--weights", "monotone", "--problem", "policeman-burglar", "--weights", "{oneWeight}",
            "--output", "{out}"),
        c("weight not a number", "heavy", "monotone", "--problem", "policeman-burglar", "--weights", "{wordWeights}",
            "--output", "{out}"),
        // Methods and choices.
        c("unknown ot solver", "--solver", "ot", "--solver", "emd", "--input", "{gauss}", "--output", "{out}"),
        c("unknown drcgd method", "--method", "drcgd", "--input", "{pca}", "--method", "sgd", "--output", "{out}"),
        c("unknown finite-sum method", "--method", "finite-sum", "--input", "{logit}", "--method", "adam",
            "--output", "{out}"),
        c("unknown monotone method", "--method", "monotone", "--method", "mirror-prox", "--output", "{out}"),
        c("unknown monotone problem", "--problem", "monotone", "--problem", "chess", "--output", "{out}"),
        c("unknown loss", "--loss", "finite-sum", "--input", "{logit}", "--loss", "hinge", "--output", "{out}"),
        c("unknown layout", "--layout", "finite-sum", "--input", "{logit}", "--layout", "csr", "--output", "{out}"),
        c("unknown graph", "--graph", "drcgd", "--input", "{pca}", "--graph", "hypercube", "--output", "{out}"),
        c("unknown format", "--format", "fedwad", "--format", "xml", "--input", "{gauss}", "--output", "{out}"),
        // Out-of-range numbers.
        c("zero drcgd step", "--step", "drcgd", "--input", "{pca}", "--step", "0", "--output", "{out}"),
        c("negative finite-sum step", "--step", "finite-sum", "--input", "{logit}", "--step", "-0.1",
            "--output", "{out}"),
        c("zero monotone step", "--step", "monotone", "--step", "0", "--n", "20", "--max-epochs", "2", "--output", "{out}"),
        c("negative L2", "--l2", "finite-sum", "--input", "{logit}", "--l2", "-1", "--output", "{out}"),
        c("negative L1", "--l1", "finite-sum", "--input", "{logit}", "--l1", "-0.5", "--output", "{out}"),
        c("zero sinkhorn epsilon", "--epsilon", "ot", "--solver", "sinkhorn", "--epsilon", "0", "--input", "{gauss}",
            "--output", "{out}"),
        c("negative rho", "--rho", "monotone", "--problem", "dro-logistic", "--input", "{logit}", "--rho", "-1",
            "--output", "{out}"),
        c("negative monotone l2", "--l2", "monotone", "--problem", "dro-logistic", "--input", "{logit}", "--l2", "-1",
            "--output", "{out}"),
        c("zero theta", "--theta", "monotone", "--theta", "0", "--n", "20", "--max-epochs", "2", "--output", "{out}"),
        c("p below 1", "--p", "fedwad", "--input", "{gauss}", "--p", "0.5", "--output", "{out}"),
        c("t outside [0, 1]", "--t must be in [0, 1]", "fedwad", "--input", "{gauss}", "--t", "2", "--output", "{out}"),
        c("zero rounds", "--rounds", "fedwad", "--input", "{gauss}", "--rounds", "0", "--output", "{out}"),
        c("zero gossip", "--gossip", "drcgd", "--input", "{pca}", "--gossip", "0", "--output", "{out}"),
        c("edge probability above 1", "--edge-prob", "drcgd", "--input", "{pca}", "--graph", "er", "--edge-prob",
            "1.5", "--output", "{out}"),
        c("zero epochs", "--max-epochs", "finite-sum", "--input", "{logit}", "--max-epochs", "0", "--output", "{out}"),
        c("zero huber delta", "--huber-delta", "finite-sum", "--input", "{logit}", "--loss", "huber",
            "--huber-delta", "0", "--output", "{out}"),
        c("zero sliced projections", "--projections", "ot", "--solver", "sliced", "--projections", "0",
            "--input", "{gauss}", "--output", "{out}"),
        c("zero checkpoint interval", "--checkpoint-every", "drcgd", "--input", "{pca}", "--checkpoint", "{out}-ck",
            "--checkpoint-every", "0", "--output", "{out}"),
        c("negative time limit", "--time-limit", "finite-sum", "--input", "{logit}", "--time-limit", "-1",
            "--output", "{out}"),
        c("negative partitions", "--partitions", "fedwad", "--input", "{gauss}", "--partitions", "-2",
            "--output", "{out}"),
        c("non-numeric step", "--step", "drcgd", "--input", "{pca}", "--step", "fast", "--output", "{out}"));
  }

  private static String[] resolve(String[] args, Path out) {
    String[] r = new String[args.length];
    for (int k = 0; k < args.length; k++) {
      String a = args[k].replace("{out}", out.toString());
      for (Map.Entry<String, String> f : FIXTURES.entrySet()) {
        a = a.replace("{" + f.getKey() + "}", f.getValue());
      }
      assertFalse(a.matches(".*\\{\\w[\\w.]*}.*"), "unknown fixture in " + a);
      r[k] = a;
    }
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputExitsTwoWithOneErrorLineAndNoOutput(String name, String fragment, String[] args) throws IOException {
    Path out = fx.resolve("out-" + name.replaceAll("\\W+", "-"));
    EndToEnd.Result r = EndToEnd.cli(resolve(args, out));
    assertCleanRefusal(r, fragment);
    assertFalse(Files.exists(out), () -> "bad input must write nothing at " + out);
    try (var siblings = Files.list(fx)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".geodesic-staging")),
          "no staging directory left behind");
    }
  }

  static void assertCleanRefusal(EndToEnd.Result r, String fragment) {
    assertEquals(2, r.status(), r::describe);
    List<String> errors = r.errorLines();
    assertEquals(1, errors.size(), r::describe);
    assertTrue(errors.get(0).contains(fragment), () -> "expected '" + fragment + "' in: " + errors.get(0));
    assertFalse(r.err().matches("(?s).*\\n\\s+at [\\w.$]+\\(.*"), () -> "a stack trace on stderr:\n" + r.err());
    assertFalse(r.err().contains("Exception"), () -> "an exception on stderr:\n" + r.err());
  }

  static Stream<Arguments> existingOutput() {
    return Stream.of(
        c("ot", "already exists", "ot", "--input", "{gauss}", "--output", "{out}"),
        c("fedwad", "already exists", "fedwad", "--input", "{gauss}", "--rounds", "2", "--output", "{out}"),
        c("drcgd", "already exists", "drcgd", "--input", "{pca}", "--agents", "2", "--rank", "2", "--output", "{out}"),
        c("finite-sum", "already exists", "finite-sum", "--input", "{logit}", "--output", "{out}"),
        c("monotone", "already exists", "monotone", "--n", "20", "--output", "{out}"),
        c("import", "already exists", "import", "--input", "{gauss}", "--output", "{out}"),
        c("generate", "already exists", "generate", "--kind", "pca", "--rows", "20", "--dim", "3", "--rank", "1",
            "--output", "{out}"));
  }

  /** An existing output directory without {@code --overwrite} is refused before any work and left byte for byte. */
  @ParameterizedTest(name = "existing output of {0}")
  @MethodSource("existingOutput")
  void existingOutputIsLeftUntouched(String name, String fragment, String[] args) throws IOException {
    Path out = fx.resolve("existing-" + name);
    Files.createDirectories(out.resolve("sub"));
    byte[] mine = {1, 2, 3, 0, (byte) 0xff};
    Files.write(out.resolve("sub/keep.bin"), mine);
    Files.writeString(out.resolve("summary.json"), "{\"mine\": true}");
    EndToEnd.Result r = EndToEnd.cli(resolve(args, out));
    assertCleanRefusal(r, fragment);
    try (Stream<Path> s = Files.walk(out)) {
      assertEquals(List.of(out, out.resolve("sub"), out.resolve("sub/keep.bin"), out.resolve("summary.json")),
          s.sorted().toList());
    }
    assertArrayEquals(mine, Files.readAllBytes(out.resolve("sub/keep.bin")));
    assertEquals("{\"mine\": true}", Files.readString(out.resolve("summary.json")));
  }

  /** A few rows through the real launcher: the same one line and status from a separate JVM. */
  static Stream<Arguments> throughTheLauncher() {
    return cases().filter(a -> List.of("corrupt Parquet", "NaN feature", "unknown graph").contains((String) a.get()[0]));
  }

  @ParameterizedTest(name = "launcher: {0}")
  @MethodSource("throughTheLauncher")
  void badInputThroughTheLauncher(String name, String fragment, String[] args) throws Exception {
    Path out = fx.resolve("launcher-" + name.replaceAll("\\W+", "-"));
    EndToEnd.Result r = Launcher.run(Map.of(), 180, resolve(args, out));
    assertCleanRefusal(r, fragment);
    assertFalse(Files.exists(out), () -> "bad input must write nothing at " + out);
  }

  @Test
  void theTableCoversEveryCommandWithAtLeastFortyDistinctCases() {
    List<Arguments> all = cases().toList();
    assertTrue(all.size() >= 40, "cases: " + all.size());
    assertEquals(all.size(), all.stream().map(a -> a.get()[0]).distinct().count(), "case names are distinct");
    for (String command : List.of("ot", "fedwad", "drcgd", "finite-sum", "monotone")) {
      assertTrue(all.stream().anyMatch(a -> ((String[]) a.get()[2])[0].equals(command)), command);
    }
  }
}
