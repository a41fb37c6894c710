package dev.geodesic.jobs.output;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Logs iterations as they happen, one line each: {@code [fedwad] round 3  upper=… lower=… (1.2 s)}.
 * The first ten are always shown, later ones at most once a second so long runs stay readable.
 */
public final class ProgressLog implements ProgressListener {
  private final String prefix;
  private final String unit;
  private final PrintStream out;
  private long lastPrintNanos;

  public ProgressLog(String prefix, String unit, PrintStream out) {
    this.prefix = prefix;
    this.unit = unit;
    this.out = out;
  }

  @Override
  public void onIteration(IterationRecord r) {
    long now = System.nanoTime();
    if (r.iteration() <= 10 || now - lastPrintNanos >= 1_000_000_000L) {
      out.println(format(r));
      out.flush();
      lastPrintNanos = now;
    }
  }

  public String format(IterationRecord r) {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(prefix).append("] ").append(unit).append(' ').append(r.iteration());
    for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
      sb.append("  ").append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.6g", e.getValue()));
    }
    sb.append(String.format(Locale.ROOT, "  (%.2f s)", r.elapsedSeconds()));
    return sb.toString();
  }
}
