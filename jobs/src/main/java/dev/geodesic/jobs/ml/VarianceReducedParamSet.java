package dev.geodesic.jobs.ml;

import java.io.Serializable;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params the variance-reduced logistic regression and its model share, created for one owner's
 * uid. Names, meanings and defaults are MLlib's {@code LogisticRegression}'s where MLlib has the param;
 * {@code solver}, {@code innerPasses}, {@code layout}, {@code rowSampling} and {@code seed} are this solver's
 * own.
 */
public final class VarianceReducedParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  final IntParam maxIter;
  final DoubleParam regParam;
  final DoubleParam elasticNetParam;
  final DoubleParam tol;
  final BooleanParam fitIntercept;
  final BooleanParam standardization;
  final DoubleParam threshold;
  final Param<String> family;
  final Param<String> solver;
  final DoubleParam innerPasses;
  final Param<String> layout;
  final Param<String> rowSampling;
  final LongParam seed;

  VarianceReducedParamSet(String uid) {
    maxIter = new IntParam(uid, "maxIter", "budget of data passes (MLlib: one L-BFGS iteration is one pass) (>= 1)",
        ParamValidators.gtEq(1));
    regParam = new DoubleParam(uid, "regParam", "regularization parameter (>= 0)", ParamValidators.gtEq(0));
    elasticNetParam = new DoubleParam(uid, "elasticNetParam",
        "the ElasticNet mixing parameter, in range [0, 1]: 0 is an L2 penalty, 1 an L1 penalty",
        ParamValidators.inRange(0, 1));
    tol = new DoubleParam(uid, "tol", "stop when the gradient-mapping norm is <= tol (>= 0)", ParamValidators.gtEq(0));
    fitIntercept = new BooleanParam(uid, "fitIntercept", "whether to fit an intercept term");
    standardization = new BooleanParam(uid, "standardization",
        "whether to standardize the training features before fitting the model");
    threshold = new DoubleParam(uid, "threshold", "binomial: predict 1 when P(1) > threshold, in range [0, 1]",
        ParamValidators.inRange(0, 1));
    family = new Param<>(uid, "family", "the family of the label distribution: auto, binomial, multinomial",
        ParamValidators.inArray(new String[] {"auto", "binomial", "multinomial"}));
    solver = new Param<>(uid, "solver", "the partitions' local variance-reduced solver: saga, svrg, lsvrg",
        ParamValidators.inArray(new String[] {"saga", "svrg", "lsvrg"}));
    innerPasses = new DoubleParam(uid, "innerPasses",
        "saga/svrg: local passes over each partition's rows per round (> 0)", ParamValidators.gt(0));
    layout = new Param<>(uid, "layout", "row storage: auto (by density), dense, sparse",
        ParamValidators.inArray(new String[] {"auto", "dense", "sparse"}));
    rowSampling = new Param<>(uid, "rowSampling",
        "how the partitions draw their rows: smoothness (probability proportional to the row's smoothness constant, "
            + "step from the mean constant), uniform (step from the largest) or auto (smoothness for svrg and lsvrg, "
            + "uniform for saga)",
        ParamValidators.inArray(new String[] {"auto", "smoothness", "uniform"}));
    seed = new LongParam(uid, "seed", "random seed of the row sampling");
  }

  /**
   * MLlib's defaults for MLlib's params; SVRG on smoothness-proportional draws (the fastest on the bench),
   * one local pass.
   */
  void setDefaults(Params owner) {
    owner.setDefault(maxIter, 100);
    owner.setDefault(regParam, 0.0);
    owner.setDefault(elasticNetParam, 0.0);
    owner.setDefault(tol, 1e-6);
    owner.setDefault(fitIntercept, true);
    owner.setDefault(standardization, true);
    owner.setDefault(threshold, 0.5);
    owner.setDefault(family, "auto");
    owner.setDefault(solver, "svrg");
    owner.setDefault(innerPasses, 1.0);
    owner.setDefault(layout, "auto");
    owner.setDefault(rowSampling, "auto");
    owner.setDefault(seed, 1L);
  }
}
