package dev.geodesic.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.ot.CostMatrix;
import dev.geodesic.ot.DenseCostMatrix;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads {@code ot --cost PATH}: a dense n×m cost matrix as Parquet in {@code data-schemas/ot-cost.schema.json}
 * (one row per source point: {@code row} = i, {@code costs} = C_i0 … C_i,m−1), checked against the sizes
 * of the two point sets before any solve. The matrix is gathered on the driver, where {@code ot} solves,
 * so it is limited to {@link CostMatrix#DENSE_LIMIT} entries.
 */
public final class CostMatrixReader {
  private CostMatrixReader() {}

  /**
   * The n×m matrix at {@code path}.
   *
   * @throws InvalidInputException when the file is unreadable, a column is missing or of the wrong type,
   *     a row index is outside [0, n), repeated or missing, a row has other than m costs, or a cost is null, NaN or infinite
   */
  public static DenseCostMatrix read(SparkSession spark, String path, int n, int m) {
    if ((long) n * m > CostMatrix.DENSE_LIMIT) {
      throw new InvalidInputException("--cost: a " + n + "x" + m + " matrix exceeds " + CostMatrix.DENSE_LIMIT
          + " entries, the most ot holds on the driver");
    }
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(path);
    } catch (Exception e) {
      throw new InvalidInputException("--cost '" + path + "' is not readable as parquet: "
          + DatasetReader.firstLine(e.getMessage()), e);
    }
    StructType actual = raw.schema();
    StructField rowField = field(path, actual, "row");
    StructField costsField = field(path, actual, "costs");
    Dataset<Row> d = raw.select(col("row").cast(DataTypes.LongType),
        Schemas.simpleName(costsField.dataType()).equals("array<double>") ? col("costs")
            : transform(col("costs"), x -> x.cast(DataTypes.DoubleType)).as("costs"));
    List<Row> rows;
    try {
      rows = d.collectAsList();
    } catch (Exception e) {
      throw new InvalidInputException("--cost '" + path + "' cannot be read: "
          + DatasetReader.firstLine(DatasetReader.rootMessage(e)), e);
    }
    if (rows.size() != n) {
      throw new InvalidInputException("--cost '" + path + "' has " + rows.size() + " rows; the first input has "
          + n + " points (one row per source point)");
    }
    double[] c = new double[n * m];
    boolean[] seen = new boolean[n];
    for (Row r : rows) {
      if (r.isNullAt(0)) {
        throw new InvalidInputException("--cost '" + path + "': a 'row' index is null");
      }
      long i = r.getLong(0);
      if (i < 0 || i >= n) {
        throw new InvalidInputException("--cost '" + path + "': row " + i + " is outside 0.." + (n - 1)
            + " (the first input has " + n + " points)");
      }
      if (seen[(int) i]) {
        throw new InvalidInputException("--cost '" + path + "': row " + i + " appears twice");
      }
      seen[(int) i] = true;
      if (r.isNullAt(1)) {
        throw new InvalidInputException("--cost '" + path + "': row " + i + ": 'costs' is null");
      }
      List<Object> v = r.getList(1);
      if (v.size() != m) {
        throw new InvalidInputException("--cost '" + path + "': row " + i + " has " + v.size()
            + " costs; the second input has " + m + " points");
      }
      for (int j = 0; j < m; j++) {
        Object x = v.get(j);
        if (x == null || !Double.isFinite((Double) x)) {
          throw new InvalidInputException("--cost '" + path + "': row " + i + ": 'costs'[" + j + "] is " + x
              + " (costs must be finite)");
        }
        c[(int) i * m + j] = (Double) x;
      }
    }
    return DenseCostMatrix.wrapRowMajor(n, m, c);
  }

  /** The schema's field {@code name}, present in {@code actual} with an accepted type. */
  private static StructField field(String path, StructType actual, String name) {
    StructField expected = Schemas.load(Schemas.OT_COST).apply(name);
    int idx = Schemas.indexOf(actual, name);
    if (idx < 0) {
      throw new InvalidInputException("--cost '" + path + "' has no column '" + name + "' (columns: "
          + String.join(", ", actual.fieldNames()) + "; see data-schemas/ot-cost.schema.json)");
    }
    String type = Schemas.simpleName(actual.fields()[idx].dataType());
    if (!Schemas.accepts(expected).contains(type)) {
      throw new InvalidInputException("--cost '" + path + "': column '" + name + "' is " + type + ", expected "
          + String.join(" or ", Schemas.accepts(expected)));
    }
    return actual.fields()[idx];
  }
}
