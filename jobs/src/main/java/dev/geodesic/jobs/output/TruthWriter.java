package dev.geodesic.jobs.output;

import dev.geodesic.jobs.io.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** {@code truth.parquet}: the known answer behind generated data (means, subspace, weights). */
public final class TruthWriter {
  private TruthWriter() {}

  public static void write(SparkSession spark, List<String> names, List<double[]> vectors, OutputDirectory out) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      rows.add(RowFactory.create(names.get(k), vectors.get(k)));
    }
    TableWriter.write(spark, rows, Schemas.TRUTH, out, "truth.parquet");
  }
}
