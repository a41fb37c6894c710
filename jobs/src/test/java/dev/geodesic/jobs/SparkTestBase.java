package dev.geodesic.jobs;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * One {@code local[2]} Spark session for every test class in the JVM (a JVM holds one SparkContext):
 * UI off, loopback driver, few shuffle partitions. Never stopped by tests; the JVM's exit ends it.
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = session();
  }

  public static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("geodesic-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.ui.showConsoleProgress", "false")
          .getOrCreate();
    }
    return spark;
  }
}
