package dev.geodesic.jobs.ml;

import dev.geodesic.jobs.finitesum.FiniteSumChoices;
import dev.geodesic.jobs.finitesum.VarianceReducedFit;
import java.util.Locale;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Logistic regression (binomial or multinomial) fitted by distributed variance-reduced rounds — the
 * {@code finite-sum} command's solver — behind MLlib's {@code LogisticRegression} API: same params
 * ({@code maxIter}, {@code regParam}, {@code elasticNetParam}, {@code tol}, {@code fitIntercept},
 * {@code standardization}, {@code threshold}, {@code family}, the column params), same defaults, same
 * objective (1/N)·Σ ℓ_i + regParam·((1 − α)/2·‖w‖² + α‖w‖₁), intercept unpenalized, penalty on the
 * standardized coefficients when {@code standardization} is on. Its own params: {@code solver}
 * (saga, svrg, lsvrg), {@code innerPasses}, {@code layout}, {@code seed}. Two meanings differ because
 * the method differs: {@code maxIter} is a budget of data passes (one L-BFGS iteration is one pass) and
 * {@code tol} bounds the gradient-mapping norm (zero exactly at the optimum) instead of L-BFGS's
 * relative change of the objective. Labels are class indices 0 … K−1.
 */
public final class VarianceReducedLogisticRegression
    extends ProbabilisticClassifier<Vector, VarianceReducedLogisticRegression, VarianceReducedLogisticRegressionModel>
    implements VarianceReducedLogisticRegressionParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  // no initializers: both are set while the Scala super constructor runs (see PendingUid)
  private String uid;
  private VarianceReducedParamSet params;

  public VarianceReducedLogisticRegression() {
    this(Identifiable$.MODULE$.randomUID("vrLogReg"));
  }

  public VarianceReducedLogisticRegression(String uid) {
    this(PendingUid.park(uid), true);
  }

  private VarianceReducedLogisticRegression(String uid, boolean parked) {
    super();
    this.uid = uid;
    PendingUid.release();
    varianceReducedParams().setDefaults(this);
  }

  @Override
  public String uid() {
    return uid != null ? uid : PendingUid.parked();
  }

  @Override
  public VarianceReducedParamSet varianceReducedParams() {
    if (params == null) {
      params = new VarianceReducedParamSet(uid());
    }
    return params;
  }

  public VarianceReducedLogisticRegression setMaxIter(int value) {
    set(maxIter(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setRegParam(double value) {
    set(regParam(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setElasticNetParam(double value) {
    set(elasticNetParam(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setTol(double value) {
    set(tol(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setFitIntercept(boolean value) {
    set(fitIntercept(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setStandardization(boolean value) {
    set(standardization(), value);
    return this;
  }

  /** Binomial: predict 1 when P(1) > t (the fitted model gets thresholds (1 − t, t)). */
  public VarianceReducedLogisticRegression setThreshold(double value) {
    set(threshold(), value);
    return this;
  }

  public VarianceReducedLogisticRegression setFamily(String value) {
    set(family(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /** {@code saga}, {@code svrg} or {@code lsvrg} (loopless SVRG): the partitions' local solver. */
  public VarianceReducedLogisticRegression setSolver(String value) {
    set(solver(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  public VarianceReducedLogisticRegression setInnerPasses(double value) {
    set(innerPasses(), value);
    return this;
  }

  /** {@code auto} (dense at density ≥ 0.15), {@code dense} or {@code sparse} (CSR blocks). */
  public VarianceReducedLogisticRegression setLayout(String value) {
    set(layout(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * {@code auto} (the default: smoothness for svrg and lsvrg, uniform for saga), {@code smoothness} (rows
   * drawn ∝ their smoothness constant) or {@code uniform}.
   */
  public VarianceReducedLogisticRegression setRowSampling(String value) {
    set(rowSampling(), value.toLowerCase(Locale.ROOT));
    return this;
  }

  public VarianceReducedLogisticRegression setSeed(long value) {
    set(seed(), value);
    return this;
  }

  /** The fit's settings from the params (MLlib's regParam/elasticNetParam split into λ₁, λ₂). */
  VarianceReducedFit.Request request(double[] start) {
    double reg = getRegParam();
    double alpha = getElasticNetParam();
    return new VarianceReducedFit.Request(
        VarianceReducedFit.Family.valueOf(getFamily().toUpperCase(Locale.ROOT)),
        FiniteSumChoices.Method.valueOf(getSolver().toUpperCase(Locale.ROOT)), reg * alpha, reg * (1 - alpha),
        getFitIntercept(), getStandardization(), getTol(), getMaxIter(),
        FiniteSumChoices.LayoutChoice.valueOf(getLayout().toUpperCase(Locale.ROOT)), getInnerPasses(), Double.NaN,
        getSeed(), FiniteSumChoices.Sampling.valueOf(getRowSampling().toUpperCase(Locale.ROOT))
            .sampling(FiniteSumChoices.Method.valueOf(getSolver().toUpperCase(Locale.ROOT))), start);
  }

  @Override
  public VarianceReducedLogisticRegressionModel train(Dataset<?> dataset) {
    Dataset<Row> rows = dataset.select(functions.col(getFeaturesCol()),
        functions.col(getLabelCol()).cast("double"));
    int d = AttributeGroup.fromStructField(dataset.schema().apply(getFeaturesCol())).size();
    if (d < 0) {
      d = ((Vector) rows.first().get(0)).size();
    }
    VarianceReducedFit.Fit fit = VarianceReducedFit.fit(rows.javaRDD(), d, request(null));
    int k = fit.multinomial() ? fit.classes() : 1;
    VarianceReducedLogisticRegressionModel model = new VarianceReducedLogisticRegressionModel(uid(),
        Matrices.dense(k, d, rowMajorToColumnMajor(fit.weights(), k, d)), Vectors.dense(fit.intercepts()),
        fit.classes(), fit.multinomial());
    model.setSummary(new VarianceReducedTrainingSummary(fit));
    if (!fit.multinomial() && isSet(threshold())) {
      model.setThreshold(getThreshold());
    }
    return model;
  }

  /** Spark's dense matrices are column-major. */
  static double[] rowMajorToColumnMajor(double[] a, int rows, int cols) {
    double[] out = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[i * cols + j];
      }
    }
    return out;
  }

  @Override
  public VarianceReducedLogisticRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<VarianceReducedLogisticRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static VarianceReducedLogisticRegression load(String path) {
    return read().load(path);
  }
}
