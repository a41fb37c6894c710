package dev.geodesic.jobs.ot;

import dev.geodesic.ot.ClientReply;
import dev.geodesic.ot.ClientRequest;
import dev.geodesic.ot.ClientSummary;
import dev.geodesic.ot.Interpolation;
import dev.geodesic.ot.LocalWassersteinClient;
import dev.geodesic.ot.SummaryLowerBounds;
import dev.geodesic.ot.SummaryRequest;
import dev.geodesic.ot.WassersteinClients;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * FedWaD's clients on Spark: every request of a round is answered by one Spark job. The driver
 * broadcasts the round's requests ({@link FedwadMessages.Round}); the task holding client c answers those
 * addressed to c (an exact OT solve against its samples and an interpolation, {@link LocalWassersteinClient});
 * the replies — d and the interpolant as primitive arrays ({@link FedwadMessages.Answer}), the only data
 * that crosses the network — are collected.
 * The samples never leave the executors that cache them.
 */
public final class SparkWassersteinClients implements WassersteinClients {
  private final JavaSparkContext jsc;
  private final ClientMeasures clients;
  private final double p;
  private final Interpolation interpolation;

  public SparkWassersteinClients(JavaSparkContext jsc, ClientMeasures clients, double p, Interpolation interpolation) {
    this.jsc = jsc;
    this.clients = clients;
    this.p = p;
    this.interpolation = interpolation;
  }

  @Override
  public List<ClientReply> answer(List<ClientRequest> requests) {
    List<String> names = clients.clients();
    Broadcast<FedwadMessages.Round> b = jsc.broadcast(FedwadMessages.Round.of(requests));
    double exponent = p;
    Interpolation interp = interpolation;
    List<FedwadMessages.Answer> replies;
    try {
      replies = clients.rdd().mapPartitions(it -> answer(it, names, b.value(), exponent, interp)).collect();
    } finally {
      b.destroy();
    }
    ClientReply[] out = new ClientReply[requests.size()];
    for (FedwadMessages.Answer r : replies) {
      out[r.request] = r.reply();
    }
    for (int k = 0; k < out.length; k++) {
      if (out[k] == null) {
        throw new IllegalStateException("no client answered request " + k + " (client " + names.get(requests.get(k).client()) + ")");
      }
    }
    return List.of(out);
  }

  /**
   * The clients' summaries for the certified lower bounds (moments, quantiles of projections), one Spark job
   * for all requests; like the replies, only these numbers leave the executors.
   */
  @Override
  public List<ClientSummary> summaries(List<SummaryRequest> requests) {
    List<String> names = clients.clients();
    Map<String, List<AddressedSummary>> byClient = new HashMap<>();
    for (int k = 0; k < requests.size(); k++) {
      SummaryRequest r = requests.get(k);
      byClient.computeIfAbsent(names.get(r.client()), c -> new ArrayList<>()).add(new AddressedSummary(k, r));
    }
    Broadcast<Map<String, List<AddressedSummary>>> b = jsc.broadcast(byClient);
    List<SummaryReply> replies;
    try {
      replies = clients.rdd().mapPartitions(it -> summarize(it, b.value())).collect();
    } finally {
      b.destroy();
    }
    ClientSummary[] out = new ClientSummary[requests.size()];
    for (SummaryReply r : replies) {
      out[r.request()] = r.summary();
    }
    for (int k = 0; k < out.length; k++) {
      if (out[k] == null) {
        throw new IllegalStateException("no client summarized request " + k + " (client "
            + names.get(requests.get(k).client()) + ")");
      }
    }
    return List.of(out);
  }

  private static Iterator<SummaryReply> summarize(Iterator<ClientMeasure> it, Map<String, List<AddressedSummary>> requests) {
    List<SummaryReply> out = new ArrayList<>();
    while (it.hasNext()) {
      ClientMeasure c = it.next();
      for (AddressedSummary r : requests.getOrDefault(c.client(), List.of())) {
        out.add(new SummaryReply(r.request(),
            SummaryLowerBounds.summarize(c.measure(), r.summary().directions(), r.summary().quantiles())));
      }
    }
    return out.iterator();
  }

  /** A summary request as shipped, with its index. */
  record AddressedSummary(int request, SummaryRequest summary) implements Serializable {}

  /** A client's summary for request {@code request}. */
  record SummaryReply(int request, ClientSummary summary) implements Serializable {}

  /** One partition's work in a round: an OT solve and an interpolation per request addressed to its clients. */
  private static Iterator<FedwadMessages.Answer> answer(Iterator<ClientMeasure> it, List<String> names,
      FedwadMessages.Round round, double p, Interpolation interpolation) {
    List<FedwadMessages.Answer> out = new ArrayList<>();
    while (it.hasNext()) {
      ClientMeasure c = it.next();
      int index = names.indexOf(c.client());
      LocalWassersteinClient client = null;
      for (int k = 0; k < round.size(); k++) {
        if (round.client[k] != index) {
          continue;
        }
        if (client == null) {
          client = new LocalWassersteinClient(c.measure(), p, interpolation);
        }
        out.add(FedwadMessages.Answer.of(k, client.reply(round.xi(k), round.t[k])));
      }
    }
    return out.iterator();
  }
}
