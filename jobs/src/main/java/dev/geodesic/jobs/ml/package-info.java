/**
 * Spark ML estimators on Geodesic's solvers, drop-in for MLlib's: {@link
 * dev.geodesic.jobs.ml.VarianceReducedLogisticRegression} fits what MLlib's {@code LogisticRegression}
 * fits (same params, same objective) by the {@code finite-sum} command's distributed variance-reduced
 * rounds, and its {@link dev.geodesic.jobs.ml.VarianceReducedLogisticRegressionModel} transforms, saves
 * and loads as MLlib models do, in a {@code Pipeline} from Java or Scala.
 */
package dev.geodesic.jobs.ml;
