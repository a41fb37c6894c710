package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.linalg.DenseMatrix;

/** Option values that are lists of numbers ({@code 1,2,3}) or matrices ({@code 1,0;0,1}), parsed and checked finite. */
public final class OptionValues {
  private OptionValues() {}

  /** {@code X1,X2,...}: finite numbers separated by commas. */
  public static double[] vector(String option, String s) {
    String[] parts = s.split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(option + " '" + s + "': '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new InvalidInputException(option + " '" + s + "' has a non-finite value");
      }
    }
    return v;
  }

  /** {@code ROW;ROW;...} of a d×d matrix, each row as {@link #vector}. */
  public static DenseMatrix squareMatrix(String option, String s, int d) {
    String[] rowsText = s.split(";");
    double[][] m = new double[rowsText.length][];
    for (int i = 0; i < rowsText.length; i++) {
      m[i] = vector(option, rowsText[i]);
      if (m[i].length != d) {
        throw new InvalidInputException(option + " row " + (i + 1) + " has " + m[i].length + " values, --dim is " + d);
      }
    }
    if (m.length != d) {
      throw new InvalidInputException(option + " has " + m.length + " rows, --dim is " + d);
    }
    return DenseMatrix.fromRows(m);
  }
}
