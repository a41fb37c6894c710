package dev.geodesic.jobs.data;

import dev.geodesic.jobs.cli.OptionChecks;

/** {@code generate --kind}: which synthetic data set. */
public enum SyntheticKind {
  GAUSSIAN, PCA, LOGISTIC, LEAST_SQUARES;

  @Override
  public String toString() {
    return OptionChecks.spelling(this);
  }
}
