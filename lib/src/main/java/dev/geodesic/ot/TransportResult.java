package dev.geodesic.ot;

import dev.geodesic.iteration.StopReason;
import java.util.Optional;

/**
 * The one result of {@link OptimalTransport#solve}: whatever the solver, the transport cost, the
 * distance and which quantity they are, the plan when the solver has one, the iterations and why it
 * stopped; what only one solver knows is kept typed in {@link #details()}.
 *
 * @param quantity which quantity {@code cost} and {@code distance} are
 * @param cost Σ P_ij C_ij of the plan (sliced: the mean over directions of the 1-D W_p^p)
 * @param distance cost^(1/p)
 * @param plan the plan in sparse form (exact, entropic); empty for sliced W_p, which has no plan
 * @param iterations pivots (exact), Sinkhorn iterations (entropic), directions (sliced)
 * @param stopReason {@link StopReason#CONVERGED} when the solver met its own test (optimality, the
 *     marginal tolerance; always for the closed-form sliced estimate), else the budget that ran out
 * @param details the solver's own numbers
 */
public record TransportResult(TransportQuantity quantity, double cost, double distance, Optional<TransportPlan> plan,
    long iterations, StopReason stopReason, Details details) {

  /** What only one solver reports. */
  public sealed interface Details permits Exact, Entropic, Sliced {}

  /**
   * @param dualObjective Σ a_i u_i + Σ b_j v_j of the dual certificate (= cost at optimality)
   * @param planNonZeros nonzeros of the basic plan (≤ n + m − 1)
   */
  public record Exact(double dualObjective, int planNonZeros) implements Details {}

  /**
   * @param entropicCost ⟨P_ε, C⟩ + ε·KL(P_ε ‖ a⊗b), the regularized objective
   * @param epsilon the ε solved for
   * @param marginalError relative L1 row-marginal error of P_ε
   */
  public record Entropic(double entropicCost, double epsilon, double marginalError) implements Details {}

  /**
   * @param standardError Monte Carlo standard error of {@code cost} over the directions
   * @param projections the number of directions
   */
  public record Sliced(double standardError, int projections) implements Details {}
}
