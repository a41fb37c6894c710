package dev.geodesic.ot;

import dev.geodesic.iteration.IterationContext;
import dev.geodesic.iteration.IterativeMethod;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.iteration.Step;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.random.SeedSequence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * FedWaD for many pairs of clients at once, as an {@link IterativeMethod}: one iteration is one
 * round for every pair still running. The pairs' servers ({@link FederatedWasserstein.Server}) send
 * their requests together, the clients answer them in one remote call ({@link WassersteinClients}),
 * and the servers then take their steps in parallel. A pair stops when its bracket meets the
 * tolerance or its round budget; the run stops when no pair is left ({@code converged} when every
 * pair converged).
 *
 * <p>Under {@link #forPairs} each pair has its own seed, {@code seed → ("fedwad-pair", a, b)}, so a pair's
 * numbers do not depend on which other pairs run beside it, and with
 * {@link FederatedWasserstein.Config#autoInitialSupport()} ξ⁽⁰⁾ of a pair has as many atoms as its
 * smaller client.
 *
 * <p>Metrics per round: for one pair its server's record (bounds, estimate, bracket width, support, t's);
 * for several, {@code active_pairs} and the maximum and mean bracket width and support across them.
 */
public final class FederatedWassersteinRounds implements IterativeMethod<FederatedWassersteinRounds.State> {
  /** A pair of clients, by index into the run's client list. */
  public record Pair(int a, int b) implements Serializable {}

  /** A pair's result. */
  public record PairResult(Pair pair, FederatedWasserstein.Result result) {}

  /** Every pair's server state, in the run's pair order. */
  public record State(List<FederatedWasserstein.ServerState> servers) implements Serializable {}

  private final List<Pair> pairs;
  private final List<FederatedWasserstein.Config> pairConfigs;
  private final WassersteinClients clients;
  private final NetworkSimplex serverSolver;
  private final List<FederatedWasserstein.Server> servers = new ArrayList<>();

  /**
   * Pairs with their own configurations (seed, ξ⁽⁰⁾ size resolved), answered by {@code clients}.
   *
   * @param serverSolver the servers' OT solver
   */
  public FederatedWassersteinRounds(List<Pair> pairs, List<FederatedWasserstein.Config> pairConfigs, int dimension,
      WassersteinClients clients, NetworkSimplex serverSolver) {
    if (pairs.isEmpty() || pairs.size() != pairConfigs.size()) {
      throw new IllegalArgumentException(pairs.size() + " pairs and " + pairConfigs.size() + " configurations");
    }
    this.pairs = List.copyOf(pairs);
    this.pairConfigs = List.copyOf(pairConfigs);
    this.clients = clients;
    this.serverSolver = serverSolver;
    for (FederatedWasserstein.Config c : this.pairConfigs) {
      servers.add(new FederatedWasserstein(c, serverSolver).server(dimension));
    }
  }

  /**
   * The run of {@code config} over the given pairs of clients: each pair gets its own seed
   * ({@link #pairSeed}) and, when the configuration asks for it, ξ⁽⁰⁾ as large as its smaller client.
   *
   * @param clientSizes atoms of each client
   */
  public static FederatedWassersteinRounds forPairs(FederatedWasserstein.Config config, List<Pair> pairs,
      int[] clientSizes, int dimension, WassersteinClients clients) {
    List<FederatedWasserstein.Config> configs = new ArrayList<>(pairs.size());
    for (Pair p : pairs) {
      configs.add(config.withSeed(pairSeed(config.seed(), p)).resolvedFor(clientSizes[p.a()], clientSizes[p.b()]));
    }
    // the servers step in parallel over the pairs: all cores price one pair's solve only when it is alone
    return new FederatedWassersteinRounds(pairs, configs, dimension, clients,
        new NetworkSimplex(NetworkSimplex.Config.defaults(), pairs.size() == 1 ? 0 : 1));
  }

  /** Every pair a &lt; b of k clients. */
  public static List<Pair> allPairs(int k) {
    List<Pair> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        out.add(new Pair(a, b));
      }
    }
    return out;
  }

  /** The seed of pair (a, b): its own stream of the run's seed, so every pair is reproducible alone. */
  public static long pairSeed(long seed, Pair p) {
    return SeedSequence.of(seed).derive("fedwad-pair", p.a(), p.b());
  }

  public List<Pair> pairs() {
    return pairs;
  }

  @Override
  public Step step(IterationContext ctx) {
    List<Integer> active = IntStream.range(0, pairs.size()).filter(i -> !servers.get(i).finished()).boxed().toList();
    if (active.isEmpty()) {
      // The step that finished the last pair already stopped the run, and a resumed run that is over
      // stops before its first step (IterationLoop), so this is a caller's error.
      throw new IllegalStateException("every pair has finished; no round is left to run");
    }
    List<Integer> unsummarized = active.stream().filter(i -> servers.get(i).needsSummaries()).toList();
    if (!unsummarized.isEmpty()) {
      summaryBounds(ctx, unsummarized);
    }
    List<ClientRequest> requests = new ArrayList<>(2 * active.size());
    long bytes = 0;
    for (int i : active) {
      FederatedWasserstein.Server s = servers.get(i);
      requests.add(new ClientRequest(pairs.get(i).a(), s.xi(), s.timeA()));
      requests.add(new ClientRequest(pairs.get(i).b(), s.xi(), s.timeB()));
      bytes += 2 * measureBytes(s.xi());
    }
    List<ClientReply> replies = ctx.remote("clients", () -> clients.answer(requests));
    for (ClientReply r : replies) {
      bytes += measureBytes(r.interpolant()) + Double.BYTES;
    }
    // Two OT solves by the clients per pair; four messages (ξ to both clients, both replies back).
    ctx.oracle().components(2L * active.size());
    ctx.oracle().messages(4L * active.size(), bytes);
    IterationRecord[] records = new IterationRecord[active.size()];
    IntStream.range(0, active.size()).parallel().forEach(k -> {
      int i = active.get(k);
      records[k] = servers.get(i).receive(replies.get(2 * k), replies.get(2 * k + 1));
    });
    boolean done = servers.stream().allMatch(FederatedWasserstein.Server::finished);
    Step step = pairs.size() == 1 ? new Step(records[0].metrics(), null) : aggregate(records);
    return done ? step.stopping(stopReason()) : step;
  }

  /**
   * Before a pair's first round: the clients' moments (one remote call for every client of these pairs), the
   * server's directions per pair, then the quantiles of the projections (a second call), and the best
   * certified bound from them ({@link SummaryLowerBounds#best}).
   */
  private void summaryBounds(IterationContext ctx, List<Integer> pairIndices) {
    List<Integer> clientIds = new ArrayList<>();
    for (int i : pairIndices) {
      for (int c : new int[] {pairs.get(i).a(), pairs.get(i).b()}) {
        if (!clientIds.contains(c)) {
          clientIds.add(c);
        }
      }
    }
    List<SummaryRequest> momentRequests = clientIds.stream().map(c -> new SummaryRequest(c, null, 0)).toList();
    List<ClientSummary> moments = ctx.remote("clients", () -> clients.summaries(momentRequests));
    if (moments.isEmpty()) {
      for (int i : pairIndices) {
        servers.get(i).summaryBound(new SummaryLowerBounds.Bound(0.0, SummaryLowerBounds.Kind.TRIANGLE));
      }
      return;
    }
    List<SummaryRequest> projectionRequests = new ArrayList<>(2 * pairIndices.size());
    List<dev.geodesic.linalg.DenseMatrix> directions = new ArrayList<>(pairIndices.size());
    for (int i : pairIndices) {
      Pair pr = pairs.get(i);
      ClientSummary a = moments.get(clientIds.indexOf(pr.a()));
      ClientSummary b = moments.get(clientIds.indexOf(pr.b()));
      int k = Math.min(SummaryLowerBounds.DIRECTIONS, a.mean().length + 1);
      dev.geodesic.linalg.DenseMatrix dirs = SummaryLowerBounds.directions(a, b, k,
          SeedSequence.of(pairConfigs.get(i).seed()));
      directions.add(dirs);
      projectionRequests.add(new SummaryRequest(pr.a(), dirs, SummaryLowerBounds.QUANTILES));
      projectionRequests.add(new SummaryRequest(pr.b(), dirs, SummaryLowerBounds.QUANTILES));
    }
    List<ClientSummary> projections = ctx.remote("clients", () -> clients.summaries(projectionRequests));
    for (int k = 0; k < pairIndices.size(); k++) {
      int i = pairIndices.get(k);
      servers.get(i).summaryBound(projections.isEmpty()
          ? new SummaryLowerBounds.Bound(0.0, SummaryLowerBounds.Kind.TRIANGLE)
          : SummaryLowerBounds.best(projections.get(2 * k), projections.get(2 * k + 1), directions.get(k),
              pairConfigs.get(i).p()));
    }
  }

  private StopReason stopReason() {
    return servers.stream().allMatch(s -> s.result().converged()) ? StopReason.CONVERGED : StopReason.ITERATION_LIMIT;
  }

  private static long measureBytes(DiscreteMeasure m) {
    return (long) m.size() * (m.dimension() + 1) * Double.BYTES;
  }

  private static Step aggregate(IterationRecord[] records) {
    double maxWidth = 0;
    double sumWidth = 0;
    double sumSupport = 0;
    for (IterationRecord r : records) {
      maxWidth = Math.max(maxWidth, r.metric("bracket_width"));
      sumWidth += r.metric("bracket_width");
      sumSupport += r.metric("support");
    }
    int k = records.length;
    return Step.of("active_pairs", k, "max_bracket_width", maxWidth, "mean_bracket_width", sumWidth / k,
        "mean_support", sumSupport / k);
  }

  /** Every pair's result so far (final once the run has stopped). */
  public List<PairResult> results() {
    List<PairResult> out = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      out.add(new PairResult(pairs.get(i), servers.get(i).result()));
    }
    return out;
  }

  @Override
  public State state() {
    List<FederatedWasserstein.ServerState> s = new ArrayList<>(servers.size());
    for (FederatedWasserstein.Server server : servers) {
      s.add(server.state());
    }
    return new State(s);
  }

  @Override
  public void restore(State state) {
    if (state.servers().size() != pairs.size()) {
      throw new IllegalArgumentException("saved state has " + state.servers().size() + " pairs, this run " + pairs.size());
    }
    servers.clear();
    for (int i = 0; i < pairs.size(); i++) {
      servers.add(new FederatedWasserstein(pairConfigs.get(i), serverSolver).resume(state.servers().get(i)));
    }
  }
}
