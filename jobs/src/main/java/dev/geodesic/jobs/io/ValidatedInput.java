package dev.geodesic.jobs.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An input read into the canonical schema ({@code features} array&lt;double&gt;, optional
 * {@code label} double, optional {@code client} string, optional {@code weight} double) and checked row by row.
 *
 * @param name the path as the user gave it, for messages
 * @param data the canonical rows
 * @param dimension the length of every {@code features} vector
 * @param rows the number of rows
 */
public record ValidatedInput(String name, Dataset<Row> data, int dimension, long rows) {

  public boolean hasLabel() {
    return hasColumn(DatasetReader.LABEL);
  }

  public boolean hasClient() {
    return hasColumn(DatasetReader.CLIENT);
  }

  public boolean hasWeight() {
    return hasColumn(DatasetReader.WEIGHT);
  }

  private boolean hasColumn(String c) {
    for (String n : data.columns()) {
      if (n.equals(c)) {
        return true;
      }
    }
    return false;
  }
}
