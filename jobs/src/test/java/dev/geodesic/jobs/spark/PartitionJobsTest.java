package dev.geodesic.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.jobs.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class PartitionJobsTest extends SparkTestBase {
  /** 0..n-1 in {@code parts} partitions of unequal sizes (range partitioning of parallelize), cached. */
  private static JavaRDD<Integer> cached(int n, int parts) {
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      xs.add(i);
    }
    JavaRDD<Integer> rdd = new JavaSparkContext(spark.sparkContext()).parallelize(xs, parts);
    rdd.persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return rdd;
  }

  @Test
  void resultsComeBackInPartitionOrderWhateverOrderTasksFinish() {
    JavaRDD<Integer> rdd = cached(103, 5);
    // Partition 0 finishes last; the results must still be indexed by partition.
    List<String> parts = PartitionJobs.collect(rdd, (p, it) -> {
      if (p == 0) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int first = -1;
      int count = 0;
      long sum = 0;
      while (it.hasNext()) {
        int x = it.next();
        first = first < 0 ? x : first;
        count++;
        sum += x;
      }
      return p + ":" + first + ":" + count + ":" + sum;
    });
    List<List<Integer>> truth = rdd.glom().collect();
    assertEquals(5, parts.size());
    long total = 0;
    for (int p = 0; p < 5; p++) {
      List<Integer> g = truth.get(p);
      long s = g.stream().mapToLong(Integer::longValue).sum();
      total += s;
      assertEquals(p + ":" + g.get(0) + ":" + g.size() + ":" + s, parts.get(p));
    }
    assertEquals(103L * 102 / 2, total);
  }

  @Test
  void reduceFoldsInPartitionOrderSoANonCommutativeMergeIsStable() {
    JavaRDD<Integer> rdd = cached(40, 4);
    String folded = PartitionJobs.reduce(rdd, (p, it) -> {
      if (p == 0) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "[" + p + "]";
    }, String::concat);
    assertEquals("[0][1][2][3]", folded);
  }

  @Test
  void oneJobPerCallAndTheTaskCarriesItsPayload() throws Exception {
    JavaRDD<Integer> rdd = cached(10, 2);
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      double[] payload = {0.5, 2.0};
      double sum = PartitionJobs.reduce(rdd, (p, it) -> {
        double s = 0;
        while (it.hasNext()) {
          s += payload[0] * it.next() + payload[1];
        }
        return s;
      }, Double::sum);
      assertEquals(0.5 * 45 + 2.0 * 10, sum, 0.0);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(1, jobs.get());
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  @Test
  void aFailingTaskFailsTheCallWithItsMessage() {
    JavaRDD<Integer> rdd = cached(10, 2);
    SparkException e = assertThrows(SparkException.class, () -> PartitionJobs.collect(rdd, (p, it) -> {
      throw new IllegalStateException("partition " + p + " refused");
    }));
    assertTrue(String.valueOf(e.getMessage()).contains("refused"), e::getMessage);
  }
}
