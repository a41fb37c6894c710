package dev.geodesic.ot;

/**
 * What the FedWaD server sends one client for one pair in a round: ξ⁽ᵏ⁾ and the client's time t.
 *
 * @param client the client that answers, by index into the run's client list
 */
public record ClientRequest(int client, DiscreteMeasure xi, double t) implements java.io.Serializable {}
