package dev.geodesic.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledBlockTest {
  private static DenseMatrix points(double... columnMajor2d) {
    return DenseMatrix.wrap(2, columnMajor2d.length / 2, columnMajor2d);
  }

  @Test
  void rejectsLabelCountDifferentFromPointCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LabeledBlock(points(1, 2, 3, 4), new double[] {1}));
    assertTrue(e.getMessage().contains("1 labels for 2 points"), e.getMessage());
  }

  @Test
  void concatenatesColumnsAndLabelsInOrder() {
    LabeledBlock a = new LabeledBlock(points(1, 2, 3, 4), new double[] {0, 1});
    LabeledBlock b = new LabeledBlock(points(5, 6), new double[] {2});
    LabeledBlock ab = LabeledBlock.concat(List.of(a, b));
    assertEquals(3, ab.size());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, ab.features().values(), 0.0);
    assertArrayEquals(new double[] {0, 1, 2}, ab.labels(), 0.0);
    assertArrayEquals(new double[] {3, 4, 5, 6}, ab.slice(1, 3).features().values(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> LabeledBlock.concat(List.of(a, LabeledBlock.unlabeled(points(7, 8)))));
    assertThrows(IllegalArgumentException.class,
        () -> LabeledBlock.concat(List.of(a, LabeledBlock.unlabeled(DenseMatrix.zeros(3, 1)))));
  }

  @Test
  void requireFiniteNamesTheOffendingPoint() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabeledBlock.unlabeled(points(1, 2, 3, Double.NaN)).requireFinite());
    assertTrue(e.getMessage().contains("point 1, feature 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LabeledBlock(points(1, 2), new double[] {Double.POSITIVE_INFINITY}).requireFinite());
    assertTrue(e.getMessage().contains("label of point 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabeledBlock.unlabeled(points(1, 2)).requireDimension(3));
  }
}
