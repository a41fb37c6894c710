package dev.geodesic.monotone;

import java.util.List;

/**
 * The resolvent of G = G₁ × G₂ × … on consecutive blocks of u (for a game: the x-block, then the
 * y-block): it acts block by block because J_{η(G₁×G₂)} = J_{ηG₁} × J_{ηG₂}.
 */
public final class ProductResolvent implements Resolvent {
  private final List<Resolvent> blocks;
  private final int dimension;

  public ProductResolvent(List<Resolvent> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a product needs at least one block");
    }
    this.blocks = List.copyOf(blocks);
    this.dimension = this.blocks.stream().mapToInt(Resolvent::dimension).sum();
  }

  public static ProductResolvent of(Resolvent... blocks) {
    return new ProductResolvent(List.of(blocks));
  }

  public List<Resolvent> blocks() {
    return blocks;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    int at = offset;
    for (Resolvent b : blocks) {
      b.apply(v, at, eta, out);
      at += b.dimension();
    }
  }
}
