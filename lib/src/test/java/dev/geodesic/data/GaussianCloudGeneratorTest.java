package dev.geodesic.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.random.SeedSequence;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianCloudGeneratorTest {
  private static final int N = 20_000;
  /** Tolerances are 5 standard errors: a correct generator fails with probability below ~1e-6 per check. */
  private static final double Z = 5.0;

  private static final double[] MEAN = {1.0, -2.0, 0.5};
  private static final DenseMatrix COV = DenseMatrix.fromRows(new double[][] {
      {2.0, 0.6, -0.3},
      {0.6, 1.0, 0.2},
      {-0.3, 0.2, 0.5}});

  /**
   * Sample mean within 5·√(Σ_ii/n); sample covariance about the true mean within
   * 5·√((Σ_aa·Σ_bb + Σ_ab²)/n), the standard deviation of a Gaussian product moment.
   */
  private static void assertMoments(DenseMatrix x, double[] mean, DenseMatrix cov) {
    int n = x.cols();
    int d = mean.length;
    double[] m = Stats.mean(x);
    for (int i = 0; i < d; i++) {
      assertEquals(mean[i], m[i], Z * Math.sqrt(cov.get(i, i) / n), "mean " + i);
    }
    DenseMatrix s = Stats.covariance(x, mean);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double se = Math.sqrt((cov.get(a, a) * cov.get(b, b) + cov.get(a, b) * cov.get(a, b)) / n);
        assertEquals(cov.get(a, b), s.get(a, b), Z * se, "cov(" + a + "," + b + ")");
      }
    }
  }

  private static GaussianCloudGenerator single() {
    return new GaussianCloudGenerator(
        new GaussianCloudGenerator.Config(List.of(new GaussianCloudGenerator.Cloud(MEAN, COV, 1.0))));
  }

  @Test
  void fullCovarianceCloudHasTheGivenMoments() {
    LabeledBlock b = single().generate(SeedSequence.of(11), new int[] {N / 2, N / 2});
    assertEquals(3, b.dimension());
    assertEquals(N, b.size());
    assertNull(b.labels(), "a single cloud is unlabeled");
    assertMoments(b.features(), MEAN, COV);
  }

  @Test
  void isotropicConvenienceHasTheGivenMoments() {
    double[] mean = {3.0, 0.0, -1.0, 2.0};
    double sigma = 0.7;
    LabeledBlock b = new GaussianCloudGenerator(mean, sigma).generate(SeedSequence.of(5), 0, N);
    DenseMatrix cov = DenseMatrix.identity(4);
    for (int i = 0; i < 4; i++) {
      cov.set(i, i, sigma * sigma);
    }
    assertMoments(b.features(), mean, cov);
  }

  @Test
  void singularCovarianceUsesThePsdRootAndStaysInItsRange() {
    // Σ = v·vᵀ + u·uᵀ with v, u ⟂ e = (1,-1,1)/√3: rank 2, not positive definite (Cholesky fails).
    double[] v = {1, 1, 0};
    double[] u = {0, 1, 1};
    DenseMatrix cov = DenseMatrix.zeros(3, 3);
    for (int a = 0; a < 3; a++) {
      for (int c = 0; c < 3; c++) {
        cov.set(a, c, v[a] * v[c] + u[a] * u[c]);
      }
    }
    double[] mean = {0.5, 0.5, 0.5};
    LabeledBlock b = new GaussianCloudGenerator(new GaussianCloudGenerator.Config(
        List.of(new GaussianCloudGenerator.Cloud(mean, cov, 1.0)))).generate(SeedSequence.of(8), 0, N);
    assertMoments(b.features(), mean, cov);
    // Every point minus the mean is orthogonal to the null direction (1,-1,1), up to rounding.
    double[] x = b.features().values();
    double worst = 0;
    for (int j = 0; j < N; j++) {
      double t = (x[3 * j] - mean[0]) - (x[3 * j + 1] - mean[1]) + (x[3 * j + 2] - mean[2]);
      worst = Math.max(worst, Math.abs(t));
    }
    assertTrue(worst < 1e-12, "component along the null space " + worst);
  }

  @Test
  void rejectsIndefiniteOrAsymmetricCovariance() {
    DenseMatrix indefinite = DenseMatrix.fromRows(new double[][] {{1, 2}, {2, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianCloudGenerator(new GaussianCloudGenerator.Config(List.of(
            new GaussianCloudGenerator.Cloud(new double[2], indefinite, 1)))));
    assertTrue(e.getMessage().contains("positive semi-definite"), e.getMessage());
    DenseMatrix asym = DenseMatrix.fromRows(new double[][] {{1, 0.5}, {0.1, 1}});
    e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianCloudGenerator(new GaussianCloudGenerator.Config(List.of(
            new GaussianCloudGenerator.Cloud(new double[2], asym, 1)))));
    assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
  }

  @Test
  void mixtureLabelsFollowTheWeightsAndEachCloudItsMoments() {
    double[] m0 = {-4, 0};
    double[] m1 = {4, 1};
    DenseMatrix c1 = DenseMatrix.fromRows(new double[][] {{1, 0.5}, {0.5, 2}});
    GaussianCloudGenerator g = new GaussianCloudGenerator(new GaussianCloudGenerator.Config(List.of(
        GaussianCloudGenerator.Cloud.isotropic(m0, 0.5, 1.0),
        new GaussianCloudGenerator.Cloud(m1, c1, 3.0))));
    LabeledBlock b = g.generate(SeedSequence.of(21), DataGenerator.evenPartitionSizes(N, 3));
    double[] y = b.labels();
    int ones = 0;
    for (double l : y) {
      assertTrue(l == 0.0 || l == 1.0);
      ones += (int) l;
    }
    // Binomial(n, 3/4): standard error √(p(1−p)/n).
    assertEquals(0.75, ones / (double) N, Z * Math.sqrt(0.75 * 0.25 / N));
    DenseMatrix c0 = DenseMatrix.fromRows(new double[][] {{0.25, 0}, {0, 0.25}});
    assertMoments(select(b, 0), m0, c0);
    assertMoments(select(b, 1), m1, c1);
  }

  private static DenseMatrix select(LabeledBlock b, double label) {
    int d = b.dimension();
    double[] x = b.features().values();
    double[] out = new double[x.length];
    int n = 0;
    for (int j = 0; j < b.size(); j++) {
      if (b.labels()[j] == label) {
        System.arraycopy(x, j * d, out, n * d, d);
        n++;
      }
    }
    return DenseMatrix.wrap(d, n, Arrays.copyOf(out, n * d));
  }

  @Test
  void forCloudGivesThatCloudOnlyWithItsOwnStream() {
    GaussianCloudGenerator g = new GaussianCloudGenerator(new GaussianCloudGenerator.Config(List.of(
        GaussianCloudGenerator.Cloud.isotropic(new double[] {0, 0}, 1.0, 1.0),
        GaussianCloudGenerator.Cloud.isotropic(new double[] {0, 0}, 1.0, 1.0))));
    LabeledBlock a = g.forCloud(0).generate(SeedSequence.of(3), 0, 500);
    LabeledBlock b = g.forCloud(1).generate(SeedSequence.of(3), 0, 500);
    assertTrue(Arrays.stream(a.labels()).allMatch(l -> l == 0.0));
    assertTrue(Arrays.stream(b.labels()).allMatch(l -> l == 1.0));
    // Identical clouds, same seed: the data must still differ (clients are independent).
    assertFalse(Arrays.equals(a.features().values(), b.features().values()));
    assertThrows(IllegalArgumentException.class, () -> g.forCloud(2));
  }

  @Test
  void sameSeedSameBitsDifferentSeedOrPartitionDifferentStream() {
    GaussianCloudGenerator g = single();
    LabeledBlock a = g.generate(SeedSequence.of(42), 3, 1000);
    LabeledBlock again = single().generate(SeedSequence.of(42), 3, 1000);
    assertArrayEquals(a.features().values(), again.features().values());
    assertFalse(Arrays.equals(a.features().values(), g.generate(SeedSequence.of(43), 3, 1000).features().values()));
    assertFalse(Arrays.equals(a.features().values(), g.generate(SeedSequence.of(42), 4, 1000).features().values()));
  }

  @Test
  void partitionGeneratedAloneEqualsItsSliceOfTheWhole() {
    GaussianCloudGenerator g = new GaussianCloudGenerator(new GaussianCloudGenerator.Config(List.of(
        GaussianCloudGenerator.Cloud.isotropic(new double[] {1, 2, 3}, 1.0, 1.0),
        new GaussianCloudGenerator.Cloud(MEAN, COV, 2.0))));
    int[] sizes = {400, 0, 250, 333};
    SeedSequence seeds = SeedSequence.of(9);
    LabeledBlock whole = g.generate(seeds, sizes);
    assertEquals(983, whole.size());
    int from = 0;
    for (int p = 0; p < sizes.length; p++) {
      LabeledBlock alone = g.generate(seeds, p, sizes[p]);
      LabeledBlock slice = whole.slice(from, from + sizes[p]);
      assertArrayEquals(slice.features().values(), alone.features().values(), "partition " + p);
      assertArrayEquals(slice.labels(), alone.labels(), "partition " + p);
      from += sizes[p];
    }
    // Prefix property: the first rows of a partition do not depend on how many rows follow.
    assertArrayEquals(g.generate(seeds, 2, 100).features().values(),
        g.generate(seeds, 2, 250).features().columns(0, 100).values());
  }

  @Test
  void evenPartitionSizesSplitExactly() {
    assertArrayEquals(new int[] {4, 3, 3}, DataGenerator.evenPartitionSizes(10, 3));
    assertArrayEquals(new int[] {0, 0}, DataGenerator.evenPartitionSizes(0, 2));
    assertThrows(IllegalArgumentException.class, () -> DataGenerator.evenPartitionSizes(5, 0));
  }

  @Test
  void generatorSurvivesJavaSerialization() throws Exception {
    // A Spark job ships the generator to executors: the copy must generate the same rows.
    GaussianCloudGenerator g = single();
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(g.forCloud(0));
    }
    DataGenerator copy;
    try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (DataGenerator) in.readObject();
    }
    assertArrayEquals(g.forCloud(0).generate(SeedSequence.of(1), 2, 50).features().values(),
        copy.generate(SeedSequence.of(1), 2, 50).features().values());
  }
}
