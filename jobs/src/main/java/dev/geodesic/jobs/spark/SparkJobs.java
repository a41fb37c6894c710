package dev.geodesic.jobs.spark;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * The one way code names the Spark jobs it starts: the description shows in the Spark UI and the
 * event log next to every job {@code work} triggers, and the caller's own description (e.g. the
 * round of an iterative job) comes back afterwards, also when {@code work} throws.
 */
public final class SparkJobs {
  private static final String DESCRIPTION = "spark.job.description";

  private SparkJobs() {}

  public static <T> T described(SparkContext sc, String description, Supplier<T> work) {
    String previous = sc.getLocalProperty(DESCRIPTION);
    sc.setJobDescription(description);
    try {
      return work.get();
    } finally {
      sc.setLocalProperty(DESCRIPTION, previous);
    }
  }

  public static void described(SparkContext sc, String description, Runnable work) {
    described(sc, description, () -> {
      work.run();
      return null;
    });
  }
}
