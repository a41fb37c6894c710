package dev.geodesic.jobs;

/**
 * The run could not start for a reason outside its options and data: Spark failed to start, the
 * cluster manager was unreachable or refused the application (e.g. authentication), or no executor
 * registered within the start-up timeout. The CLI prints {@code error: <message>} and exits with
 * status 3; nothing is written. Retrying later, or fixing the cluster, may succeed with the same
 * command line.
 */
public class EnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message) {
    super(message);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
