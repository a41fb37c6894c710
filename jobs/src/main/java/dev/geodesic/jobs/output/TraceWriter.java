package dev.geodesic.jobs.output;

import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a {@link Trace} as {@code trace.parquet} (schema {@code data-schemas/trace.schema.json}
 * plus one double column per metric) and {@code trace.csv} (same columns, one file).
 */
public final class TraceWriter {
  private TraceWriter() {}

  public static StructType schema(Trace trace) {
    List<StructField> fields = new ArrayList<>(List.of(Schemas.load(Schemas.TRACE).fields()));
    for (String m : trace.metricNames()) {
      fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(fields);
  }

  public static void write(SparkSession spark, Trace trace, OutputDirectory out) {
    StructType schema = schema(trace);
    List<Row> rows = new ArrayList<>();
    for (IterationRecord r : trace.records()) {
      Object[] v = new Object[2 + r.metrics().size()];
      v[0] = r.iteration();
      v[1] = r.elapsedSeconds();
      int k = 2;
      for (Double m : r.metrics().values()) {
        v[k++] = m;
      }
      rows.add(RowFactory.create(v));
    }
    TableWriter.write(spark, rows, schema, Schemas.TRACE, out, "trace.parquet");
    out.writeText("trace.csv", csv(trace, schema));
  }

  static String csv(Trace trace, StructType schema) {
    StringBuilder sb = new StringBuilder(String.join(",", schema.fieldNames())).append('\n');
    for (IterationRecord r : trace.records()) {
      sb.append(r.iteration()).append(',').append(num(r.elapsedSeconds()));
      for (Double m : r.metrics().values()) {
        sb.append(',').append(num(m));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
