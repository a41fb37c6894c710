package dev.geodesic.jobs.decentralized;

import dev.geodesic.decentralized.Agents;
import dev.geodesic.decentralized.LocalObjective;
import dev.geodesic.decentralized.PcaObjective;
import dev.geodesic.decentralized.ProcrustesObjective;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.jobs.io.BlockLayout;
import dev.geodesic.jobs.io.DataBlock;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.spark.PartitionJobs;
import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.BlasBackend;
import dev.geodesic.linalg.DenseMatrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The agents of a decentralized run on Spark. Agent i is the i-th partition's rows (or the i-th
 * client's with a client column), turned once into its {@link LocalObjective} on the executor that
 * holds them and cached there — for PCA its d×d Gramian when d is small, so no data pass per
 * iteration. {@link #evaluate} is one Spark job: the driver ships (in the task, see PartitionJobs) every agent's point and x̄
 * (n + 1 matrices of d×r doubles), each task returns its agents' gradients at their points and
 * their value and gradient at x̄; the rows never leave the executors.
 */
public final class SparkAgents implements Agents {
  /** The problems {@code --problem} names. */
  public enum Problem {
    PCA, PROCRUSTES
  }

  /** One agent as cached: its index, its rows, its objective and the Gramian for the truth (PCA, when formed). */
  public record Agent(int index, int rows, LocalObjective objective) implements Serializable {}

  private final JavaSparkContext jsc;
  private final JavaRDD<Agent> agents;
  private final int count;
  private final int dimension;
  private final double passes;
  private final int[] rows;
  private final Set<String> executorBlas;

  private SparkAgents(JavaSparkContext jsc, JavaRDD<Agent> agents, int count, int dimension, double passes, int[] rows,
      Set<String> executorBlas) {
    this.jsc = jsc;
    this.agents = agents;
    this.count = count;
    this.dimension = dimension;
    this.passes = passes;
    this.rows = rows;
    this.executorBlas = executorBlas;
  }

  /**
   * Lays the input out as {@code agents} blocks (by client when {@code byClient}, else one per
   * partition after a round-robin repartition), builds every agent's objective on its executor
   * (scale n/N) and caches it.
   *
   * @param rank r: with Procrustes the last r features of a row are its target b, the first d − r its input a
   */
  public static SparkAgents build(JavaSparkContext jsc, ValidatedInput input, Problem problem, int agents, int rank,
      List<String> clients) {
    JavaRDD<DataBlock> blocks = clients != null ? BlockLayout.byClient(input, clients, clients.size())
        : BlockLayout.byPartition(input, agents);
    int n = clients != null ? clients.size() : agents;
    double scale = PcaObjective.scaleFor(n, input.rows());
    int d = problem == Problem.PCA ? input.dimension() : input.dimension() - rank;
    if (d < rank) {
      throw new InvalidInputException(problem == Problem.PCA
          ? "--rank " + rank + " exceeds the dimension " + input.dimension() + " of the input"
          : "--problem procrustes: the features hold a (d) then b (r = " + rank + "), so they need at least 2r = "
              + (2 * rank) + " values, the input has " + input.dimension());
    }
    List<String> names = clients;
    // Agents are grouped (without a shuffle) into at most one partition per core: an iteration's job then
    // has as many tasks as cores, not n, so the per-task overhead does not grow with the number of agents.
    int slots = Math.max(1, Math.min(n, jsc.defaultParallelism()));
    JavaRDD<Agent> objectives = blocks.map(b -> toAgent(b, names, problem, scale, rank)).coalesce(slots);
    objectives.persist(StorageLevel.MEMORY_AND_DISK());
    jsc.setJobDescription("drcgd: build the agents' objectives (Gramians) where their rows live");
    List<Info> info;
    try {
      info = objectives.mapPartitions(SparkAgents::describe).collect();
    } finally {
      jsc.setJobDescription(null);
    }
    blocks.unpersist(false);
    int[] rows = new int[n];
    double passes = 0;
    Set<String> blas = new TreeSet<>();
    for (Info i : info) {
      blas.add(i.blas());
      if (i.agent() >= 0) {
        rows[i.agent()] = i.rows();
        passes += i.passes();
      }
    }
    for (int i = 0; i < n; i++) {
      if (rows[i] == 0) {
        throw new InvalidInputException("agent " + i + " holds no rows (" + input.rows() + " rows for " + n
            + " agents): use fewer --agents");
      }
    }
    return new SparkAgents(jsc, objectives, n, d, 2 * passes / n, rows, blas);
  }

  private static Agent toAgent(DataBlock b, List<String> clients, Problem problem, double scale, int rank) {
    int index = clients != null ? clients.indexOf(b.client()) : b.partition();
    DenseMatrix f = b.features();
    if (problem == Problem.PCA) {
      return new Agent(index, f.cols(), PcaObjective.of(f, scale, PcaObjective.Route.AUTO));
    }
    int total = f.rows();
    int d = total - rank;
    DenseMatrix a = DenseMatrix.zeros(d, f.cols());
    DenseMatrix t = DenseMatrix.zeros(rank, f.cols());
    for (int j = 0; j < f.cols(); j++) {
      System.arraycopy(f.values(), j * total, a.values(), j * d, d);
      System.arraycopy(f.values(), j * total + d, t.values(), j * rank, rank);
    }
    return new Agent(index, f.cols(), ProcrustesObjective.of(a, t, scale));
  }

  /** What a task caching agents reports: agent, rows, data passes per gradient, its BLAS. */
  record Info(int agent, int rows, double passes, String blas) implements Serializable {}

  private static Iterator<Info> describe(Iterator<Agent> it) {
    List<Info> out = new ArrayList<>();
    String blas = BlasBackend.current().executorLabel();
    while (it.hasNext()) {
      Agent a = it.next();
      out.add(new Info(a.index(), a.rows(), a.objective().passesPerGradient(), blas));
    }
    if (out.isEmpty()) {
      out.add(new Info(-1, 0, 0, blas));
    }
    return out.iterator();
  }

  /** Σ_i A_iᵀA_i over the agents (PCA): one Spark job, each agent's Gramian as formed on its executor. */
  public DenseMatrix gramianSum() {
    jsc.setJobDescription("drcgd --truth: sum the agents' Gramians");
    try {
      List<DenseMatrix> parts = agents.map(a -> ((PcaObjective) a.objective()).gramian()).collect();
      DenseMatrix sum = DenseMatrix.zeros(dimension, dimension);
      for (DenseMatrix g : parts) {
        Blas.get().axpy(1.0, g, sum);
      }
      return sum;
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** The rows agent i holds. */
  public int rows(int agent) {
    return rows[agent];
  }

  public Set<String> executorBlas() {
    return executorBlas;
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public double passesPerEvaluation() {
    return passes;
  }

  /** What one agent sends back in an iteration. */
  record Reply(int agent, DenseMatrix gradient, double commonValue, DenseMatrix commonGradient) implements Serializable {}

  /** What one task sends back: its agents' replies and the nanoseconds its arithmetic took. */
  record TaskReply(List<Reply> replies, long computeNanos) implements Serializable {}

  /** The points the driver ships in an iteration. */
  record Points(DenseMatrix[] points, DenseMatrix common) implements Serializable {}

  @Override
  public Evaluation evaluate(List<DenseMatrix> points, DenseMatrix common) {
    // The points ride in the task (a few MB at most: n + 1 matrices of d×r), see PartitionJobs.
    Points shipped = new Points(points.toArray(new DenseMatrix[0]), common);
    List<Reply> replies = new ArrayList<>();
    long computeNanos = 0;
    for (TaskReply part : PartitionJobs.collect(agents, (partition, it) -> reply(it, shipped))) {
      replies.addAll(part.replies());
      computeNanos = Math.max(computeNanos, part.computeNanos());
    }
    DenseMatrix[] grads = new DenseMatrix[count];
    DenseMatrix g = common == null ? null : DenseMatrix.zeros(common.rows(), common.cols());
    double v = 0;
    // summed in agent order, whichever task answered first
    Reply[] byAgent = new Reply[count];
    for (Reply r : replies) {
      byAgent[r.agent()] = r;
    }
    for (int i = 0; i < count; i++) {
      if (byAgent[i] == null) {
        throw new IllegalStateException("agent " + i + " did not answer");
      }
      grads[i] = byAgent[i].gradient();
      if (common != null) {
        v += byAgent[i].commonValue();
        Blas.get().axpy(1.0, byAgent[i].commonGradient(), g);
      }
    }
    if (common == null) {
      return new Evaluation(List.of(grads), Double.NaN, null, computeNanos * 1e-9);
    }
    Blas.get().scal(1.0 / count, g.values());
    return new Evaluation(List.of(grads), v / count, g, computeNanos * 1e-9);
  }

  private static TaskReply reply(Iterator<Agent> it, Points p) {
    long start = System.nanoTime();
    List<Reply> out = new ArrayList<>();
    while (it.hasNext()) {
      Agent a = it.next();
      if (p.common() == null) {
        out.add(new Reply(a.index(), a.objective().euclideanGradient(p.points()[a.index()]), Double.NaN, null));
      } else {
        // both points in one product with the agent's Gramian (read once)
        LocalObjective.Paired e = a.objective().evaluatePair(p.points()[a.index()], p.common());
        out.add(new Reply(a.index(), e.gradient(), e.common().value(), e.common().gradient()));
      }
    }
    return new TaskReply(out, System.nanoTime() - start);
  }

  public void unpersist() {
    agents.unpersist(false);
  }
}
