package dev.geodesic.jobs.report;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Convergence plots of solver traces: one chart per metric, several metrics of one trace on one
 * chart (a bracket {@code upper}/{@code lower}/{@code estimate}), or one metric of several named
 * traces on one chart (methods compared). The y axis turns logarithmic by itself when the data call
 * for it ({@link #useLogScale}). Non-finite points are dropped; a series with no finite point is
 * left out, and a chart with no series left is not drawn.
 */
public final class TracePlots {
  static {
    Headless.ensure();
  }

  /** What the horizontal axis shows. */
  public enum XAxis {
    ITERATION("iteration"),
    ELAPSED_SECONDS("elapsed seconds");

    private final String label;

    XAxis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Size in pixels of every chart, and what the x axis shows. */
  public record Options(int width, int height, XAxis xAxis) {
    public Options {
      if (width < 100 || height < 100) {
        throw new IllegalArgumentException("chart size " + width + "x" + height + " is below 100x100");
      }
      Objects.requireNonNull(xAxis, "xAxis");
    }

    /** 800×500 pixels, iterations on x. */
    public static Options defaults() {
      return new Options(800, 500, XAxis.ITERATION);
    }

    public Options withXAxis(XAxis axis) {
      return new Options(width, height, axis);
    }

    public Options withSize(int w, int h) {
      return new Options(w, h, xAxis);
    }
  }

  /** A metric spanning more than this ratio (max/min) is drawn on a log axis: two decades. */
  static final double LOG_SCALE_MIN_RATIO = 100.0;

  /** Above this many points a series is drawn as a bare line: markers would merge into a smear. */
  private static final int MAX_POINTS_WITH_MARKERS = 60;

  private final Options options;

  public TracePlots() {
    this(Options.defaults());
  }

  public TracePlots(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public Options options() {
    return options;
  }

  /**
   * One chart per metric of {@code trace}, in the trace's metric order, skipping metrics with no
   * finite value (e.g. a gap that is NaN because no optimum was given). {@code name} prefixes the
   * figure names and titles ("fedwad" gives "fedwad-upper", titled "fedwad: upper").
   */
  public List<Figure> eachMetric(String name, Trace trace) {
    List<Figure> out = new ArrayList<>();
    for (String metric : trace.metricNames()) {
      metrics(name + "-" + metric, name + ": " + metric, trace, List.of(metric)).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The given metrics of one trace as series of one chart (e.g. {@code upper}, {@code lower},
   * {@code estimate}); the y axis is titled with the metric if there is one, "value" otherwise.
   * Empty when none of them has a finite value.
   */
  public Optional<Figure> metrics(String name, String title, Trace trace, List<String> metrics) {
    LinkedHashMap<String, double[][]> series = new LinkedHashMap<>();
    for (String metric : metrics) {
      series.put(metric, points(trace, metric));
    }
    String yLabel = metrics.size() == 1 ? metrics.get(0) : "value";
    return render(name, title, yLabel, series);
  }

  /**
   * One metric of several traces on one chart, one series per map entry in map order (the keys
   * are the legend: method names, say). Traces lacking the metric are left out. Empty when no
   * trace has a finite value of it.
   */
  public Optional<Figure> compare(String name, String title, String metric, Map<String, Trace> traces) {
    LinkedHashMap<String, double[][]> series = new LinkedHashMap<>();
    for (Map.Entry<String, Trace> e : traces.entrySet()) {
      if (e.getValue().metricNames().contains(metric)) {
        series.put(e.getKey(), points(e.getValue(), metric));
      }
    }
    return render(name, title, metric, series);
  }

  /**
   * {@link #eachMetric} written as PNG files {@code <dir>/<name>-<metric>.png} (names sanitized by
   * the same rule as the report's); returns the files written.
   */
  public List<Path> writeEachMetric(String name, Trace trace, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Figure f : eachMetric(name, trace)) {
      out.add(f.writePng(dir.resolve(HtmlReport.sanitizeFileStem(f.name()) + ".png")));
    }
    return out;
  }

  /**
   * Whether values like these belong on a log axis: every finite value is positive and the finite
   * values span more than two decades (max/min &gt; 100) — residuals, gaps, bracket widths. Non-finite
   * values are ignored; with no finite value the answer is no.
   */
  public static boolean useLogScale(Collection<double[]> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] s : series) {
      for (double v : s) {
        if (!Double.isFinite(v)) {
          continue;
        }
        if (v <= 0) {
          return false;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return min <= max && max / min > LOG_SCALE_MIN_RATIO;
  }

  /** {@code [x, y]} of one metric, with the points where either is not finite dropped. */
  private double[][] points(Trace trace, String metric) {
    List<IterationRecord> records = trace.records();
    double[] xs = new double[records.size()];
    double[] ys = new double[records.size()];
    int n = 0;
    for (IterationRecord r : records) {
      double x = options.xAxis() == XAxis.ITERATION ? r.iteration() : r.elapsedSeconds();
      double y = r.metric(metric);
      if (Double.isFinite(x) && Double.isFinite(y)) {
        xs[n] = x;
        ys[n] = y;
        n++;
      }
    }
    return new double[][] {java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n)};
  }

  private Optional<Figure> render(
      String name, String title, String yLabel, LinkedHashMap<String, double[][]> series) {
    series.values().removeIf(p -> p[0].length == 0);
    if (series.isEmpty()) {
      return Optional.empty();
    }
    List<double[]> ys = new ArrayList<>();
    series.values().forEach(p -> ys.add(p[1]));
    boolean log = useLogScale(ys);

    XYChart chart = new XYChart(options.width(), options.height());
    chart.setTitle(title);
    chart.setXAxisTitle(options.xAxis().label());
    chart.setYAxisTitle(log ? yLabel + " (log scale)" : yLabel);
    style(chart, log);
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      double[][] p = e.getValue();
      XYSeries s = chart.addSeries(e.getKey(), p[0], p[1]);
      s.setLineStyle(new BasicStroke(2f));
      s.setMarker(p[0].length > MAX_POINTS_WITH_MARKERS ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    return Optional.of(new Figure(name, title, BitmapEncoder.getBufferedImage(chart)));
  }

  private void style(XYChart chart, boolean log) {
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.DARK_GRAY);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setMarkerSize(5);
    st.setAntiAlias(true);
    st.setSeriesColors(Palette.SERIES);
    st.setYAxisLogarithmic(log);
    if (log) {
      st.setYAxisDecimalPattern("0.##E0");
    }
    if (options.xAxis() == XAxis.ITERATION) {
      st.setXAxisDecimalPattern("#,##0.#");
    }
  }
}
