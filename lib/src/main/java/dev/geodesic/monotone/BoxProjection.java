package dev.geodesic.monotone;

/** Projection onto the box {lower ≤ x ≤ upper}, coordinate-wise clipping. */
public record BoxProjection(int dimension, double lower, double upper) implements Resolvent {
  public BoxProjection {
    if (dimension < 1 || !(lower <= upper)) {
      throw new IllegalArgumentException("box needs dimension >= 1 and lower <= upper");
    }
  }

  @Override
  public void apply(double[] v, int offset, double eta, double[] out) {
    for (int k = offset; k < offset + dimension; k++) {
      out[k] = Math.min(upper, Math.max(lower, v[k]));
    }
  }
}
