package dev.geodesic.jobs.driver;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Cutting RDD lineage. A method whose state lives in RDDs derived round after round (x_{k+1} =
 * x_k.map(…)) builds a lineage one step longer each round: scheduling and task serialization slow
 * down and, after a few thousand rounds, overflow the stack. {@link Holder}s registered with the
 * driver are asked to cut theirs every few rounds; {@link #cut} does it with a local checkpoint
 * (blocks kept on the executors, no reliable storage needed: the driver's own checkpoints are what
 * survives a driver failure). A local checkpoint has no lineage to recompute a lost block from, so
 * the blocks are replicated on two executors: one lost executor leaves the other copy.
 */
public final class Lineage {
  private Lineage() {}

  /** Something that holds RDDs whose lineage grows with the rounds. */
  @FunctionalInterface
  public interface Holder {
    /** Replaces the held RDDs by lineage-free equivalents (e.g. with {@link Lineage#cut}). */
    void cutLineage();
  }

  /**
   * An RDD with the same partitions and elements whose lineage starts at its own blocks: persisted
   * (on a cluster replicated, {@code MEMORY_AND_DISK_2}; in local mode there is no second block
   * manager to hold a copy), locally checkpointed and materialized (one Spark job). A fresh RDD is
   * checkpointed rather than {@code rdd} itself because Spark only checkpoints an RDD marked before
   * its first action, and the held RDD has usually been acted on already.
   */
  public static <T> JavaRDD<T> cut(JavaRDD<T> rdd) {
    JavaRDD<T> fresh = rdd.mapPartitions(it -> it, true);
    fresh.persist(rdd.context().isLocal() ? StorageLevel.MEMORY_AND_DISK() : StorageLevel.MEMORY_AND_DISK_2());
    fresh.rdd().localCheckpoint();
    fresh.count();
    return fresh;
  }
}
