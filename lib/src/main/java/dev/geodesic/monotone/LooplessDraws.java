package dev.geodesic.monotone;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The draws of a segment of loopless variance-reduced steps (VR-EG, VR-FoRB): per step a component
 * index uniform on [0, n) and the snapshot coin (true with probability p), in that order from the
 * step's own seeded stream. They do not depend on the iterates, so a method draws the steps up to the
 * next snapshot first and fetches their components in one job; the arrays grow as the segment does.
 */
final class LooplessDraws {
  private int[] indices = new int[16];
  private boolean[] coins = new boolean[16];
  private int size;

  /** Starts a new segment. */
  void clear() {
    size = 0;
  }

  /** Draws the next step's index and coin from {@code random}; returns the coin (a snapshot follows the step). */
  boolean draw(SplittableRandom random, int n, double p) {
    if (size == indices.length) {
      indices = Arrays.copyOf(indices, 2 * size);
      coins = Arrays.copyOf(coins, 2 * size);
    }
    indices[size] = random.nextInt(n);
    coins[size] = random.nextDouble() < p;
    return coins[size++];
  }

  /** Steps drawn in this segment. */
  int size() {
    return size;
  }

  /** The component of step s. */
  int index(int s) {
    return indices[s];
  }

  /** Whether a snapshot follows step s. */
  boolean coin(int s) {
    return coins[s];
  }

  /** The indices array (its first {@link #size} entries are the segment's), for a fetch. */
  int[] indices() {
    return indices;
  }
}
