package dev.geodesic.jobs.io;

import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Dense blocks back to rows of the canonical input schema (for {@code generate} and {@code import}). */
public final class DataFrames {
  private DataFrames() {}

  /** The canonical input schema with only the columns present (from {@code input.schema.json}; never a weight). */
  public static StructType inputSchema(boolean withLabel, boolean withClient) {
    List<StructField> f = new ArrayList<>();
    for (StructField s : Schemas.load(Schemas.INPUT).fields()) {
      if (s.name().equals(DatasetReader.WEIGHT)
          || s.name().equals(DatasetReader.LABEL) && !withLabel
          || s.name().equals(DatasetReader.CLIENT) && !withClient) {
        continue;
      }
      f.add(DataTypes.createStructField(s.name(), s.dataType(), s.nullable(), s.metadata()));
    }
    return DataTypes.createStructType(f);
  }

  /** Rows of one block: sample j is column j of {@code features}. */
  public static List<Row> rows(DenseMatrix features, double[] labels, String client) {
    int d = features.rows();
    int n = features.cols();
    double[] v = features.values();
    List<Row> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      double[] x = new double[d];
      System.arraycopy(v, j * d, x, 0, d);
      List<Object> cells = new ArrayList<>(3);
      cells.add(x);
      if (labels != null) {
        cells.add(labels[j]);
      }
      if (client != null) {
        cells.add(client);
      }
      out.add(RowFactory.create(cells.toArray()));
    }
    return out;
  }
}
