package dev.geodesic.jobs.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params of {@link VarianceReducedLogisticRegression} and its model, as accessor methods (Spark
 * finds a class's params by reflection over its public no-argument methods returning a {@link Param}).
 */
public interface VarianceReducedLogisticRegressionParams extends Params {
  /** The owner's param objects (created on first use, with the owner's uid). */
  VarianceReducedParamSet varianceReducedParams();

  default IntParam maxIter() {
    return varianceReducedParams().maxIter;
  }

  default DoubleParam regParam() {
    return varianceReducedParams().regParam;
  }

  default DoubleParam elasticNetParam() {
    return varianceReducedParams().elasticNetParam;
  }

  default DoubleParam tol() {
    return varianceReducedParams().tol;
  }

  default BooleanParam fitIntercept() {
    return varianceReducedParams().fitIntercept;
  }

  default BooleanParam standardization() {
    return varianceReducedParams().standardization;
  }

  default DoubleParam threshold() {
    return varianceReducedParams().threshold;
  }

  default Param<String> family() {
    return varianceReducedParams().family;
  }

  default Param<String> solver() {
    return varianceReducedParams().solver;
  }

  default DoubleParam innerPasses() {
    return varianceReducedParams().innerPasses;
  }

  default Param<String> layout() {
    return varianceReducedParams().layout;
  }

  default Param<String> rowSampling() {
    return varianceReducedParams().rowSampling;
  }

  default LongParam seed() {
    return varianceReducedParams().seed;
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getRegParam() {
    return (Double) getOrDefault(regParam());
  }

  default double getElasticNetParam() {
    return (Double) getOrDefault(elasticNetParam());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default boolean getFitIntercept() {
    return (Boolean) getOrDefault(fitIntercept());
  }

  default boolean getStandardization() {
    return (Boolean) getOrDefault(standardization());
  }

  default double getThreshold() {
    return (Double) getOrDefault(threshold());
  }

  default String getFamily() {
    return getOrDefault(family());
  }

  default String getSolver() {
    return getOrDefault(solver());
  }

  default double getInnerPasses() {
    return (Double) getOrDefault(innerPasses());
  }

  default String getLayout() {
    return getOrDefault(layout());
  }

  default String getRowSampling() {
    return getOrDefault(rowSampling());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }
}
