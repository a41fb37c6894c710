package dev.geodesic.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.geodesic.linalg.DenseMatrix;
import org.junit.jupiter.api.Test;

class LabelAugmentationTest {
  @Test
  void appendsClassMeanAndStandardDeviation() {
    // Class 0: x = 1, 3 (mean 2, population sd 1); class 1: x = 10 alone (mean 10, sd 0). d = 1.
    DenseMatrix x = DenseMatrix.wrap(1, 3, new double[] {1, 10, 3});
    DenseMatrix a = LabelAugmentation.augment(x, new double[] {0, 1, 0});
    assertArrayEquals(new double[] {1, 2, 1, 10, 10, 0, 3, 2, 1}, a.values(), 1e-15);
  }

  @Test
  void twoDimensionsPerCoordinate() {
    // One class, points (0,0), (2,4): mean (1,2), sd (1,2).
    DenseMatrix x = DenseMatrix.wrap(2, 2, new double[] {0, 0, 2, 4});
    DenseMatrix a = LabelAugmentation.augment(x, new double[] {5, 5});
    assertArrayEquals(new double[] {0, 0, 1, 2, 1, 2, 2, 4, 1, 2, 1, 2}, a.values(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> LabelAugmentation.augment(x, new double[] {1}));
  }
}
