package dev.geodesic.graph;

import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * An undirected, connected, simple graph on nodes 0..n−1 (n ≥ 2): who may talk to whom. Every
 * constructor validates: no self-loops, no duplicate edges, connected; a violation raises
 * {@link IllegalArgumentException} naming it.
 */
public final class CommunicationGraph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  /** Sorted neighbour lists. */
  private final int[][] neighbours;
  private final int edgeCount;

  private CommunicationGraph(String name, int[][] neighbours) {
    this.name = name;
    this.neighbours = neighbours;
    int twice = 0;
    for (int[] nb : neighbours) {
      twice += nb.length;
    }
    this.edgeCount = twice / 2;
  }

  /** The graph of an edge list {i, j} on nodes 0..n−1, validated. */
  public static CommunicationGraph fromEdges(int nodes, List<int[]> edges) {
    return build("edge list", nodes, edges, false);
  }

  /** The cycle 0 − 1 − … − (n−1) − 0 (a single edge for n = 2). */
  public static CommunicationGraph ring(int nodes) {
    requireNodes(nodes, "ring");
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      e.add(new int[] {i, (i + 1) % nodes});
    }
    return build("ring(" + nodes + ")", nodes, e, true);
  }

  /** Every pair of nodes joined. */
  public static CommunicationGraph complete(int nodes) {
    requireNodes(nodes, "complete graph");
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      for (int j = i + 1; j < nodes; j++) {
        e.add(new int[] {i, j});
      }
    }
    return build("complete(" + nodes + ")", nodes, e, false);
  }

  /** Node 0 joined to every other node. */
  public static CommunicationGraph star(int nodes) {
    requireNodes(nodes, "star");
    List<int[]> e = new ArrayList<>();
    for (int i = 1; i < nodes; i++) {
      e.add(new int[] {0, i});
    }
    return build("star(" + nodes + ")", nodes, e, false);
  }

  /**
   * The rows × cols grid with wrap-around (node (a, b) = a·cols + b joined to (a ± 1, b) and
   * (a, b ± 1) mod the sides); sides of 2 give one edge, not two, between the same pair.
   */
  public static CommunicationGraph torus(int rows, int cols) {
    if (rows < 1 || cols < 1 || (long) rows * cols < 2) {
      throw new IllegalArgumentException("a torus needs rows, cols >= 1 and at least 2 nodes, got " + rows + "x" + cols);
    }
    List<int[]> e = new ArrayList<>();
    for (int a = 0; a < rows; a++) {
      for (int b = 0; b < cols; b++) {
        int v = a * cols + b;
        if (rows > 1) {
          e.add(new int[] {v, ((a + 1) % rows) * cols + b});
        }
        if (cols > 1) {
          e.add(new int[] {v, a * cols + (b + 1) % cols});
        }
      }
    }
    return build("torus(" + rows + "x" + cols + ")", rows * cols, e, true);
  }

  /** The most square torus on n nodes: rows the largest divisor of n not above √n. */
  public static CommunicationGraph torus(int nodes) {
    requireNodes(nodes, "torus");
    int rows = (int) Math.floor(Math.sqrt(nodes));
    while (nodes % rows != 0) {
      rows--;
    }
    return torus(rows, nodes / rows);
  }

  /**
   * G(n, p): each pair joined independently with probability p, drawn from
   * {@code seeds.stream("graph.erdos-renyi")}. A draw that is not connected is rejected (not
   * redrawn: the seed names one graph), with the number of components in the message.
   */
  public static CommunicationGraph erdosRenyi(int nodes, double p, SeedSequence seeds) {
    requireNodes(nodes, "Erdős–Rényi graph");
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("edge probability must be in (0, 1], got " + p);
    }
    SplittableRandom rnd = seeds.stream("graph.erdos-renyi");
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      for (int j = i + 1; j < nodes; j++) {
        if (rnd.nextDouble() < p) {
          e.add(new int[] {i, j});
        }
      }
    }
    return build("erdos-renyi(" + nodes + ", " + p + ")", nodes, e, false);
  }

  private static void requireNodes(int nodes, String what) {
    if (nodes < 2) {
      throw new IllegalArgumentException("a " + what + " needs at least 2 nodes (agents), got " + nodes);
    }
  }

  private static CommunicationGraph build(String name, int nodes, List<int[]> edges, boolean mergeDuplicates) {
    if (nodes < 2) {
      throw new IllegalArgumentException(name + ": a communication graph needs at least 2 nodes (agents), got " + nodes);
    }
    List<TreeSet<Integer>> adj = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      adj.add(new TreeSet<>());
    }
    for (int[] edge : edges) {
      if (edge.length != 2) {
        throw new IllegalArgumentException(name + ": an edge has " + edge.length + " endpoints, expected 2");
      }
      int i = edge[0];
      int j = edge[1];
      if (i < 0 || j < 0 || i >= nodes || j >= nodes) {
        throw new IllegalArgumentException(name + ": edge {" + i + ", " + j + "} names a node outside 0.." + (nodes - 1));
      }
      if (i == j) {
        throw new IllegalArgumentException(name + ": self-loop at node " + i);
      }
      if (!adj.get(i).add(j) && !mergeDuplicates) {
        throw new IllegalArgumentException(name + ": duplicate edge {" + Math.min(i, j) + ", " + Math.max(i, j) + "}");
      }
      adj.get(j).add(i);
    }
    int[][] nb = new int[nodes][];
    for (int i = 0; i < nodes; i++) {
      nb[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    int components = countComponents(nb);
    if (components > 1) {
      int isolated = 0;
      for (int[] a : nb) {
        isolated += a.length == 0 ? 1 : 0;
      }
      throw new IllegalArgumentException(name + ": the graph is disconnected (" + components + " components"
          + (isolated > 0 ? ", " + isolated + " isolated nodes" : "") + "); decentralized methods need a connected graph");
    }
    return new CommunicationGraph(name, nb);
  }

  private static int countComponents(int[][] nb) {
    int n = nb.length;
    int[] seen = new int[n];
    Arrays.fill(seen, -1);
    int components = 0;
    int[] stack = new int[n];
    for (int s = 0; s < n; s++) {
      if (seen[s] >= 0) {
        continue;
      }
      int top = 0;
      stack[top++] = s;
      seen[s] = components;
      while (top > 0) {
        int v = stack[--top];
        for (int w : nb[v]) {
          if (seen[w] < 0) {
            seen[w] = components;
            stack[top++] = w;
          }
        }
      }
      components++;
    }
    return components;
  }

  public String name() {
    return name;
  }

  public int nodes() {
    return neighbours.length;
  }

  public int edges() {
    return edgeCount;
  }

  public int degree(int node) {
    return neighbours[node].length;
  }

  /** Node's neighbours in increasing order (a copy). */
  public int[] neighbours(int node) {
    return neighbours[node].clone();
  }

  public boolean adjacent(int i, int j) {
    return Arrays.binarySearch(neighbours[i], j) >= 0;
  }

  /** Each edge once as {i, j} with i &lt; j, in increasing order. */
  public List<int[]> edgeList() {
    List<int[]> out = new ArrayList<>(edgeCount);
    for (int i = 0; i < neighbours.length; i++) {
      for (int j : neighbours[i]) {
        if (i < j) {
          out.add(new int[] {i, j});
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " [" + nodes() + " nodes, " + edgeCount + " edges]";
  }
}
