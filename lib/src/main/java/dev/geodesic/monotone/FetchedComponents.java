package dev.geodesic.monotone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Copies of some components of a finite sum, each a one-component {@link ComponentBlock}
 * ({@link ComponentBlock#component}), held where the method runs: a stochastic step then evaluates
 * F_i with the same block code as the executor that owns i would, so the arithmetic is unchanged.
 */
public final class FetchedComponents implements Components {
  private final ComponentBlock[] blocks;
  private final int[] ids;

  /** @param blocks one-component blocks with distinct components, in any order */
  public FetchedComponents(List<ComponentBlock> blocks) {
    List<ComponentBlock> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingInt(ComponentBlock::from));
    this.blocks = sorted.toArray(new ComponentBlock[0]);
    this.ids = new int[this.blocks.length];
    for (int k = 0; k < ids.length; k++) {
      ComponentBlock b = this.blocks[k];
      if (b.to() != b.from() + 1 || (k > 0 && b.from() == ids[k - 1])) {
        throw new IllegalArgumentException("fetched blocks must hold one distinct component each, got [" + b.from()
            + ", " + b.to() + ")");
      }
      ids[k] = b.from();
    }
  }

  /** The number of components held. */
  public int size() {
    return ids.length;
  }

  @Override
  public void addComponent(int i, double[] u, double scale, double[] out) {
    int k = java.util.Arrays.binarySearch(ids, i);
    if (k < 0) {
      throw new IllegalArgumentException("component " + i + " was not fetched");
    }
    blocks[k].addComponent(i, u, scale, out);
  }
}
