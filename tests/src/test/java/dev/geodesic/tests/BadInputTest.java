package dev.geodesic.tests;

import static dev.geodesic.tests.EndToEnd.assertBadInput;
import static dev.geodesic.tests.EndToEnd.ok;
import static dev.geodesic.tests.EndToEnd.spark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad usage and bad input: exit status 2, one {@code error:} line naming the culprit, nothing written. */
class BadInputTest {
  @TempDir
  Path dir;

  private static final StructType SCHEMA = new StructType()
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
      .add("label", DataTypes.DoubleType, true);

  private String parquet(String name, Object[]... rows) {
    String p = dir.resolve(name).toString();
    spark().createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), SCHEMA).coalesce(1).write().parquet(p);
    return p;
  }

  private Path out() {
    return dir.resolve("out");
  }

  private void importFails(String input, String fragment) throws Exception {
    assertBadInput(out(), fragment, "import", "--input", input, "--output", out().toString());
  }

  @Test
  void wrongSchema() throws Exception {
    String p = dir.resolve("noFeatures").toString();
    spark().createDataFrame(List.of(RowFactory.create(1.0)), new StructType().add("x", DataTypes.DoubleType))
        .write().parquet(p);
    importFails(p, "no column 'features'");
    String q = dir.resolve("stringFeatures").toString();
    spark().createDataFrame(List.of(RowFactory.create("a")), new StructType().add("features", DataTypes.StringType))
        .write().parquet(q);
    importFails(q, "column 'features' is string");
  }

  @Test
  void nonFiniteValues() throws Exception {
    importFails(parquet("nan", new Object[] {new Double[] {1.0, 2.0}, 0.0}, new Object[] {new Double[] {Double.NaN, 2.0}, 0.0}),
        "row 1: 'features'[0] is NaN");
    importFails(parquet("inf", new Object[] {new Double[] {1.0, Double.NEGATIVE_INFINITY}, 0.0}),
        "row 0: 'features'[1] is -Infinity");
  }

  @Test
  void raggedAndEmptyInput() throws Exception {
    importFails(parquet("ragged", new Object[] {new Double[] {1.0, 2.0}, 0.0}, new Object[] {new Double[] {1.0}, 0.0}),
        "row 1: 'features' has 1 values where earlier rows have 2");
    importFails(parquet("empty"), "has no rows");
  }

  @Test
  void missingInputAndUnreadableFormat() throws Exception {
    importFails(dir.resolve("nope").toString(), "does not exist");
    Path notCsv = dir.resolve("bad.csv");
    Files.writeString(notCsv, "a,b\n1,hello\n");
    assertBadInput(out(), "CSV column 'b' is string", "import", "--format", "csv", "--input", notCsv.toString(),
        "--output", out().toString());
    Path bogusIdx = dir.resolve("images");
    Files.write(bogusIdx, new byte[] {0, 0, 9, 9, 0, 0, 0, 0});
    assertBadInput(out(), "images", "import", "--format", "idx", "--input", bogusIdx.toString(),
        "--input", bogusIdx.toString(), "--output", out().toString());
  }

  @Test
  void badOptions() throws Exception {
    String o = out().toString();
    assertBadInput(out(), "--kind must be gaussian, pca, logistic or least-squares", "generate", "--kind", "uniform", "--output", o);
    assertBadInput(out(), "--rows must be >= 1", "generate", "--kind", "pca", "--rows", "0", "--output", o);
    assertBadInput(out(), "--format must be parquet, csv, libsvm or idx, got 'xml'", "import", "--format", "xml", "--input", "x", "--output", o);
    assertBadInput(out(), "--conf 'nokey' is not key=value", "generate", "--kind", "pca", "--conf", "nokey", "--output", o);
    assertBadInput(out(), "Unknown option: '--bogus'", "generate", "--kind", "pca", "--bogus", "--output", o);
    assertBadInput(out(), "--rows", "generate", "--kind", "pca", "--rows", "many", "--output", o);
    assertBadInput(out(), "--mean 2 has 2 values, --dim is 3", "generate", "--kind", "gaussian", "--dim", "3",
        "--mean", "0,0,0", "--mean", "1,1", "--output", o);
    assertBadInput(out(), "--covariance", "generate", "--kind", "gaussian", "--dim", "2", "--clients", "1",
        "--covariance", "1,2;2,1", "--output", o);
    assertBadInput(null, "a command is required");
  }

  @Test
  void existingOutputIsRefusedUnlessOverwrite() throws Exception {
    Path existing = dir.resolve("existing");
    Files.createDirectories(existing);
    Files.writeString(existing.resolve("keep.txt"), "mine");
    EndToEnd.Result r = EndToEnd.cli("generate", "--kind", "pca", "--rows", "50", "--dim", "4", "--rank", "1",
        "--output", existing.toString());
    assertEquals(2, r.status(), r::describe);
    assertTrue(r.errorLines().get(0).contains("already exists"), r::describe);
    assertEquals("mine", Files.readString(existing.resolve("keep.txt")));

    ok("generate", "--kind", "pca", "--rows", "50", "--dim", "4", "--rank", "1", "--output", existing.toString(), "--overwrite");
    assertTrue(Files.exists(existing.resolve("_SUCCESS")));
    assertTrue(!Files.exists(existing.resolve("keep.txt")), "replaced as a whole");
  }
}
