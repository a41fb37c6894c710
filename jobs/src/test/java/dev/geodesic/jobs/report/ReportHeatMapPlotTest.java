package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHeatMapPlotTest {
  @TempDir Path dir;

  private static final double[][] DISTANCES = {
    {0.0, 1.5, 3.2},
    {1.5, 0.0, 2.1},
    {3.2, 2.1, 0.0},
  };

  @Test
  void threeByThreeDistanceMatrixBecomesAHeatMapPng() throws Exception {
    Figure f = new HeatMapPlot().render("distances", "pairwise W2", List.of("a", "b", "c"), DISTANCES);
    Path png = f.writePng(dir.resolve("distances.png"));
    BufferedImage img = PngChecks.assertPicture(png, 700, 600);
    // The lowest (0) and highest (3.2) cells take the two ends of the colour ramp.
    assertTrue(PngChecks.containsColour(img, Palette.HEAT[0].getRGB()), "low end of the ramp missing");
    assertTrue(PngChecks.containsColour(img, Palette.HEAT[Palette.HEAT.length - 1].getRGB()),
        "high end of the ramp missing");
  }

  @Test
  void legendLabelsHaveThreeSignificantDigits() {
    org.junit.jupiter.api.Assertions.assertEquals("2.68", HeatMapPlot.legendLabel(2.67695));
    org.junit.jupiter.api.Assertions.assertEquals("0.535", HeatMapPlot.legendLabel(0.535391));
    org.junit.jupiter.api.Assertions.assertEquals("0", HeatMapPlot.legendLabel(0.0));
    org.junit.jupiter.api.Assertions.assertEquals("1200", HeatMapPlot.legendLabel(1199.7));
    org.junit.jupiter.api.Assertions.assertEquals("1.23e+06", HeatMapPlot.legendLabel(1234567.0));
  }

  @Test
  void nonFiniteCellsAndConstantMatricesAreTolerated() throws Exception {
    double[][] m = {{0, Double.NaN}, {Double.POSITIVE_INFINITY, 0}};
    Path png = new HeatMapPlot().render("m", "m", List.of("x", "y"), m).writePng(dir.resolve("m.png"));
    PngChecks.assertPicture(png, 700, 600);
  }

  @Test
  void shapeMismatchesAreRefused() {
    HeatMapPlot plot = new HeatMapPlot();
    assertThrows(IllegalArgumentException.class,
        () -> plot.render("d", "d", List.of("a", "b"), DISTANCES));
    assertThrows(IllegalArgumentException.class,
        () -> plot.render("d", "d", List.of("a", "b"), new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class,
        () -> plot.render("d", "d", List.of("a"), new double[][] {{Double.NaN}}));
  }
}
