package dev.geodesic.iteration;

import java.util.function.Supplier;

/** What an {@link IterativeMethod} gets for one iteration. */
public interface IterationContext {
  /** The iteration being done, from 1 (continuing the count on a resumed run). */
  int iteration();

  /** The run's oracle counter. */
  OracleCounter oracle();

  /**
   * Runs work done away from the method's own process (the clients, agents or executors holding
   * the data: one Spark job under the Spark driver). It is timed apart from the method's own work
   * and, under the driver, the Spark jobs it starts are named after the iteration and {@code what}.
   */
  <T> T remote(String what, Supplier<T> work);
}
