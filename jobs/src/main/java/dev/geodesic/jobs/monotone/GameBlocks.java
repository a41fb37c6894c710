package dev.geodesic.jobs.monotone;

import dev.geodesic.jobs.io.DataBlock;
import dev.geodesic.monotone.BlockedOperator;
import dev.geodesic.monotone.ComponentBlock;
import dev.geodesic.monotone.MatrixGame;
import dev.geodesic.monotone.MatrixGameBlock;
import dev.geodesic.monotone.PolicemanBurglar;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Matrix games as cached {@link MatrixGameBlock}s, block q holding components [b_q, b_{q+1}) on
 * partition q, and the norms every method's parameters need, computed on the blocks.
 */
final class GameBlocks {
  private GameBlocks() {}

  /** The norms of A: ‖A‖₂ (power iteration on the blocks), ‖A‖_F and the mean-square constant L_Q. */
  record Norms(double spectral, double frobenius, double meanSquare) {}

  /** Policeman and burglar generated on the executors from the weights (A never exists whole). */
  static JavaRDD<ComponentBlock> policemanBurglar(JavaSparkContext sc, double[] w, double theta, int parts) {
    int[] bounds = BlockedOperator.evenBounds(w.length, parts);
    List<Integer> ids = new ArrayList<>();
    for (int q = 0; q < parts; q++) {
      ids.add(q);
    }
    return persist(sc.parallelize(ids, parts).map(q -> (ComponentBlock) PolicemanBurglar.block(w, theta, bounds[q], bounds[q + 1])),
        "policeman-burglar: generate the game's blocks");
  }

  /**
   * A game whose row i is input row i (rows in input order, {@code data} unshuffled): one shuffle
   * sends each row whole to the block owning component i and its slice A_{i,C_q} to every block q,
   * which then holds its rows and its columns (A's entries travel twice, once).
   */
  static JavaRDD<ComponentBlock> fromRows(JavaRDD<DataBlock> data, long[] offsets, int m, int n, int parts) {
    int comps = Math.max(m, n);
    int[] bounds = BlockedOperator.evenBounds(comps, parts);
    JavaPairRDD<Integer, Piece> pieces = data.flatMapToPair(b -> pieces(b, offsets[b.partition()], m, n, bounds).iterator());
    JavaRDD<ComponentBlock> blocks = pieces.groupByKey(new org.apache.spark.HashPartitioner(parts))
        .map(t -> (ComponentBlock) assemble(t._1(), t._2(), m, n, bounds));
    return persist(blocks, "matrix-game: lay out rows and columns by component");
  }

  /** Rows [first, first + count) of A: full rows when block q owns them, and always their columns C_q. */
  record Piece(int first, int count, double[] fullRows, double[] columnSlice) implements java.io.Serializable {}

  private static List<Tuple2<Integer, Piece>> pieces(DataBlock b, long offset, int m, int n, int[] bounds) {
    List<Tuple2<Integer, Piece>> out = new ArrayList<>();
    int first = (int) offset;
    int count = b.rows();
    double[] a = b.features().values(); // n × count: row r of A is the contiguous slice [r·n, (r+1)·n)
    for (int q = 0; q + 1 < bounds.length; q++) {
      int lo = bounds[q];
      int hi = bounds[q + 1];
      int rFrom = Math.max(first, lo);
      int rTo = Math.min(first + count, Math.min(hi, m));
      double[] full = rTo > rFrom ? java.util.Arrays.copyOfRange(a, (rFrom - first) * n, (rTo - first) * n) : null;
      int cFrom = Math.min(lo, n);
      int cTo = Math.min(hi, n);
      double[] slice = new double[count * (cTo - cFrom)];
      for (int r = 0; r < count; r++) {
        System.arraycopy(a, r * n + cFrom, slice, r * (cTo - cFrom), cTo - cFrom);
      }
      if (full != null || slice.length > 0) {
        out.add(new Tuple2<>(q, new Piece(first, count, full, slice)));
      }
    }
    return out;
  }

  private static MatrixGameBlock assemble(int q, Iterable<Piece> pieces, int m, int n, int[] bounds) {
    int lo = bounds[q];
    int hi = bounds[q + 1];
    int rowLo = Math.min(lo, m);
    int rowCount = Math.max(0, Math.min(hi, m) - lo);
    int cFrom = Math.min(lo, n);
    int width = Math.min(hi, n) - cFrom;
    double[] rows = new double[Math.max(0, rowCount) * n];
    double[] cols = new double[Math.max(0, width) * m];
    for (Piece p : pieces) {
      if (p.fullRows() != null) {
        int rFrom = Math.max(p.first(), lo);
        System.arraycopy(p.fullRows(), 0, rows, (rFrom - rowLo) * n, p.fullRows().length);
      }
      for (int r = 0; r < p.count(); r++) {
        for (int c = 0; c < width; c++) {
          cols[c * m + p.first() + r] = p.columnSlice()[r * width + c];
        }
      }
    }
    return new MatrixGameBlock(lo, hi, m, n, rows, cols);
  }

  /** ‖A‖_F, L_Q, and ‖A‖₂ by power iteration x ← AᵀAx/‖AᵀAx‖ (one job per iteration) to relative change 1e-10. */
  static Norms norms(JavaRDD<ComponentBlock> blocks, int m, int n) {
    double frob2 = blocks.map(b -> ((MatrixGameBlock) b).rowsFrobeniusSquared()).reduce(Double::sum);
    double maxLine = blocks.map(b -> ((MatrixGameBlock) b).maxLineNormSquared()).reduce(Math::max);
    double[] x = new double[n];
    java.util.Arrays.fill(x, 1.0 / Math.sqrt(n));
    double sigma = 0;
    for (int it = 0; it < 1000; it++) {
      final double[] v = x;
      double[] g = blocks.treeAggregate(new double[n], (acc, b) -> {
        ((MatrixGameBlock) b).addGram(v, acc);
        return acc;
      }, (a, c) -> {
        for (int k = 0; k < a.length; k++) {
          a[k] += c[k];
        }
        return a;
      });
      double norm = Math.sqrt(java.util.Arrays.stream(g).map(t -> t * t).sum());
      if (norm == 0) {
        break;
      }
      double next = Math.sqrt(norm);
      for (int k = 0; k < n; k++) {
        x[k] = g[k] / norm;
      }
      boolean done = Math.abs(next - sigma) <= 1e-10 * next;
      sigma = next;
      if (done) {
        break;
      }
    }
    return new Norms(sigma, Math.sqrt(frob2), MatrixGame.meanSquareLipschitz(Math.max(m, n), maxLine));
  }

  static <T> JavaRDD<T> persist(JavaRDD<T> rdd, String description) {
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    rdd.context().setJobDescription(description);
    try {
      rdd.count();
    } finally {
      rdd.context().setJobDescription(null);
    }
    return rdd;
  }
}
