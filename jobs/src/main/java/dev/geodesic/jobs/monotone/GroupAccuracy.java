package dev.geodesic.jobs.monotone;

import dev.geodesic.jobs.io.DatasetReader;
import dev.geodesic.jobs.io.ValidatedInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The accuracy of the linear classifier z = wᵀa + b ≥ 0 ⇒ 1 in each group of the input's
 * {@code client} column (e.g. Fashion-MNIST's ten original classes, {@code import --client-from-label}):
 * one pass over the input's rows, each partition counting its rows and hits per group, the counts
 * merged on the driver (rows without a client form the group ""). The worst group is the one DRO protects; the label classes are a coarser grouping.
 */
final class GroupAccuracy {
  private GroupAccuracy() {}

  /** Per group (sorted by name): {rows, correctly classified}. */
  static Map<String, long[]> byClient(ValidatedInput input, double[] u, int d) {
    List<String> columns = Arrays.asList(input.data().columns());
    int features = columns.indexOf(DatasetReader.FEATURES);
    int label = columns.indexOf(DatasetReader.LABEL);
    int client = columns.indexOf(DatasetReader.CLIENT);
    final double[] w = Arrays.copyOf(u, d + 1);
    List<Map<String, long[]>> parts = input.data().javaRDD().mapPartitions((Iterator<Row> rows) -> {
      Map<String, long[]> counts = new TreeMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        List<Object> a = r.getList(features);
        double z = w[d];
        for (int k = 0; k < d; k++) {
          z += w[k] * (Double) a.get(k);
        }
        long[] c = counts.computeIfAbsent(r.isNullAt(client) ? "" : r.getString(client), g -> new long[2]);
        c[0]++;
        if ((z >= 0 ? 1.0 : 0.0) == r.getDouble(label)) {
          c[1]++;
        }
      }
      List<Map<String, long[]>> one = new ArrayList<>(1);
      one.add(counts);
      return one.iterator();
    }).collect();
    Map<String, long[]> all = new TreeMap<>();
    for (Map<String, long[]> p : parts) {
      p.forEach((g, c) -> {
        long[] t = all.computeIfAbsent(g, k -> new long[2]);
        t[0] += c[0];
        t[1] += c[1];
      });
    }
    return all;
  }

  /** The smallest group accuracy. */
  static double worst(Map<String, long[]> groups) {
    return groups.values().stream().mapToDouble(c -> (double) c[1] / c[0]).min().orElse(Double.NaN);
  }
}
