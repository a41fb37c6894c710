package dev.geodesic.jobs.data;

import dev.geodesic.data.DataGenerator;
import dev.geodesic.data.LabeledBlock;
import dev.geodesic.jobs.io.DataFrames;
import dev.geodesic.jobs.output.TruthWriter;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code generate}: the plan's rows as {@code data.parquet} in the input schema, and its truth. Each
 * partition is generated on the executor that writes it, from its own stream of the seed, so the
 * same seed and the same partitions give the same rows on any cluster.
 *
 * @param rows total rows, split evenly over the generators and then over their partitions
 * @param dimension d, for the summary
 * @param partitions Spark partitions (0: the default parallelism), shared out among the generators
 */
public record GenerateJob(GeneratorPlan plan, long rows, int dimension, int partitions, long seed) {

  /** Rows of partition {@code partition} of generator {@code generator}. */
  record GenerationTask(int generator, int partition, int rows) implements Serializable {}

  public void run(JobRun run) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    int k = plan.generators().size();
    int parts = partitions > 0 ? partitions : jsc.defaultParallelism();
    int partsPerGenerator = Math.max(1, parts / k);
    int[] perGenerator = DataGenerator.evenPartitionSizes(rows, k);
    List<GenerationTask> tasks = new ArrayList<>();
    for (int g = 0; g < k; g++) {
      int[] sizes = DataGenerator.evenPartitionSizes(perGenerator[g], partsPerGenerator);
      for (int p = 0; p < sizes.length; p++) {
        tasks.add(new GenerationTask(g, p, sizes[p]));
      }
    }
    run.solveStarted();
    final GeneratorPlan pl = plan;
    final SeedSequence seeds = SeedSequence.of(seed).child("generate");
    JavaRDD<Row> rowsRdd = jsc.parallelize(tasks, tasks.size()).flatMap(t -> {
      LabeledBlock b = pl.generators().get(t.generator()).generate(seeds, t.partition(), t.rows());
      return DataFrames.rows(b.features(), b.labels(), pl.clientNames().get(t.generator())).iterator();
    });
    StructType schema = DataFrames.inputSchema(plan.withLabel(), plan.withClient());
    SparkJobs.described(run.spark().sparkContext(), "generate " + plan.method() + " data",
        () -> run.spark().createDataFrame(rowsRdd, schema).write().parquet(run.output().path("data.parquet")));
    TruthWriter.write(run.spark(), plan.truthNames(), plan.truthVectors(), run.output());
    run.solveFinished();
    run.summary().put("method", plan.method()).put("status", "completed")
        .put("rows", rows).put("dimension", dimension).put("partitions", tasks.size());
    if (plan.withClient()) {
      run.summary().put("clients", plan.clientNames());
    }
    plan.summaryFields().forEach(run.summary()::put);
  }
}
