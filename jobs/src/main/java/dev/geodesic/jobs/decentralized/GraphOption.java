package dev.geodesic.jobs.decentralized;

import dev.geodesic.graph.CommunicationGraph;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.random.SeedSequence;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code --graph} option: {@code ring}, {@code er} (Erdős–Rényi with {@code --edge-prob}),
 * {@code complete}, {@code star}, {@code torus}, or a Parquet edge list with integer columns
 * {@code source} and {@code target} naming agents 0..n−1 (each undirected edge once). A graph that
 * is not simple and connected on the agents ends in {@code error: --graph …}.
 */
final class GraphOption {
  private GraphOption() {}

  static final List<String> NAMED = List.of("ring", "er", "complete", "star", "torus");

  static CommunicationGraph build(SparkSession spark, String graph, int agents, double edgeProb, SeedSequence seeds) {
    try {
      return switch (graph) {
        case "ring" -> CommunicationGraph.ring(agents);
        case "er" -> CommunicationGraph.erdosRenyi(agents, edgeProb, seeds);
        case "complete" -> CommunicationGraph.complete(agents);
        case "star" -> CommunicationGraph.star(agents);
        case "torus" -> CommunicationGraph.torus(agents);
        default -> CommunicationGraph.fromEdges(agents, readEdges(spark, graph));
      };
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--graph " + graph + ": " + e.getMessage(), e);
    }
  }

  private static List<int[]> readEdges(SparkSession spark, String path) {
    Dataset<Row> d;
    try {
      // Spark's reader logs a missing path's stack trace before it fails: look first.
      Path p = new Path(path);
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new InvalidInputException("--graph " + path + ": not ring|er|complete|star|torus and no such file");
      }
      d = spark.read().parquet(path);
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) { // AnalysisException (a missing path) is checked in Java's eyes but thrown undeclared
      throw new InvalidInputException("--graph " + path + ": not ring|er|complete|star|torus and not a readable Parquet"
          + " edge list (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    for (String c : List.of("source", "target")) {
      if (!List.of(d.columns()).contains(c)) {
        throw new InvalidInputException("--graph " + path + ": the edge list has no column '" + c + "' (columns "
            + List.of(d.columns()) + ")");
      }
      DataType t = d.schema().apply(c).dataType();
      if (!t.equals(DataTypes.IntegerType) && !t.equals(DataTypes.LongType)) {
        throw new InvalidInputException("--graph " + path + ": column '" + c + "' is " + t.simpleString() + ", expected int or bigint");
      }
    }
    List<int[]> edges = new ArrayList<>();
    int k = 0;
    for (Row r : d.select("source", "target").collectAsList()) {
      if (r.isNullAt(0) || r.isNullAt(1)) {
        throw new InvalidInputException("--graph " + path + ": edge " + k + " has a null endpoint");
      }
      long a = ((Number) r.get(0)).longValue();
      long b = ((Number) r.get(1)).longValue();
      if (a < 0 || b < 0 || a > Integer.MAX_VALUE || b > Integer.MAX_VALUE) {
        throw new InvalidInputException("--graph " + path + ": edge " + k + " {" + a + ", " + b + "} names a node outside 0..");
      }
      edges.add(new int[] {(int) a, (int) b});
      k++;
    }
    return edges;
  }
}
