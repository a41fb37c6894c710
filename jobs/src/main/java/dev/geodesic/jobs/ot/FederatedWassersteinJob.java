package dev.geodesic.jobs.ot;

import dev.geodesic.ot.ClientReply;
import dev.geodesic.ot.DiscreteMeasure;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.ot.LocalWassersteinClient;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * FedWaD on Spark for one or many pairs of clients. The servers (one {@link FederatedWasserstein.Server}
 * per pair) run on the driver; the clients' samples never leave the executors that cache them.
 *
 * <p>Each round is one Spark job: the driver broadcasts, for every pair still running, ξ⁽ᵏ⁾ and the two
 * clients' times; the task holding client c answers every request addressed to c (an exact OT solve
 * against its samples and an interpolation, in {@link LocalWassersteinClient}); the driver collects the
 * replies (d and the interpolant: the only data that crosses the network), and each pair's server
 * records its bounds and computes ξ⁽ᵏ⁺¹⁾ from the two interpolants, pairs in parallel on the driver.
 */
public final class FederatedWassersteinJob {
  /** A pair of clients, by index into {@link ClientMeasures#clients()}. */
  public record Pair(int a, int b) implements Serializable {}

  /** A pair's final result with its per-round records. */
  public record PairResult(Pair pair, FederatedWasserstein.Result result, List<IterationRecord> rounds) {}

  /**
   * Called after every round with the records of the pairs that ran in it, the seconds of the
   * round's Spark job (broadcast, the clients' solves, collecting the replies) and of the servers'
   * steps on the driver.
   */
  @FunctionalInterface
  public interface RoundListener {
    void onRound(int round, Map<Pair, IterationRecord> records, double clientSeconds, double serverSeconds);
  }

  private final JavaSparkContext jsc;
  private final ClientMeasures clients;
  private final FederatedWasserstein.Config config;
  private final boolean autoInitialSupport;

  /**
   * @param autoInitialSupport size ξ⁽⁰⁾ of each pair to its smaller client instead of
   *     {@code config.initialSupport()}
   */
  public FederatedWassersteinJob(JavaSparkContext jsc, ClientMeasures clients, FederatedWasserstein.Config config,
      boolean autoInitialSupport) {
    this.jsc = jsc;
    this.clients = clients;
    this.config = config;
    this.autoInitialSupport = autoInitialSupport;
  }

  /** The seed of pair (a, b): its own stream of the run's seed, so every pair is reproducible alone. */
  public static long pairSeed(long seed, Pair p) {
    return SeedSequence.of(seed).derive("fedwad-pair", p.a(), p.b());
  }

  /** Every pair a &lt; b of K clients. */
  public static List<Pair> allPairs(int k) {
    List<Pair> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        out.add(new Pair(a, b));
      }
    }
    return out;
  }

  public List<PairResult> run(List<Pair> pairs, RoundListener listener) {
    return run(pairs, null, 0, listener, null);
  }

  /** Called after every round with every pair's state, e.g. to save a checkpoint. */
  @FunctionalInterface
  public interface StateListener {
    void afterRound(int round, List<FedwadCheckpoint.PairProgress> progress);
  }

  /**
   * Runs (or, given {@code resume}, continues after {@code resumeRound} rounds) FedWaD for every
   * pair; {@code states}, when not null, receives every pair's state after each round.
   */
  public List<PairResult> run(List<Pair> pairs, List<FedwadCheckpoint.PairProgress> resume, int resumeRound,
      RoundListener listener, StateListener states) {
    int n = pairs.size();
    List<FederatedWasserstein.Server> servers = new ArrayList<>(n);
    List<List<IterationRecord>> traces = new ArrayList<>(n);
    List<String> names0 = clients.clients();
    for (int i = 0; i < n; i++) {
      Pair p = pairs.get(i);
      FederatedWasserstein.Config c = config.withSeed(pairSeed(config.seed(), p));
      if (autoInitialSupport) {
        // ξ⁽⁰⁾ as large as the smaller client: with uniform weights the plans are then (close to)
        // permutations and exact interpolation keeps the support bounded; a smaller ξ⁽⁰⁾ splits mass
        // and the support grows round after round.
        c = c.withInitial(Math.min(clients.size(names0.get(p.a())), clients.size(names0.get(p.b()))), c.initialScale());
      }
      if (resume != null) {
        servers.add(new FederatedWasserstein(c).resume(resume.get(i).state()));
        traces.add(new ArrayList<>(resume.get(i).rounds()));
      } else {
        servers.add(new FederatedWasserstein(c).server(clients.dimension()));
        traces.add(new ArrayList<>());
      }
    }
    List<String> names = clients.clients();
    int round = resume != null ? resumeRound : 0;
    while (true) {
      List<Integer> active = IntStream.range(0, n).filter(i -> !servers.get(i).finished()).boxed().toList();
      if (active.isEmpty()) {
        break;
      }
      round++;
      Map<String, List<Request>> requests = new HashMap<>();
      for (int i : active) {
        FederatedWasserstein.Server s = servers.get(i);
        Pair p = pairs.get(i);
        requests.computeIfAbsent(names.get(p.a()), k -> new ArrayList<>()).add(new Request(i, 0, s.xi(), s.timeA()));
        requests.computeIfAbsent(names.get(p.b()), k -> new ArrayList<>()).add(new Request(i, 1, s.xi(), s.timeB()));
      }
      Broadcast<Map<String, List<Request>>> b = jsc.broadcast(requests);
      final double p = config.p();
      final dev.geodesic.ot.Interpolation interpolation = config.interpolation();
      jsc.setJobDescription("fedwad round " + round + " (" + active.size() + " pair" + (active.size() == 1 ? "" : "s") + ")");
      List<Reply> replies;
      long jobStart = System.nanoTime();
      try {
        replies = clients.rdd().mapPartitions(it -> answer(it, b.value(), p, interpolation)).collect();
      } finally {
        jsc.setJobDescription(null);
        b.destroy();
      }
      ClientReply[][] byPair = new ClientReply[n][2];
      for (Reply r : replies) {
        byPair[r.pair()][r.side()] = r.reply();
      }
      long serverStart = System.nanoTime();
      Map<Pair, IterationRecord> records = new java.util.concurrent.ConcurrentHashMap<>();
      active.parallelStream().forEach(i -> {
        IterationRecord rec = servers.get(i).receive(byPair[i][0], byPair[i][1]);
        records.put(pairs.get(i), rec);
      });
      for (int i : active) {
        traces.get(i).add(records.get(pairs.get(i)));
      }
      long end = System.nanoTime();
      listener.onRound(round, records, (serverStart - jobStart) * 1e-9, (end - serverStart) * 1e-9);
      if (states != null) {
        List<FedwadCheckpoint.PairProgress> progress = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          progress.add(new FedwadCheckpoint.PairProgress(servers.get(i).state(), List.copyOf(traces.get(i))));
        }
        states.afterRound(round, progress);
      }
    }
    List<PairResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new PairResult(pairs.get(i), servers.get(i).result(), traces.get(i)));
    }
    return out;
  }

  /** One client's work in a round: an OT solve and an interpolation per request addressed to it. */
  private static Iterator<Reply> answer(Iterator<ClientMeasure> it, Map<String, List<Request>> requests,
      double p, dev.geodesic.ot.Interpolation interpolation) {
    List<Reply> out = new ArrayList<>();
    while (it.hasNext()) {
      ClientMeasure c = it.next();
      List<Request> mine = requests.get(c.client());
      if (mine == null) {
        continue;
      }
      LocalWassersteinClient client = new LocalWassersteinClient(c.measure(), p, interpolation);
      for (Request r : mine) {
        out.add(new Reply(r.pair(), r.side(), client.reply(r.xi(), r.t())));
      }
    }
    return out.iterator();
  }

  /** What the server sends a client for one pair: ξ and the client's time. side 0 = A, 1 = B. */
  record Request(int pair, int side, DiscreteMeasure xi, double t) implements Serializable {}

  /** What the client sends back: d = W_p(ξ, μ) and Interp(ξ → μ, t). */
  record Reply(int pair, int side, ClientReply reply) implements Serializable {}
}
