/**
 * Communication graphs of decentralized methods and their mixing: undirected connected graphs
 * ({@link dev.geodesic.graph.CommunicationGraph}: ring, Erdős–Rényi, complete, star, 2-D torus, an
 * edge list), mixing matrices W as sparse neighbour weights with the checks the theory needs
 * ({@link dev.geodesic.graph.MixingMatrix}, {@link dev.geodesic.graph.MetropolisHastingsMixing}), and
 * gossip — t rounds of neighbour exchange, plain ({@link dev.geodesic.graph.PlainGossip}, W^t) or
 * accelerated ({@link dev.geodesic.graph.ChebyshevGossip}). Gossip is always the sparse neighbour
 * sum Σ_j W_ij x_j, never a dense W^t product.
 */
package dev.geodesic.graph;
