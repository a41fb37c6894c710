package dev.geodesic.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * The clients of a FedWaD run, reached together: one call answers every request of a round (the
 * Spark job implements it as one job over the partitions that cache the clients).
 */
@FunctionalInterface
public interface WassersteinClients {
  /** The replies, in the order of the requests. */
  List<ClientReply> answer(List<ClientRequest> requests);

  /**
   * The clients' summaries for the certified lower bounds, in the order of the requests; an empty list when
   * the clients reveal none (the default).
   */
  default List<ClientSummary> summaries(List<SummaryRequest> requests) {
    return List.of();
  }

  /** Clients reached one by one in this process: client k is {@code clients.get(k)}. */
  static WassersteinClients of(List<? extends WassersteinClient> clients) {
    return new WassersteinClients() {
      @Override
      public List<ClientReply> answer(List<ClientRequest> requests) {
        List<ClientReply> out = new ArrayList<>(requests.size());
        for (ClientRequest r : requests) {
          out.add(clients.get(r.client()).reply(r.xi(), r.t()));
        }
        return out;
      }

      @Override
      public List<ClientSummary> summaries(List<SummaryRequest> requests) {
        List<ClientSummary> out = new ArrayList<>(requests.size());
        for (SummaryRequest r : requests) {
          java.util.Optional<ClientSummary> s = clients.get(r.client()).summary(r.directions(), r.quantiles());
          if (s.isEmpty()) {
            return List.of();
          }
          out.add(s.get());
        }
        return out;
      }
    };
  }
}
