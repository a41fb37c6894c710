package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ReportTransportPlanPlotTest {
  @Test
  void drawsBothPointSetsAndTheSegments() {
    // Source (0,0), (1,0); target (0,1), (1,1); plan matches straight up.
    Figure f = TransportPlanPlot.render("plan", "plan", new double[] {0, 0, 1, 0}, new double[] {0, 1, 1, 1},
        new int[] {0, 1}, new int[] {0, 1}, new double[] {0.5, 0.5}, 10);
    assertEquals(800, f.width());
    // The midpoint of the first segment (x = 0, y = 0.5) is drawn (not white); a point off every
    // segment and marker (x = 0.5, y = 0.5) is background.
    int s = Math.min((800 - 100), (640 - 100));
    int midX = 50;
    int midY = 640 - 50 - s / 2;
    assertNotEquals(0xFFFFFF, f.image().getRGB(midX, midY) & 0xFFFFFF);
    assertEquals(0xFFFFFF, f.image().getRGB(50 + s / 2, midY) & 0xFFFFFF);
  }
}
