package dev.geodesic.jobs;

/**
 * Bad usage or bad input: a wrong option value, a missing or mistyped column, NaN/Inf, ragged or
 * empty data, a dimension mismatch. The CLI prints {@code error: <message>} and exits with status 2
 * before anything is written. The message names the culprit (option, column, row, file).
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
