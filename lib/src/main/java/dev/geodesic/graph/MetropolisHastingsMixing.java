package dev.geodesic.graph;

/**
 * Metropolis–Hastings weights (Xiao &amp; Boyd 2004; Chen et al. 2021, §5):
 * W_ij = 1/(1 + max(deg_i, deg_j)) on every edge, W_ii = 1 − Σ_j W_ij. Symmetric and doubly
 * stochastic by construction, with a positive diagonal, so σ₂ &lt; 1 on any connected graph; each
 * node needs only its neighbours' degrees.
 */
public final class MetropolisHastingsMixing {
  private MetropolisHastingsMixing() {}

  /** The Metropolis–Hastings mixing matrix of {@code graph} (validated, σ₂ computed). */
  public static MixingMatrix of(CommunicationGraph graph) {
    int n = graph.nodes();
    double[][] w = new double[n][];
    for (int i = 0; i < n; i++) {
      int[] nb = graph.neighbours(i);
      w[i] = new double[nb.length];
      for (int k = 0; k < nb.length; k++) {
        w[i][k] = 1.0 / (1.0 + Math.max(graph.degree(i), graph.degree(nb[k])));
      }
    }
    return MixingMatrix.fromNeighbourWeights(graph, w, "metropolis-hastings");
  }
}
