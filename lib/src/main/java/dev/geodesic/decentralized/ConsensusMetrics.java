package dev.geodesic.decentralized;

import java.io.Serializable;

/**
 * The quality of the agents' points x_1..x_n at one iteration, measured at x̄ = P_M((1/n)Σ x_i)
 * (Chen et al. 2024, §5).
 *
 * @param consensusError sqrt(Σ_i ‖x_i − x̄‖²_F)
 * @param gradNorm ‖grad f(x̄)‖_F
 * @param objective f(x̄)
 * @param objectiveGap f(x̄) − f* (NaN without a truth)
 * @param subspaceDistance d_s(x̄, x*) = min_Q ‖x̄Q − x*‖_F (NaN without a truth)
 */
public record ConsensusMetrics(double consensusError, double gradNorm, double objective, double objectiveGap,
    double subspaceDistance) implements Serializable {}
