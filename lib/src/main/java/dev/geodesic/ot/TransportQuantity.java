package dev.geodesic.ot;

/**
 * Which number a {@link TransportResult}'s {@code distance} is: the solvers compute different
 * quantities, and a reader must not mistake one for another (POT's {@code OTResult} keeps the same
 * distinction between {@code value} and {@code value_linear}).
 */
public enum TransportQuantity {
  /** W_p itself: the optimal transport cost Σ P*_ij C_ij of an exact plan, and its p-th root. */
  WASSERSTEIN("W_p", "W_p (exact)"),
  /**
   * ⟨P_ε, C⟩, the linear cost of the entropic plan (≥ W_p^p, → W_p^p as ε → 0), and its p-th root;
   * the entropic objective itself is kept apart as {@link TransportResult.Entropic#entropicCost()}.
   */
  ENTROPIC_PLAN_COST("transport cost of the entropic plan",
      "transport cost <P_eps, C> of the entropic plan (cost), and its p-th root (distance); "
          + "entropic_cost = <P_eps, C> + eps KL(P_eps | a x b)"),
  /** SW_p: the mean over random directions of 1-D W_p^p, then ^(1/p); SW_p ≤ W_p, a different quantity. */
  SLICED_WASSERSTEIN("sliced W_p", "sliced W_p (mean over random directions of 1-D W_p^p, then ^(1/p)); not W_p");

  private final String label;
  private final String description;

  TransportQuantity(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** A short name, e.g. for a table column ({@code W_p}, {@code sliced W_p}). */
  public String label() {
    return label;
  }

  /** A sentence saying what {@code cost} and {@code distance} are. */
  public String description() {
    return description;
  }
}
