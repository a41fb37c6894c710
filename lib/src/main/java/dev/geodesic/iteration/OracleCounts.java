package dev.geodesic.iteration;

import java.io.Serializable;

/**
 * The oracle calls of a run so far.
 *
 * @param componentEvaluations evaluations of one component (one row's loss/gradient, one
 *     operator component, one client's OT solve)
 * @param dataPasses passes over the whole data set (epochs)
 * @param messages messages exchanged between parties (agents, clients, server)
 * @param bytes payload bytes of those messages
 */
public record OracleCounts(long componentEvaluations, double dataPasses, long messages, long bytes)
    implements Serializable {
  public static final OracleCounts ZERO = new OracleCounts(0, 0.0, 0, 0);
}
