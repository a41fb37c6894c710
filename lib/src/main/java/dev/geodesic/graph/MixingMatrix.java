package dev.geodesic.graph;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.linalg.Lapack;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A mixing matrix W of a {@link CommunicationGraph}, held as sparse rows (node i's own weight and
 * its neighbours' weights), with the properties decentralized methods assume checked at
 * construction (Chen et al. 2021, Assumption 1): W symmetric, doubly stochastic, non-negative,
 * W_ij &gt; 0 only on edges and the diagonal, and σ₂ = ‖W − 11ᵀ/n‖₂ &lt; 1 (the second-largest
 * singular value; &lt; 1 iff the graph of W's support is connected and W is aperiodic).
 */
public final class MixingMatrix implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Tolerance of the symmetry and stochasticity checks (absolute, on weights ≤ 1). */
  static final double TOLERANCE = 1e-12;

  private final CommunicationGraph graph;
  private final String name;
  /** For node i: the nodes j with W_ij stored (i itself first, then its neighbours). */
  private final int[][] columns;
  private final double[][] weights;
  private final double sigma2;

  private MixingMatrix(CommunicationGraph graph, String name, int[][] columns, double[][] weights) {
    this.graph = graph;
    this.name = name;
    this.columns = columns;
    this.weights = weights;
    this.sigma2 = validate();
  }

  /**
   * A custom W given densely (n×n, row i = node i), validated against the graph: raises
   * {@link IllegalArgumentException} naming the first violated property.
   */
  public static MixingMatrix of(CommunicationGraph graph, double[][] w, String name) {
    int n = graph.nodes();
    if (w.length != n) {
      throw new IllegalArgumentException(name + ": " + w.length + " rows for a graph of " + n + " nodes");
    }
    int[][] cols = new int[n][];
    double[][] wts = new double[n][];
    for (int i = 0; i < n; i++) {
      if (w[i].length != n) {
        throw new IllegalArgumentException(name + ": row " + i + " has " + w[i].length + " entries, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        if (j != i && w[i][j] != 0.0 && !graph.adjacent(i, j)) {
          throw new IllegalArgumentException(name + ": W[" + i + "][" + j + "] = " + w[i][j]
              + " but nodes " + i + " and " + j + " are not neighbours (W must be supported on the edges)");
        }
      }
      int[] nb = graph.neighbours(i);
      cols[i] = new int[nb.length + 1];
      wts[i] = new double[nb.length + 1];
      cols[i][0] = i;
      wts[i][0] = w[i][i];
      for (int k = 0; k < nb.length; k++) {
        cols[i][k + 1] = nb[k];
        wts[i][k + 1] = w[i][nb[k]];
      }
    }
    return new MixingMatrix(graph, name, cols, wts);
  }

  /** Built from per-node neighbour weights (the diagonal is 1 − Σ of them). */
  static MixingMatrix fromNeighbourWeights(CommunicationGraph graph, double[][] neighbourWeights, String name) {
    int n = graph.nodes();
    int[][] cols = new int[n][];
    double[][] wts = new double[n][];
    for (int i = 0; i < n; i++) {
      int[] nb = graph.neighbours(i);
      cols[i] = new int[nb.length + 1];
      wts[i] = new double[nb.length + 1];
      cols[i][0] = i;
      double off = 0;
      for (int k = 0; k < nb.length; k++) {
        cols[i][k + 1] = nb[k];
        wts[i][k + 1] = neighbourWeights[i][k];
        off += neighbourWeights[i][k];
      }
      wts[i][0] = 1.0 - off;
    }
    return new MixingMatrix(graph, name, cols, wts);
  }

  /** Checks the properties and returns σ₂. */
  private double validate() {
    int n = graph.nodes();
    double[][] dense = dense();
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        if (dense[i][j] < 0) {
          throw new IllegalArgumentException(name + ": W[" + i + "][" + j + "] = " + dense[i][j] + " is negative");
        }
        if (Math.abs(dense[i][j] - dense[j][i]) > TOLERANCE) {
          throw new IllegalArgumentException(name + ": not symmetric: W[" + i + "][" + j + "] = " + dense[i][j]
              + " but W[" + j + "][" + i + "] = " + dense[j][i]);
        }
        row += dense[i][j];
      }
      if (Math.abs(row - 1.0) > TOLERANCE) {
        throw new IllegalArgumentException(name + ": not doubly stochastic: row " + i + " sums to " + row);
      }
    }
    double s = secondSingularValue(dense);
    if (!(s < 1.0 - TOLERANCE)) {
      throw new IllegalArgumentException(name + ": second-largest singular value σ₂ = " + s
          + " is not < 1 (the weights do not mix: their support is disconnected or periodic)");
    }
    return s;
  }

  /** ‖W − 11ᵀ/n‖₂ from the eigenvalues of the symmetric n×n matrix W − 11ᵀ/n (LAPACK). */
  private static double secondSingularValue(double[][] w) {
    int n = w.length;
    DenseMatrix m = DenseMatrix.zeros(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.set(i, j, w[i][j] - 1.0 / n);
      }
    }
    double[] ev = Lapack.get().symmetricEigen(m).values();
    return Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
  }

  public CommunicationGraph graph() {
    return graph;
  }

  public String name() {
    return name;
  }

  public int nodes() {
    return graph.nodes();
  }

  /** σ₂ = ‖W − 11ᵀ/n‖₂, the per-round contraction of disagreement. */
  public double secondLargestSingularValue() {
    return sigma2;
  }

  /** W as a dense n×n array (for checks and reports; the iteration never uses it). */
  public double[][] dense() {
    int n = graph.nodes();
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < columns[i].length; k++) {
        d[i][columns[i][k]] += weights[i][k];
      }
    }
    return d;
  }

  /** W_ij (0 off the support). */
  public double weight(int i, int j) {
    for (int k = 0; k < columns[i].length; k++) {
      if (columns[i][k] == j) {
        return weights[i][k];
      }
    }
    return 0.0;
  }

  /**
   * One round of neighbour exchange: out_i = Σ_j W_ij·in_j over node i and its neighbours only,
   * summed in a fixed order (self, then neighbours ascending).
   */
  public List<DenseMatrix> apply(List<DenseMatrix> in) {
    int n = graph.nodes();
    if (in.size() != n) {
      throw new IllegalArgumentException(in.size() + " values for " + n + " nodes");
    }
    Blas blas = Blas.get();
    List<DenseMatrix> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      DenseMatrix own = in.get(i);
      DenseMatrix o = DenseMatrix.zeros(own.rows(), own.cols());
      for (int k = 0; k < columns[i].length; k++) {
        blas.axpy(weights[i][k], in.get(columns[i][k]), o);
      }
      out.add(o);
    }
    return out;
  }

  /** Messages of one round: every node sends its value to each neighbour (2·|E|). */
  public long messagesPerRound() {
    return 2L * graph.edges();
  }

  @Override
  public String toString() {
    return name + " on " + graph + ", σ₂ = " + sigma2;
  }
}
