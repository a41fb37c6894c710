package dev.geodesic.random;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from one user seed: {@code SeedSequence.of(seed).stream("gen",
 * partition)} is the same stream on every run, on every machine, whichever executor computes it.
 *
 * <p>Keys are folded into the seed with the SplitMix64 finalizer (Steele, Lea &amp; Flood 2014), the
 * mixing function {@link SplittableRandom} itself uses, so nearby keys give unrelated streams.
 */
public final class SeedSequence implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long seed;

  private SeedSequence(long seed) {
    this.seed = seed;
  }

  public static SeedSequence of(long seed) {
    return new SeedSequence(seed);
  }

  public long seed() {
    return seed;
  }

  /** A child sequence for a named purpose, e.g. {@code "fedwad"}, then indexed by partition. */
  public SeedSequence child(String purpose) {
    return new SeedSequence(mix(seed, purpose.hashCode()));
  }

  public SeedSequence child(long index) {
    return new SeedSequence(mix(seed, index));
  }

  /** The stream for {@code (purpose, indices...)}. */
  public SplittableRandom stream(String purpose, long... indices) {
    SeedSequence s = child(purpose);
    for (long i : indices) {
      s = s.child(i);
    }
    return new SplittableRandom(s.seed);
  }

  /** A derived 64-bit seed for {@code (purpose, indices...)}, for APIs that take a seed. */
  public long derive(String purpose, long... indices) {
    SeedSequence s = child(purpose);
    for (long i : indices) {
      s = s.child(i);
    }
    return s.seed;
  }

  private static long mix(long a, long b) {
    long z = a + GOLDEN_GAMMA * (b + 1);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A standard normal draw (Marsaglia polar method) from a {@link SplittableRandom}. {@code
   * StrictMath.log}, not {@code Math.log}: HotSpot's x86-64 intrinsic differs from fdlibm in the last
   * bit on about 7% of inputs, and other platforms have other intrinsics, so seeded data would
   * differ between machines.
   */
  public static double nextGaussian(SplittableRandom r) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * r.nextDouble() - 1.0;
      v = 2.0 * r.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * Math.sqrt(-2.0 * StrictMath.log(s) / s);
  }
}
