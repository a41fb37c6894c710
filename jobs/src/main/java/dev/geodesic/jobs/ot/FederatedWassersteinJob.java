package dev.geodesic.jobs.ot;

import dev.geodesic.iteration.IterationLoop;
import dev.geodesic.iteration.IterationOutcome;
import dev.geodesic.iteration.StoppingRule;
import dev.geodesic.jobs.driver.IterativeJobDriver;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.spark.SparkJobs;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.FederatedWassersteinRounds;
import dev.geodesic.ot.FederatedWassersteinRounds.Pair;
import dev.geodesic.ot.FederatedWassersteinRounds.PairResult;
import dev.geodesic.ot.Interpolation;
import dev.geodesic.ot.NetworkSimplex;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * FedWaD on Spark for one or many pairs of clients: the servers (one per pair,
 * {@link FederatedWassersteinRounds}) run on the driver, the clients' samples stay on the executors
 * that cache them ({@link SparkWassersteinClients}), and the {@link IterativeJobDriver} runs the
 * rounds — one Spark job per round for all pairs.
 */
public final class FederatedWassersteinJob {
  /**
   * @param config the run's configuration (round budget, tolerance, seed; initialSupport 0 = the smaller client's size)
   * @param timeLabel the {@code --t} option as given, for the summary
   * @param verifyExact also solve the centralized exact W_p of every pair
   */
  public record Settings(FederatedWasserstein.Config config, String timeLabel, boolean verifyExact) {}

  private final JobRun run;
  private final ClientMeasures clients;
  private final Settings settings;
  private final IterativeJobDriver driver;

  public FederatedWassersteinJob(JobRun run, ClientMeasures clients, Settings settings, IterativeJobDriver.Options options) {
    this.run = run;
    this.clients = clients;
    this.settings = settings;
    this.driver = new IterativeJobDriver(run, options);
  }

  /** Runs every pair of clients to its end, then writes the distances, the summary and the report. */
  public void run() {
    FederatedWasserstein.Config config = settings.config();
    List<String> names = clients.clients();
    List<Pair> pairs = FederatedWassersteinRounds.allPairs(names.size());
    run.solveStarted();
    run.log().printf(Locale.ROOT, "[fedwad] %d client(s) %s, %d pair(s), d = %d, %s interpolation, server step %s%n",
        names.size(), names.size() <= 12 ? names : "", pairs.size(), clients.dimension(),
        config.interpolation() == Interpolation.EXACT ? "exact"
            : "support-limited (S = " + config.initialSupport() + ")", config.serverStep().label());
    int[] sizes = names.stream().mapToInt(clients::size).toArray();
    FederatedWassersteinRounds rounds = FederatedWassersteinRounds.forPairs(config, pairs, sizes, clients.dimension(),
        new SparkWassersteinClients(JavaSparkContext.fromSparkContext(run.spark().sparkContext()), clients,
            config.p(), config.interpolation()));
    IterationOutcome outcome = driver.run("round", rounds,
        IterationLoop.Config.of(StoppingRule.maxIterations(config.maxRounds())).withTimings("clients_seconds", "server_seconds"),
        dataFingerprint());
    List<PairResult> results = rounds.results();
    Map<Pair, Double> exact = settings.verifyExact() ? exactDistances(pairs) : Map.of();
    run.solveFinished();
    new FedwadOutputs(run, names, clients.dimension(), settings).write(results, exact, outcome);
    clients.unpersist();
  }

  /** The clients a checkpoint must match: names, sizes and dimension. */
  private String dataFingerprint() {
    StringBuilder sb = new StringBuilder("clients=").append(clients.clients());
    for (String c : clients.clients()) {
      sb.append(' ').append(c).append(':').append(clients.size(c));
    }
    return sb.append(" d=").append(clients.dimension()).toString();
  }

  /** Centralized exact W_p per pair: the clients' samples gathered on the driver (verification only). */
  private Map<Pair, Double> exactDistances(List<Pair> pairs) {
    List<ClientMeasure> all = SparkJobs.described(run.spark().sparkContext(), "fedwad --verify-exact: gather the clients",
        clients::collect);
    Map<String, DiscreteMeasure> byName = new HashMap<>();
    for (ClientMeasure c : all) {
      byName.put(c.client(), c.measure());
    }
    List<String> names = clients.clients();
    double p = settings.config().p();
    Map<Pair, Double> out = new ConcurrentHashMap<>();
    // one pair: its solve prices on every core; several: the pairs share the cores
    NetworkSimplex exact = new NetworkSimplex(NetworkSimplex.Config.defaults(), pairs.size() == 1 ? 0 : 1);
    pairs.parallelStream().forEach(pr -> out.put(pr,
        exact.solveAuto(byName.get(names.get(pr.a())), byName.get(names.get(pr.b())), p).wasserstein(p)));
    run.log().printf(Locale.ROOT, "[fedwad] exact W_%s computed centrally for %d pair(s)%n",
        dev.geodesic.jobs.cli.OptionChecks.plain(p), pairs.size());
    return out;
  }
}
