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

  /** Clients reached one by one in this process: client k is {@code clients.get(k)}. */
  static WassersteinClients of(List<? extends WassersteinClient> clients) {
    return requests -> {
      List<ClientReply> out = new ArrayList<>(requests.size());
      for (ClientRequest r : requests) {
        out.add(clients.get(r.client()).reply(r.xi(), r.t()));
      }
      return out;
    };
  }
}
