package dev.geodesic.progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A listener that keeps every record: the solver's full trace, written out at the end as
 * {@code trace.parquet}, {@code trace.csv} and the report's plots. Every record must carry the same
 * metric names as the first one.
 */
public final class Trace implements ProgressListener {
  private final List<IterationRecord> records = new ArrayList<>();

  @Override
  public synchronized void onIteration(IterationRecord record) {
    if (!records.isEmpty()) {
      List<String> expected = metricNames();
      if (!expected.equals(new ArrayList<>(record.metrics().keySet()))) {
        throw new IllegalArgumentException(
            "trace metrics changed from " + expected + " to " + record.metrics().keySet());
      }
    }
    records.add(record);
  }

  public synchronized List<IterationRecord> records() {
    return Collections.unmodifiableList(new ArrayList<>(records));
  }

  public synchronized List<String> metricNames() {
    return records.isEmpty() ? List.of() : new ArrayList<>(records.get(0).metrics().keySet());
  }

  public synchronized int size() {
    return records.size();
  }

  /** The values of one metric across iterations. */
  public synchronized double[] column(String metric) {
    double[] out = new double[records.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = records.get(k).metric(metric);
    }
    return out;
  }
}
