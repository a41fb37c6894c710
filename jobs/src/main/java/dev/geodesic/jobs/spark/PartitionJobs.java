package dev.geodesic.jobs.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The per-round Spark job of the iterative commands: one job over an RDD that is already cached,
 * running a {@link Task} on every partition and returning the results <em>in partition order</em>.
 *
 * <p>Why not {@code broadcast} + {@code rdd.mapPartitions(...).collect()}: measured on local[2]
 * (JFR, Spark 4.1), most of the driver's CPU per such job went into Spark's {@code ClosureCleaner},
 * which parses with ASM the class files of the Scala lambdas that the Java API wraps around the
 * user's function (JavaRDDLike's, RDD's, SparkContext's — read from their jars on every call), and
 * the explicit broadcast added its own creation and removal. Here the task object is a named class,
 * which the cleaner skips, the job runs on the cached RDD itself (no new RDD per round), and the
 * round's payload rides in the task's fields, which Spark ships once per job in the task binary it
 * broadcasts anyway. Payloads of more than a few MB (e.g. a large measure) should stay in an
 * explicit {@code Broadcast} held by the task, so that executors deserialize them once.
 *
 * <p>Results are merged on the driver in partition order, never in the order tasks finish, so a
 * sum of floating-point partial results is the same on every run with the same partitioning
 * (unlike {@code treeAggregate}/{@code reduce}, whose driver-side merge follows arrival order).
 * The driver holds every partition's result at once: for a large sum over many partitions (a
 * d-sized gradient from hundreds of partitions) {@code treeAggregate}, which merges on the
 * executors, is the better tool.
 */
public final class PartitionJobs {
  /** One partition's work: its index and its (cached) elements in, one result out. */
  @FunctionalInterface
  public interface Task<T, R> extends Serializable {
    R run(int partition, Iterator<T> elements);
  }

  private PartitionJobs() {}

  /** Runs {@code task} on every partition of {@code rdd} in one job; the results in partition order. */
  public static <T, R> List<R> collect(JavaRDD<T> rdd, Task<T, R> task) {
    RDD<T> r = rdd.rdd();
    int n = r.getNumPartitions();
    List<Object> partitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitions.add(i);
    }
    Object[] results = new Object[n];
    @SuppressWarnings("unchecked")
    ClassTag<Object> tag = (ClassTag<Object>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
    r.sparkContext().runJob(r, new Runner<>(task), CollectionConverters.asScala(partitions).toSeq(),
        new Collector(results), tag);
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) (List<?>) Arrays.asList(results);
    return out;
  }

  /**
   * Runs {@code task} on every partition in one job and folds the results with {@code merge} in
   * partition order on the driver (deterministic for non-associative floating-point merges).
   */
  public static <T, R> R reduce(JavaRDD<T> rdd, Task<T, R> task, BinaryOperator<R> merge) {
    List<R> parts = collect(rdd, task);
    R acc = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      acc = merge.apply(acc, parts.get(i));
    }
    return acc;
  }

  /** The function Spark runs per partition: a named class, so the closure cleaner leaves it alone. */
  private static final class Runner<T, R> extends AbstractFunction2<TaskContext, scala.collection.Iterator<T>, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Task<T, R> task;

    Runner(Task<T, R> task) {
      this.task = task;
    }

    @Override
    public Object apply(TaskContext context, scala.collection.Iterator<T> elements) {
      return task.run(context.partitionId(), CollectionConverters.asJava(elements));
    }
  }

  /** Stores each task's result at its partition's index, on the driver. */
  private static final class Collector extends AbstractFunction2<Object, Object, BoxedUnit> {
    private final Object[] results;

    Collector(Object[] results) {
      this.results = results;
    }

    @Override
    public BoxedUnit apply(Object partition, Object result) {
      results[(Integer) partition] = result;
      return BoxedUnit.UNIT;
    }
  }
}
