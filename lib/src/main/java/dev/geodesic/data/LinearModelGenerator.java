package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import dev.geodesic.random.SeedSequence;
import java.util.SplittableRandom;

/**
 * What the regression generators share: features x ~ N(0, Σ_x), a true weight vector w* and
 * intercept b, and rows drawn as "d normals for x, then the label's own draws" from the stream
 * {@code seeds.stream(rowsPurpose, partition)}. A subclass says how the score w*ᵀx + b becomes a label.
 */
abstract class LinearModelGenerator implements DataGenerator {
  private static final long serialVersionUID = 1L;

  private final double[] weights;
  private final double intercept;
  private final GaussianSampler features;
  private final String rowsPurpose;

  LinearModelGenerator(int dimension, double[] trueWeights, double intercept, DenseMatrix featureCovariance,
      String rowsPurpose) {
    GaussianSampler.requireFinite(trueWeights, "true weights");
    if (trueWeights.length != dimension) {
      throw new IllegalArgumentException(
          "true weights have length " + trueWeights.length + ", dimension is " + dimension);
    }
    this.weights = trueWeights.clone();
    this.intercept = intercept;
    this.features = featureCovariance == null
        ? GaussianSampler.standard(dimension)
        : GaussianSampler.of(new double[dimension], featureCovariance, Lapack.reproducible());
    this.rowsPurpose = rowsPurpose;
  }

  /** The checks every regression config makes: d ≥ 1, ‖w*‖ ≥ 0 and finite, a finite intercept. */
  static void checkModel(int dimension, double weightNorm, double intercept) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    if (!(weightNorm >= 0) || !Double.isFinite(weightNorm) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException("need weightNorm >= 0 and a finite intercept, got "
          + weightNorm + ", " + intercept);
    }
  }

  /** w* as a uniformly random direction of norm {@code norm}, from {@code seeds.stream(purpose)}. */
  static double[] randomWeights(SeedSequence seeds, String purpose, int dimension, double norm) {
    return GaussianSampler.randomDirection(seeds.stream(purpose), dimension, norm);
  }

  /** The label of a row with score t = w*ᵀx + b, drawing what it needs from {@code r}. */
  abstract double label(double score, SplittableRandom r);

  @Override
  public int dimension() {
    return weights.length;
  }

  /** w*, copied. */
  public double[] trueWeights() {
    return weights.clone();
  }

  /** b. */
  public double intercept() {
    return intercept;
  }

  @Override
  public LabeledBlock generate(SeedSequence seeds, int partition, int rows) {
    int d = dimension();
    PartitionArguments.check(seeds, partition, rows, d);
    SplittableRandom r = seeds.stream(rowsPurpose, partition);
    double[] x = new double[rows * d];
    double[] y = new double[rows];
    double[] z = new double[d];
    for (int j = 0; j < rows; j++) {
      int off = j * d;
      features.sample(r, x, off, z);
      double t = intercept;
      for (int i = 0; i < d; i++) {
        t += weights[i] * x[off + i];
      }
      y[j] = label(t, r);
    }
    return new LabeledBlock(DenseMatrix.wrap(d, rows, x), y);
  }
}
