package dev.geodesic.jobs.data;

import dev.geodesic.data.DataGenerator;
import dev.geodesic.data.GaussianCloudGenerator;
import dev.geodesic.data.LeastSquaresGenerator;
import dev.geodesic.data.LogisticRegressionGenerator;
import dev.geodesic.data.PcaDataGenerator;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GenerateJob} writes: one generator per client (or one, unsplit, with a null client),
 * the known answer for {@code truth.parquet}, and the summary fields the kind adds.
 *
 * @param method summary.json's {@code method}
 * @param withLabel whether rows carry a label
 */
public record GeneratorPlan(String method, boolean withLabel, List<DataGenerator> generators, List<String> clientNames,
    List<String> truthNames, List<double[]> truthVectors, Map<String, Object> summaryFields) implements Serializable {

  /** One client {@code cloud-k} (label k) per cloud; the truth is each cloud's mean. */
  public static GeneratorPlan gaussian(GaussianCloudGenerator mixture, List<GaussianCloudGenerator.Cloud> clouds) {
    List<DataGenerator> gens = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> truthNames = new ArrayList<>();
    List<double[]> truth = new ArrayList<>();
    for (int k = 0; k < clouds.size(); k++) {
      gens.add(mixture.forCloud(k));
      names.add("cloud-" + k);
      truthNames.add("mean-" + k);
      truth.add(clouds.get(k).mean());
    }
    return new GeneratorPlan("gaussian", true, gens, names, truthNames, truth, Map.of());
  }

  /** Unlabelled rows; the truth is the leading subspace's basis vectors and the spectrum. */
  public static GeneratorPlan pca(PcaDataGenerator g, int rank, double eigengap) {
    List<String> names = new ArrayList<>();
    List<double[]> vecs = new ArrayList<>();
    DenseMatrix u = g.trueSubspace();
    for (int j = 0; j < u.cols(); j++) {
      names.add("subspace-" + j);
      vecs.add(u.columnCopy(j));
    }
    names.add("spectrum");
    vecs.add(g.spectrum());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("rank", rank);
    fields.put("eigengap", eigengap);
    return new GeneratorPlan("pca", false, List.of(g), unsplit(), names, vecs, fields);
  }

  public static GeneratorPlan logistic(LogisticRegressionGenerator g) {
    return regression("logistic", g, g.trueWeights(), g.intercept());
  }

  public static GeneratorPlan leastSquares(LeastSquaresGenerator g) {
    return regression("least-squares", g, g.trueWeights(), g.intercept());
  }

  private static GeneratorPlan regression(String method, DataGenerator g, double[] weights, double intercept) {
    return new GeneratorPlan(method, true, List.of(g), unsplit(), List.of("weights", "intercept"),
        List.of(weights, new double[] {intercept}), Map.of());
  }

  /** One generator whose rows have no client column. */
  private static List<String> unsplit() {
    List<String> l = new ArrayList<>();
    l.add(null);
    return l;
  }

  public boolean withClient() {
    return clientNames.get(0) != null;
  }
}
