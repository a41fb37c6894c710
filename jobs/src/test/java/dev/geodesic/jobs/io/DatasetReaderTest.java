package dev.geodesic.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest extends SparkTestBase {
  @TempDir
  Path dir;

  private static final StructType ARRAY_SCHEMA = new StructType()
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
      .add("label", DataTypes.DoubleType, true)
      .add("client", DataTypes.StringType, true);

  private String parquet(String name, StructType schema, List<Row> rows) {
    String p = dir.resolve(name).toString();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(p);
    return p;
  }

  private static Row row(double[] f, Double label, String client) {
    Double[] boxed = f == null ? null : Arrays.stream(f).boxed().toArray(Double[]::new);
    return RowFactory.create(boxed, label, client);
  }

  private ValidatedInput read(String path, InputFormat fmt, String labelCol) {
    return new DatasetReader(spark).read(new InputSpec(path, fmt, labelCol, null));
  }

  private String failure(String path, InputFormat fmt) {
    return assertThrows(InvalidInputException.class, () -> read(path, fmt, null)).getMessage();
  }

  @Test
  void readsCanonicalParquetAndLaysOutBlocks() {
    String p = parquet("ok", ARRAY_SCHEMA, List.of(
        row(new double[] {1, 2}, 0.0, "a"), row(new double[] {3, 4}, 1.0, "b"), row(new double[] {5, 6}, 1.0, "a")));
    ValidatedInput in = read(p, InputFormat.PARQUET, null);
    assertEquals(2, in.dimension());
    assertEquals(3, in.rows());
    assertTrue(in.hasLabel());
    assertTrue(in.hasClient());

    JavaRDD<DataBlock> blocks = BlockLayout.byClient(in, BlockLayout.clients(in));
    List<DataBlock> got = blocks.collect();
    assertEquals(2, got.size());
    DataBlock a = got.get(0);
    assertEquals("a", a.client());
    assertEquals(0, a.partition());
    assertEquals(2, a.rows());
    // Samples are columns: (1,2) then (5,6), column-major.
    assertArrayEquals(new double[] {1, 2, 5, 6}, a.features().values(), 0.0);
    assertArrayEquals(new double[] {0, 1}, a.labels(), 0.0);
    assertEquals("b", got.get(1).client());
    assertArrayEquals(new double[] {3, 4}, got.get(1).features().values(), 0.0);

    List<DataBlock> byPart = BlockLayout.byPartition(in, 2).collect();
    assertEquals(2, byPart.size());
    assertEquals(3, byPart.get(0).rows() + byPart.get(1).rows());
  }

  @Test
  void acceptsMlVectorsFloatArraysAndIntegerLabels() {
    StructType vs = new StructType().add("features", new VectorUDT(), false).add("label", DataTypes.IntegerType, false);
    String p = parquet("vec", vs, List.of(RowFactory.create(Vectors.dense(1.5, -2), 3),
        RowFactory.create(Vectors.sparse(2, new int[] {1}, new double[] {7}), 4)));
    ValidatedInput in = read(p, InputFormat.PARQUET, null);
    assertEquals(2, in.dimension());
    DataBlock b = BlockLayout.byPartition(in, 1).collect().get(0);
    assertArrayEquals(new double[] {1.5, -2, 0, 7}, b.features().values(), 0.0);
    assertArrayEquals(new double[] {3, 4}, b.labels(), 0.0);

    StructType fs = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType), false);
    String q = parquet("float", fs, List.of(RowFactory.create((Object) new Float[] {0.5f, 0.25f})));
    ValidatedInput f = read(q, InputFormat.PARQUET, null);
    assertFalse(f.hasLabel());
    assertArrayEquals(new double[] {0.5, 0.25}, BlockLayout.byPartition(f, 1).collect().get(0).features().values(), 0.0);
  }

  @Test
  void csvWithLabelColumnAndLibsvm() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b,y\n1,2,0\n3,4.5,1\n");
    ValidatedInput in = read(csv.toString(), InputFormat.CSV, "y");
    assertEquals(2, in.dimension());
    DataBlock b = BlockLayout.byPartition(in, 1).collect().get(0);
    assertArrayEquals(new double[] {1, 2, 3, 4.5}, b.features().values(), 0.0);
    assertArrayEquals(new double[] {0, 1}, b.labels(), 0.0);
    // Without --label-col every column is a feature.
    assertEquals(3, read(csv.toString(), InputFormat.CSV, null).dimension());

    Path svm = dir.resolve("x.libsvm");
    Files.writeString(svm, "1 1:0.5 3:2\n0 2:1.5\n");
    ValidatedInput l = read(svm.toString(), InputFormat.LIBSVM, null);
    assertEquals(3, l.dimension());
    DataBlock lb = BlockLayout.byPartition(l, 1).collect().get(0);
    assertArrayEquals(new double[] {0.5, 0, 2, 0, 1.5, 0}, lb.features().values(), 0.0);
    assertArrayEquals(new double[] {1, 0}, lb.labels(), 0.0);
  }

  @Test
  void rejectsMissingAndMistypedColumns() {
    StructType noFeatures = new StructType().add("x", DataTypes.DoubleType);
    String p = parquet("nofeat", noFeatures, List.of(RowFactory.create(1.0)));
    String m = failure(p, InputFormat.PARQUET);
    assertTrue(m.contains("no column 'features'") && m.contains("x"), m);

    StructType stringFeatures = new StructType().add("features", DataTypes.StringType);
    String q = parquet("strfeat", stringFeatures, List.of(RowFactory.create("1,2")));
    m = failure(q, InputFormat.PARQUET);
    assertTrue(m.contains("column 'features' is string"), m);

    StructType badLabel = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("label", DataTypes.StringType);
    String r = parquet("strlabel", badLabel, List.of(RowFactory.create(new Double[] {1.0}, "cat")));
    m = failure(r, InputFormat.PARQUET);
    assertTrue(m.contains("column 'label' is string"), m);
  }

  @Test
  void rejectsNonFiniteRaggedNullAndEmpty() {
    String nan = parquet("nan", ARRAY_SCHEMA, List.of(row(new double[] {1, 2}, 0.0, "a"),
        row(new double[] {1, Double.NaN}, 0.0, "a")));
    String m = failure(nan, InputFormat.PARQUET);
    assertTrue(m.contains("row 1") && m.contains("'features'[1] is NaN"), m);

    String inf = parquet("inflabel", ARRAY_SCHEMA, List.of(row(new double[] {1, 2}, Double.POSITIVE_INFINITY, "a")));
    m = failure(inf, InputFormat.PARQUET);
    assertTrue(m.contains("row 0") && m.contains("'label' is Infinity"), m);

    String ragged = parquet("ragged", ARRAY_SCHEMA, List.of(row(new double[] {1, 2}, 0.0, "a"),
        row(new double[] {1, 2}, 0.0, "a"), row(new double[] {1, 2, 3}, 0.0, "a")));
    m = failure(ragged, InputFormat.PARQUET);
    assertTrue(m.contains("row 2") && m.contains("ragged"), m);

    String nul = parquet("null", ARRAY_SCHEMA, List.of(row(null, 0.0, "a")));
    assertTrue(failure(nul, InputFormat.PARQUET).contains("'features' is null"));

    String empty = parquet("empty", ARRAY_SCHEMA, List.of());
    assertTrue(failure(empty, InputFormat.PARQUET).contains("has no rows"));

    assertTrue(failure(dir.resolve("missing").toString(), InputFormat.PARQUET).contains("does not exist"));
  }

  @Test
  void rejectsNonNumericCsvColumnAndUnknownLabelColumn() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,name\n1,x\n");
    assertTrue(failure(csv.toString(), InputFormat.CSV).contains("CSV column 'name' is string"));
    Path ok = dir.resolve("ok.csv");
    Files.writeString(ok, "a,b\n1,2\n");
    String m = assertThrows(InvalidInputException.class, () -> read(ok.toString(), InputFormat.CSV, "y")).getMessage();
    assertTrue(m.contains("--label-col 'y'"), m);
    Path text = dir.resolve("text.parquet");
    Files.writeString(text, "this is not parquet");
    assertTrue(failure(text.toString(), InputFormat.PARQUET).contains("not readable as parquet")
        || failure(text.toString(), InputFormat.PARQUET).contains("cannot be read"));
  }
}
