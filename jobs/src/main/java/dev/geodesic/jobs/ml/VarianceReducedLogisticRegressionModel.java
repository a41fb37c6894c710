package dev.geodesic.jobs.ml;

import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted {@link VarianceReducedLogisticRegression}: as MLlib's {@code LogisticRegressionModel}, a
 * K×d {@link #coefficientMatrix()} and K intercepts (K = 1 for binomial, with {@link #coefficients()}
 * and {@link #intercept()}); {@code transform} adds {@code rawPrediction} (binomial: (−m, m) with m the
 * margin; multinomial: the K margins), {@code probability} (sigmoid / softmax) and {@code prediction}.
 * Saved as MLlib saves its models: the params as {@code metadata/} JSON and the coefficients as one
 * Parquet row in {@code data/}.
 */
public final class VarianceReducedLogisticRegressionModel
    extends ProbabilisticClassificationModel<Vector, VarianceReducedLogisticRegressionModel>
    implements VarianceReducedLogisticRegressionParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private String uid;
  private VarianceReducedParamSet params;
  private final Matrix coefficientMatrix;
  private final Vector interceptVector;
  private final int numClasses;
  private final boolean multinomial;
  /** Not shipped to the tasks that transform. */
  private transient VarianceReducedTrainingSummary summary;

  VarianceReducedLogisticRegressionModel(String uid, Matrix coefficientMatrix, Vector interceptVector, int numClasses,
      boolean multinomial) {
    this(PendingUid.park(uid), coefficientMatrix, interceptVector, numClasses, multinomial, true);
  }

  private VarianceReducedLogisticRegressionModel(String uid, Matrix coefficientMatrix, Vector interceptVector,
      int numClasses, boolean multinomial, boolean parked) {
    super();
    this.uid = uid;
    PendingUid.release();
    varianceReducedParams().setDefaults(this);
    this.coefficientMatrix = coefficientMatrix;
    this.interceptVector = interceptVector;
    this.numClasses = numClasses;
    this.multinomial = multinomial;
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

  /** Binomial: predict 1 when P(1) > t, i.e. thresholds (1 − t, t). */
  public VarianceReducedLogisticRegressionModel setThreshold(double value) {
    set(threshold(), value);
    if (!multinomial) {
      setThresholds(new double[] {1 - value, value});
    }
    return this;
  }

  /** K×d: row k holds the weights of class k (one row for binomial). */
  public Matrix coefficientMatrix() {
    return coefficientMatrix;
  }

  /** The K intercepts. */
  public Vector interceptVector() {
    return interceptVector;
  }

  /** Binomial only: the d weights. */
  public Vector coefficients() {
    if (multinomial) {
      throw new IllegalStateException("a multinomial model has a matrix of coefficients: use coefficientMatrix()");
    }
    return Vectors.dense(row(0));
  }

  /** Binomial only: the intercept. */
  public double intercept() {
    if (multinomial) {
      throw new IllegalStateException("a multinomial model has K intercepts: use interceptVector()");
    }
    return interceptVector.apply(0);
  }

  public boolean isMultinomial() {
    return multinomial;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int numFeatures() {
    return coefficientMatrix.numCols();
  }

  /** Whether the model carries the summary of its fit (a loaded model does not). */
  public boolean hasSummary() {
    return summary != null;
  }

  public VarianceReducedTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("no training summary: the model was loaded, not fitted");
    }
    return summary;
  }

  void setSummary(VarianceReducedTrainingSummary s) {
    this.summary = s;
  }

  private double[] row(int k) {
    int d = coefficientMatrix.numCols();
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = coefficientMatrix.apply(k, j);
    }
    return w;
  }

  /** b_k + w_kᵀx over x's stored entries. */
  private double margin(int k, Vector x) {
    double m = interceptVector.apply(k);
    if (x instanceof SparseVector s) {
      int[] idx = s.indices();
      double[] val = s.values();
      for (int q = 0; q < idx.length; q++) {
        m += coefficientMatrix.apply(k, idx[q]) * val[q];
      }
    } else {
      double[] val = x.toArray();
      for (int j = 0; j < val.length; j++) {
        m += coefficientMatrix.apply(k, j) * val[j];
      }
    }
    return m;
  }

  @Override
  public Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) {
      throw new IllegalArgumentException("a row has " + features.size() + " features, the model " + numFeatures());
    }
    if (!multinomial) {
      double m = margin(0, features);
      return Vectors.dense(-m, m);
    }
    double[] z = new double[numClasses];
    for (int k = 0; k < numClasses; k++) {
      z[k] = margin(k, features);
    }
    return Vectors.dense(z);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector raw) {
    double[] v = ((DenseVector) raw).values();
    if (!multinomial) {
      double p = 1.0 / (1.0 + Math.exp(-v[1]));
      v[0] = 1.0 - p;
      v[1] = p;
      return raw;
    }
    // softmax shifted by the largest margin: no overflow
    double max = Double.NEGATIVE_INFINITY;
    for (double z : v) {
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.exp(v[k] - max);
      sum += v[k];
    }
    for (int k = 0; k < v.length; k++) {
      v[k] /= sum;
    }
    return raw;
  }

  @Override
  public VarianceReducedLogisticRegressionModel copy(ParamMap extra) {
    VarianceReducedLogisticRegressionModel m = new VarianceReducedLogisticRegressionModel(uid(), coefficientMatrix,
        interceptVector, numClasses, multinomial);
    m.summary = summary;
    return copyValues(m, extra).setParent(parent());
  }

  /**
   * Spark's own (the probabilistic model's); restated because Scala's covariant override of it leaves
   * javac two inherited signatures.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<VarianceReducedLogisticRegressionModel> read() {
    return new Reader();
  }

  public static VarianceReducedLogisticRegressionModel load(String path) {
    return read().load(path);
  }

  private static final StructType DATA = new StructType(new StructField[] {
      DataTypes.createStructField("numClasses", DataTypes.IntegerType, false),
      DataTypes.createStructField("numFeatures", DataTypes.IntegerType, false),
      DataTypes.createStructField("interceptVector", SQLDataTypes.VectorType(), false),
      DataTypes.createStructField("coefficientMatrix", SQLDataTypes.MatrixType(), false),
      DataTypes.createStructField("isMultinomial", DataTypes.BooleanType, false)});

  /** metadata/ (params, as DefaultParamsWriter writes them) and data/ (one Parquet row of coefficients). */
  private static final class Writer extends MLWriter {
    private final VarianceReducedLogisticRegressionModel model;

    Writer(VarianceReducedLogisticRegressionModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      Row row = RowFactory.create(model.numClasses, model.numFeatures(), model.interceptVector,
          model.coefficientMatrix, model.multinomial);
      sparkSession().createDataFrame(List.of(row), DATA).repartition(1).write()
          .parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
    }
  }

  private static final class Reader extends MLReader<VarianceReducedLogisticRegressionModel> {
    @Override
    public VarianceReducedLogisticRegressionModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
          VarianceReducedLogisticRegressionModel.class.getName());
      Row r = sparkSession().read().parquet(new org.apache.hadoop.fs.Path(path, "data").toString()).first();
      VarianceReducedLogisticRegressionModel model = new VarianceReducedLogisticRegressionModel(metadata.uid(),
          r.getAs("coefficientMatrix"), r.getAs("interceptVector"), r.<Integer>getAs("numClasses"),
          r.<Boolean>getAs("isMultinomial"));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
