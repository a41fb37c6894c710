package dev.geodesic.jobs.output;

import dev.geodesic.jobs.io.Schemas;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one writer of a small result table built on the driver ({@code plan.parquet},
 * {@code result.parquet}, {@code truth.parquet}, {@code distances.parquet}, {@code trace.parquet}):
 * each row is checked against the schema of {@code data-schemas/} before anything is written, so a
 * wrong column fails here naming the file, row and column rather than deep inside a Spark task, and
 * the table is written as one Parquet file.
 */
public final class TableWriter {
  private TableWriter() {}

  /** Writes {@code rows} (in their order) as {@code out/file} in the schema {@code schemaName}. */
  public static void write(SparkSession spark, List<Row> rows, String schemaName, OutputDirectory out, String file) {
    write(spark, rows, Schemas.load(schemaName), schemaName, out, file);
  }

  /**
   * As {@link #write(SparkSession, List, String, OutputDirectory, String)} for a schema that extends
   * {@code schemaName} with more columns (the trace's metric columns).
   */
  public static void write(SparkSession spark, List<Row> rows, StructType schema, String schemaName,
      OutputDirectory out, String file) {
    Schemas.requireConforms(schemaName, schema, true);
    for (int k = 0; k < rows.size(); k++) {
      check(rows.get(k), schema, file, k);
    }
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.path(file));
  }

  private static void check(Row row, StructType schema, String file, int k) {
    StructField[] fields = schema.fields();
    if (row.length() != fields.length) {
      throw new IllegalStateException(file + " row " + k + " has " + row.length() + " values for the "
          + fields.length + " columns " + String.join(",", schema.fieldNames()));
    }
    for (int c = 0; c < fields.length; c++) {
      Object v = row.get(c);
      StructField f = fields[c];
      if (v == null ? !f.nullable() : !fits(v, f.dataType())) {
        throw new IllegalStateException(file + " row " + k + ": column '" + f.name() + "' (" + f.dataType().simpleString()
            + (f.nullable() ? "" : ", not null") + ") cannot hold " + (v == null ? "null" : v.getClass().getSimpleName()));
      }
    }
  }

  private static boolean fits(Object v, DataType t) {
    if (t.sameType(DataTypes.IntegerType)) {
      return v instanceof Integer;
    }
    if (t.sameType(DataTypes.LongType)) {
      return v instanceof Long;
    }
    if (t.sameType(DataTypes.DoubleType)) {
      return v instanceof Double;
    }
    if (t.sameType(DataTypes.StringType)) {
      return v instanceof String;
    }
    if (t.sameType(DataTypes.BooleanType)) {
      return v instanceof Boolean;
    }
    if (t instanceof ArrayType a && a.elementType().sameType(DataTypes.DoubleType)) {
      return v instanceof double[] || v instanceof List || v instanceof scala.collection.Seq;
    }
    return true; // types no result table uses are left to Spark
  }
}
