package dev.geodesic.iteration;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a run's oracle calls: component evaluations, data passes, messages and bytes exchanged.
 * Safe to update from parallel work within an iteration.
 */
public final class OracleCounter {
  private final LongAdder components = new LongAdder();
  private final DoubleAdder passes = new DoubleAdder();
  private final LongAdder messages = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  public OracleCounter() {}

  /** A counter that continues from saved counts (a resumed run). */
  public static OracleCounter startingAt(OracleCounts c) {
    OracleCounter o = new OracleCounter();
    o.components.add(c.componentEvaluations());
    o.passes.add(c.dataPasses());
    o.messages.add(c.messages());
    o.bytes.add(c.bytes());
    return o;
  }

  /** {@code k} component evaluations. */
  public void components(long k) {
    components.add(k);
  }

  /** {@code p} passes over the data (fractional for a mini-batch). */
  public void passes(double p) {
    passes.add(p);
  }

  /** {@code k} evaluations out of {@code n} components: also counts k / n data passes. */
  public void componentsOf(long k, long n) {
    components.add(k);
    passes.add((double) k / n);
  }

  /** {@code count} messages carrying {@code payloadBytes} bytes in all. */
  public void messages(long count, long payloadBytes) {
    messages.add(count);
    bytes.add(payloadBytes);
  }

  public OracleCounts snapshot() {
    return new OracleCounts(components.sum(), passes.sum(), messages.sum(), bytes.sum());
  }
}
