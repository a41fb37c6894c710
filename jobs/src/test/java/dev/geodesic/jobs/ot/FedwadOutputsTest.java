package dev.geodesic.jobs.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class FedwadOutputsTest {
  @Test
  void bracketIsPlottedAsBestSoFarBounds() {
    Trace t = new Trace();
    double[][] ul = {{5, 1}, {4, 2.5}, {4.5, 0.5}, {3, 2}, {3.5, 2.8}};
    for (int k = 0; k < ul.length; k++) {
      t.onIteration(IterationRecord.of(k + 1, k, "upper", ul[k][0], "lower", ul[k][1]));
    }
    Trace best = FedwadOutputs.bestSoFar(t, 2.9);
    assertArrayEquals(new double[] {5, 4, 4, 3, 3}, best.column("upper"));
    assertArrayEquals(new double[] {1, 2.5, 2.5, 2.5, 2.8}, best.column("lower"));
    assertArrayEquals(new double[] {2.9, 2.9, 2.9, 2.9, 2.9}, best.column("exact"));
    assertEquals(List.of("upper", "lower"), FedwadOutputs.bestSoFar(t, null).metricNames());
  }
}
