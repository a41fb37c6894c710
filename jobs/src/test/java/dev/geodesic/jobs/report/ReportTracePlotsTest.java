package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.jobs.report.TracePlots.XAxis;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTracePlotsTest {
  @TempDir Path dir;

  /** residual decays over 8 decades, objective moves within one, gap is never known (NaN). */
  private static Trace solverTrace(int n) {
    Trace t = new Trace();
    for (int k = 0; k < n; k++) {
      t.onIteration(IterationRecord.of(k, 0.01 * k, "residual", Math.pow(10, -8.0 * k / (n - 1)),
          "objective", 2.0 + 1.0 / (k + 1), "gap", Double.NaN));
    }
    return t;
  }

  private static Trace bracketTrace() {
    Trace t = new Trace();
    for (int k = 1; k <= 20; k++) {
      double w = 1.0 / k;
      t.onIteration(IterationRecord.of(k, 0.1 * k, "upper", 3 + w, "lower", 3 - w, "estimate", 3 + 0.1 * w));
    }
    return t;
  }

  @Test
  void oneDecodablePngPerMetricAndConstantNaNMetricsAreSkipped() throws Exception {
    List<Path> files = new TracePlots().writeEachMetric("Finite Sum", solverTrace(40), dir);
    assertEquals(List.of(dir.resolve("finite-sum-residual.png"), dir.resolve("finite-sum-objective.png")), files);
    for (Path f : files) {
      PngChecks.assertPicture(f, 800, 500);
    }
  }

  @Test
  void sizeComesFromTheOptions() throws Exception {
    TracePlots plots = new TracePlots(TracePlots.Options.defaults().withSize(640, 400));
    Path f = plots.writeEachMetric("ot", solverTrace(5), dir).get(0);
    PngChecks.assertPicture(f, 640, 400);
  }

  @Test
  void logScaleWhenPositiveAndSpanningMoreThanTwoDecades() {
    assertTrue(TracePlots.useLogScale(List.of(new double[] {1, 1e-3, 1e-8})));
    assertTrue(TracePlots.useLogScale(List.of(new double[] {1.0, 0.0099})));
    assertFalse(TracePlots.useLogScale(List.of(new double[] {1.0, 0.01})), "exactly two decades stays linear");
    assertFalse(TracePlots.useLogScale(List.of(new double[] {3.0, 2.5, 2.0})));
    assertFalse(TracePlots.useLogScale(List.of(new double[] {1, 1e-6, 0.0})), "zero rules out log");
    assertFalse(TracePlots.useLogScale(List.of(new double[] {1e3, -1e-3})), "negative rules out log");
    assertFalse(TracePlots.useLogScale(List.of(new double[] {5.0})));
    assertFalse(TracePlots.useLogScale(List.of()));
    assertFalse(TracePlots.useLogScale(List.of(new double[] {Double.NaN, Double.NaN})));
  }

  @Test
  void logScaleDecisionIgnoresNonFiniteValuesAndLooksAtAllSeriesTogether() {
    assertTrue(TracePlots.useLogScale(List.of(
        new double[] {1, Double.NaN, 1e-5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})));
    assertTrue(TracePlots.useLogScale(List.of(new double[] {1, 2}, new double[] {1e-4})));
    assertFalse(TracePlots.useLogScale(List.of(new double[] {1, 2}, new double[] {-1e-4})));
  }

  @Test
  void nanAndInfinitePointsAreDroppedWithoutException() throws Exception {
    Trace t = new Trace();
    double[] values = {1, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 1e-3, Double.NEGATIVE_INFINITY, 1e-5};
    for (int k = 0; k < values.length; k++) {
      double elapsed = k == 2 ? Double.NaN : k;
      t.onIteration(IterationRecord.of(k, elapsed, "gap", values[k]));
    }
    for (XAxis x : XAxis.values()) {
      TracePlots plots = new TracePlots(TracePlots.Options.defaults().withXAxis(x));
      List<Path> files = plots.writeEachMetric("nan-" + x, t, dir);
      assertEquals(1, files.size());
      PngChecks.assertPicture(files.get(0), 800, 500);
    }
  }

  @Test
  void severalMetricsOnOneChartDrawEachInItsOwnColour() {
    Optional<Figure> f = new TracePlots().metrics("fedwad-bracket", "fedwad: bracket", bracketTrace(),
        List.of("upper", "lower", "estimate"));
    assertTrue(f.isPresent());
    BufferedImage img = f.get().image();
    for (int k = 0; k < 3; k++) {
      assertTrue(PngChecks.containsColour(img, Palette.SERIES[k].getRGB()), "series " + k + " colour missing");
    }
  }

  @Test
  void compareDrawsOneSeriesPerTraceAndLeavesOutTracesWithoutTheMetric() throws Exception {
    Map<String, Trace> methods = new LinkedHashMap<>();
    methods.put("svrg", solverTrace(30));
    methods.put("saga", solverTrace(50));
    methods.put("fedwad", bracketTrace()); // has no 'residual'
    TracePlots plots = new TracePlots(TracePlots.Options.defaults().withXAxis(XAxis.ELAPSED_SECONDS));
    Figure f = plots.compare("residual-by-method", "residual by method", "residual", methods).orElseThrow();
    Path png = f.writePng(dir.resolve("cmp.png"));
    BufferedImage img = PngChecks.assertPicture(png, 800, 500);
    assertTrue(PngChecks.containsColour(img, Palette.SERIES[0].getRGB()));
    assertTrue(PngChecks.containsColour(img, Palette.SERIES[1].getRGB()));
    assertFalse(PngChecks.containsColour(img, Palette.SERIES[2].getRGB()), "no third series expected");
  }

  @Test
  void chartsWithNothingFiniteAreNotDrawn() {
    TracePlots plots = new TracePlots();
    assertTrue(plots.metrics("g", "gap", solverTrace(4), List.of("gap")).isEmpty());
    assertTrue(plots.compare("g", "gap", "gap", Map.of("a", solverTrace(4))).isEmpty());
    assertTrue(plots.eachMetric("empty", new Trace()).isEmpty());
  }

  @Test
  void aSinglePointTraceStillRenders() throws Exception {
    Trace t = new Trace();
    t.onIteration(IterationRecord.of(0, 0.0, "objective", 4.2));
    Path f = new TracePlots().writeEachMetric("one", t, dir).get(0);
    PngChecks.assertPicture(f, 800, 500);
  }

  @Test
  void rendersHeadless() {
    new TracePlots().eachMetric("h", solverTrace(3));
    assertTrue(GraphicsEnvironment.isHeadless());
  }
}
