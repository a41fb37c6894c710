package dev.geodesic.monotone;

/** G = 0: J_{ηG} is the identity, and the residual is ‖F(u)‖ (unconstrained problems). */
public record IdentityResolvent(int dimension) implements Resolvent {
  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    if (v != out) {
      System.arraycopy(v, offset, out, offset, dimension);
    }
  }
}
