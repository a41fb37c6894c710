package dev.geodesic.graph;

import dev.geodesic.linalg.Blas;
import dev.geodesic.linalg.DenseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Accelerated gossip: p_t(W) = T_t(W/σ₂)/T_t(1/σ₂) with T_t the Chebyshev polynomial of degree t
 * (Scaman et al. 2017, §4.2; Auzinger &amp; Melenk's semi-iterative scheme). Among degree-t
 * polynomials with p(1) = 1 it has the least max |p| on [−σ₂, σ₂], namely 1/T_t(1/σ₂) ≈
 * 2·(σ₂/(1 + √(1 − σ₂²)))^t instead of σ₂^t, at the same t neighbour exchanges.
 *
 * <p>The three-term recurrence T_{k+1}(z) = 2z·T_k(z) − T_{k−1}(z) gives, with c_k = T_k(1/σ₂),
 * y_0 = x, y_1 = W·x, y_{k+1} = (2c_k/(σ₂ c_{k+1}))·W·y_k − (c_{k−1}/c_{k+1})·y_{k−1}. It runs on
 * the ratios ρ_k = c_{k−1}/c_k = σ₂/(2 − σ₂ ρ_{k−1}) (ρ_1 = σ₂), which stay in (0, 1] where the c_k
 * themselves overflow; σ₂ = 0 (exact averaging in one round) reduces to W^t.
 */
public final class ChebyshevGossip implements Gossip {
  private static final long serialVersionUID = 1L;

  private final MixingMatrix mixing;
  private final int rounds;
  private final double sigma;

  public ChebyshevGossip(MixingMatrix mixing, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("gossip rounds must be >= 1, got " + rounds);
    }
    this.mixing = mixing;
    this.rounds = rounds;
    this.sigma = mixing.secondLargestSingularValue();
  }

  @Override
  public MixingMatrix mixing() {
    return mixing;
  }

  @Override
  public int rounds() {
    return rounds;
  }

  @Override
  public List<DenseMatrix> mix(List<DenseMatrix> values) {
    Blas blas = Blas.get();
    List<DenseMatrix> previous = values;
    List<DenseMatrix> current = mixing.apply(values);
    double rho = sigma; // c_0 / c_1
    for (int k = 1; k < rounds; k++) {
      double denominator = 2.0 - sigma * rho;
      double a = 2.0 / denominator; // 2 c_k / (σ c_{k+1})
      double rhoNext = sigma / denominator; // c_k / c_{k+1}
      double b = rho * rhoNext; // c_{k-1} / c_{k+1}
      List<DenseMatrix> w = mixing.apply(current);
      List<DenseMatrix> next = new ArrayList<>(w.size());
      for (int i = 0; i < w.size(); i++) {
        DenseMatrix y = w.get(i);
        blas.scal(a, y.values());
        blas.axpy(-b, previous.get(i), y);
        next.add(y);
      }
      previous = current;
      current = next;
      rho = rhoNext;
    }
    return current;
  }

  /** 1/T_t(1/σ₂) = 1/cosh(t·arccosh(1/σ₂)). */
  @Override
  public double contraction() {
    return contraction(sigma, rounds);
  }

  /** 1/T_t(1/σ) for σ ∈ [0, 1). */
  public static double contraction(double sigma, int rounds) {
    if (sigma == 0) {
      return 0;
    }
    double z = 1.0 / sigma;
    double acosh = Math.log(z + Math.sqrt(z * z - 1.0));
    return 1.0 / Math.cosh(rounds * acosh);
  }

  @Override
  public String kind() {
    return "chebyshev";
  }
}
