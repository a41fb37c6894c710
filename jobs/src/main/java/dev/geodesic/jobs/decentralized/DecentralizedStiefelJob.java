package dev.geodesic.jobs.decentralized;

import dev.geodesic.decentralized.DecentralizedMethod;
import dev.geodesic.decentralized.DecentralizedSetup;
import dev.geodesic.decentralized.GroundTruth;
import dev.geodesic.decentralized.StepSchedule;
import dev.geodesic.decentralized.StiefelConsensusMethod;
import dev.geodesic.graph.ChebyshevGossip;
import dev.geodesic.graph.CommunicationGraph;
import dev.geodesic.graph.Gossip;
import dev.geodesic.graph.MetropolisHastingsMixing;
import dev.geodesic.graph.MixingMatrix;
import dev.geodesic.graph.PlainGossip;
import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.io.Schemas;
import dev.geodesic.jobs.io.ValidatedInput;
import dev.geodesic.jobs.output.TableWriter;
import dev.geodesic.jobs.report.TracePlots;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.linalg.DenseMatrix;
import dev.geodesic.manifold.StiefelManifold;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code drcgd} on Spark: n agents = the input's partitions (or clients), their objectives cached on
 * the executors ({@link SparkAgents}); the driver holds every agent's iterates and runs one of the
 * methods of {@code lib/…/decentralized} on the {@link IterativeJobDriver} — per iteration one
 * Spark job for the local gradients, the gossip as the sparse neighbour sum on the driver.
 */
public final class DecentralizedStiefelJob {
  /**
   * @param method the method
   * @param problem pca or procrustes
   * @param agents n (ignored with a client column: one agent per client)
   * @param graph ring|er|complete|star|torus|PATH
   * @param edgeProb the Erdős–Rényi edge probability
   * @param gossip t, the neighbour exchanges per iteration
   * @param chebyshev accelerated (Chebyshev) gossip instead of W^t
   * @param rank r
   * @param step the step schedule
   * @param iterations the iteration budget
   * @param truth compute the PCA ground truth (x*, f*) from the summed Gramians
   * @param seed the run's seed (x₀, the Erdős–Rényi graph)
   */
  public record Settings(DecentralizedMethod method, SparkAgents.Problem problem, int agents, String graph, double edgeProb,
      int gossip, boolean chebyshev, int rank, StepSchedule step, int iterations, boolean truth, long seed)
      implements Serializable {}

  private final JobRun run;
  private final Settings settings;
  private final IterativeJobDriver driver;

  public DecentralizedStiefelJob(JobRun run, Settings settings, IterativeJobDriver.Options options) {
    this.run = run;
    this.settings = settings;
    this.driver = new IterativeJobDriver(run, options);
  }

  /** Builds the agents from {@code input} (split by {@code clients} when not null), runs the method, writes the outputs. */
  public void run(ValidatedInput input, List<String> clients) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(run.spark().sparkContext());
    SparkAgents agents = SparkAgents.build(jsc, input, settings.problem(), settings.agents(), settings.rank(), clients);
    run.executorBlas(agents.executorBlas());
    SeedSequence seeds = SeedSequence.of(settings.seed());
    CommunicationGraph graph = GraphOption.build(run.spark(), settings.graph(), agents.count(), settings.edgeProb(), seeds);
    MixingMatrix w = MetropolisHastingsMixing.of(graph);
    Gossip gossip = settings.chebyshev() ? new ChebyshevGossip(w, settings.gossip()) : new PlainGossip(w, settings.gossip());
    run.solveStarted();
    GroundTruth truth = settings.truth() ? GroundTruth.pca(agents.gramianSum(), input.rows(), settings.rank()) : null;
    StiefelManifold manifold = new StiefelManifold(agents.dimension(), settings.rank());
    DenseMatrix x0 = manifold.randomPoint(seeds, "drcgd.x0");
    DecentralizedSetup setup = new DecentralizedSetup(agents, gossip, settings.step(), x0, truth);
    StiefelConsensusMethod<?> method = settings.method().create(setup);
    run.log().printf(Locale.ROOT, "[drcgd] %s on %s: %d agents (%d…%d rows), d = %d, r = %d, %s, σ₂ = %.4f, t = %d (%s)%n",
        method.name(), settings.problem().name().toLowerCase(Locale.ROOT), agents.count(), minRows(agents), maxRows(agents),
        agents.dimension(), settings.rank(), graph, w.secondLargestSingularValue(), settings.gossip(), gossip.kind());
    IterationOutcome outcome = driver.run("iteration", method, IterationLoop.Config.of(
        StoppingRule.nonFinite("consensus_error").or(StoppingRule.maxIterations(settings.iterations())))
        .withTimings("agents_seconds", "driver_seconds"), dataFingerprint(agents));
    DenseMatrix xbar = method.average();
    run.solveFinished();
    writeAverage(xbar);
    summary(outcome, agents, graph, w, gossip, truth);
    report(outcome, graph, w, gossip);
    agents.unpersist();
  }

  private static int minRows(SparkAgents a) {
    int m = Integer.MAX_VALUE;
    for (int i = 0; i < a.count(); i++) {
      m = Math.min(m, a.rows(i));
    }
    return m;
  }

  private static int maxRows(SparkAgents a) {
    int m = 0;
    for (int i = 0; i < a.count(); i++) {
      m = Math.max(m, a.rows(i));
    }
    return m;
  }

  /** What a checkpoint must match beyond the options: the agents' sizes and the dimension. */
  private static String dataFingerprint(SparkAgents a) {
    StringBuilder sb = new StringBuilder("agents=").append(a.count()).append(" d=").append(a.dimension()).append(" rows=");
    for (int i = 0; i < a.count(); i++) {
      sb.append(i == 0 ? "" : ",").append(a.rows(i));
    }
    return sb.toString();
  }

  /** xbar.parquet: x̄ = P_M((1/n)Σ x_i), one row per column j of the d×r matrix. */
  private void writeAverage(DenseMatrix xbar) {
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < xbar.cols(); j++) {
      double[] col = xbar.columnCopy(j);
      List<Double> v = new ArrayList<>(col.length);
      for (double c : col) {
        v.add(c);
      }
      rows.add(RowFactory.create(j, v));
    }
    TableWriter.write(run.spark(), rows, Schemas.DRCGD_AVERAGE, run.output(), "xbar.parquet");
  }

  private void summary(IterationOutcome outcome, SparkAgents agents, CommunicationGraph graph, MixingMatrix w, Gossip gossip,
      GroundTruth truth) {
    var s = run.summary();
    s.put("method", settings.method().label())
        .put("problem", settings.problem().name().toLowerCase(Locale.ROOT))
        .put("agents", agents.count())
        .put("dimension", agents.dimension())
        .put("rank", settings.rank())
        .put("graph", graph.name())
        .put("edges", graph.edges())
        .put("sigma2", w.secondLargestSingularValue())
        .put("gossip_rounds", settings.gossip())
        .put("gossip", gossip.kind())
        .put("gossip_contraction", gossip.contraction())
        .put("step", settings.step().base())
        .put("step_schedule", settings.step().label());
    if (outcome.last().isPresent()) {
      Map<String, Double> m = outcome.last().get().metrics();
      for (String k : List.of("consensus_error", "grad_norm", "objective", "objective_gap", "subspace_distance",
          "communication_rounds")) {
        if (m.containsKey(k)) {
          s.put(k, m.get(k));
        }
      }
      if (m.containsKey("backtracks")) {
        s.put("step_halvings", m.get("backtracks"));
      }
    }
    if (truth != null) {
      s.put("optimal_value", truth.optimalValue()).put("eigengap", truth.eigengap());
    }
    // where the iterations' time went: the agents' jobs, and within them the arithmetic alone
    double jobs = 0;
    double compute = 0;
    for (IterationRecord r : outcome.trace().records()) {
      jobs += r.metrics().getOrDefault("agents_seconds", 0.0);
      compute += r.metrics().getOrDefault("agents_compute_seconds", 0.0);
    }
    s.put("agents_seconds", jobs).put("agents_compute_seconds", compute);
  }

  private void report(IterationOutcome outcome, CommunicationGraph graph, MixingMatrix w, Gossip gossip) {
    TracePlots plots = new TracePlots();
    var trace = outcome.trace();
    boolean withTruth = settings.truth();
    run.report().section("Decentralized " + settings.method().label() + " on the Stiefel manifold", sec -> {
      sec.paragraph(String.format(Locale.ROOT, "%s, Metropolis–Hastings weights (σ₂ = %.4f), %d %s gossip round(s) per "
          + "iteration (disagreement contraction %.3g). Metrics at x̄ = P_M((1/n)Σ x_i).", graph, w.secondLargestSingularValue(),
          settings.gossip(), gossip.kind(), gossip.contraction()));
      plots.metrics("drcgd-consensus", "Consensus error and ‖grad f(x̄)‖", trace, List.of("consensus_error", "grad_norm"))
          .ifPresent(sec::figure);
      if (withTruth) {
        plots.metrics("drcgd-truth", "Distance to the truth: d_s(x̄, x*) and f(x̄) − f*", trace,
            List.of("subspace_distance", "objective_gap")).ifPresent(sec::figure);
      } else {
        plots.metrics("drcgd-objective", "f(x̄)", trace, List.of("objective")).ifPresent(sec::figure);
      }
      plots.metrics("drcgd-bytes", "Bytes exchanged between neighbours (cumulative)", trace, List.of("bytes_exchanged"))
          .ifPresent(sec::figure);
      plots.metrics("drcgd-time", "Seconds per iteration: agents (Spark job) and driver (mixing)", trace,
          List.of("agents_seconds", "driver_seconds")).ifPresent(sec::figure);
    });
  }
}
