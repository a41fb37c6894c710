package dev.geodesic.jobs.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A K×K matrix — pairwise distances between clients, say — as a heat map with a colour legend.
 * Row 0 is drawn at the top, as the matrix is read; non-finite cells are left blank.
 */
public final class HeatMapPlot {
  static {
    Headless.ensure();
  }

  /**
   * Size in pixels; whether each cell carries its value as text, and the {@link
   * java.text.DecimalFormat} pattern of that text.
   */
  /** Colour bands in the legend. */
  static final int LEGEND_BANDS = 6;

  /** A colour band's bound at 3 significant digits: plain between 1e-3 and 1e6, scientific outside. */
  static String legendLabel(Double v) {
    double a = Math.abs(v);
    if (v == 0.0 || (a >= 1e-3 && a < 1e6)) {
      return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }

  public record Options(int width, int height, boolean showValues, String valuePattern) {
    public Options {
      if (width < 100 || height < 100) {
        throw new IllegalArgumentException("chart size " + width + "x" + height + " is below 100x100");
      }
      Objects.requireNonNull(valuePattern, "valuePattern");
    }

    /** 700×600 pixels, values shown with 4 significant-looking decimals. */
    public static Options defaults() {
      return new Options(700, 600, true, "0.####");
    }

    public Options withSize(int w, int h) {
      return new Options(w, h, showValues, valuePattern);
    }

    public Options withValues(boolean show, String pattern) {
      return new Options(width, height, show, pattern);
    }
  }

  private final Options options;

  public HeatMapPlot() {
    this(Options.defaults());
  }

  public HeatMapPlot(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A square matrix whose rows and columns carry the same labels (clients, methods). */
  public Figure render(String name, String title, List<String> labels, double[][] matrix) {
    return render(name, title, labels, labels, matrix);
  }

  /**
   * {@code matrix[i][j]} drawn in row {@code rowLabels[i]}, column {@code colLabels[j]}. Fails when
   * the matrix is empty, ragged, or does not match the labels, or has no finite cell.
   */
  public Figure render(
      String name, String title, List<String> rowLabels, List<String> colLabels, double[][] matrix) {
    int rows = matrix.length;
    if (rows == 0 || rows != rowLabels.size()) {
      throw new IllegalArgumentException(
          "matrix has " + rows + " rows for " + rowLabels.size() + " row labels");
    }
    int cols = colLabels.size();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (matrix[i].length != cols) {
        throw new IllegalArgumentException(
            "matrix row " + i + " has " + matrix[i].length + " entries for " + cols + " column labels");
      }
      for (int j = 0; j < cols; j++) {
        double v = matrix[i][j];
        if (Double.isFinite(v)) {
          // XChart puts y index 0 at the bottom; flip so that row 0 is on top.
          cells.add(new Number[] {j, rows - 1 - i, v});
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("matrix '" + name + "' has no finite entry");
    }
    // A constant matrix still needs a colour range to map onto.
    double rangeMax = max > min ? max : min + Math.max(1e-12, Math.abs(min) * 1e-9);
    List<String> yLabels = new ArrayList<>(rowLabels);
    java.util.Collections.reverse(yLabels);

    // The (width, height) constructor leaves the styler without a theme: no fonts, nothing drawn.
    HeatMapChart chart = new HeatMapChart(options.width(), options.height(), Styler.ChartTheme.XChart);
    chart.setTitle(title);
    HeatMapStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.DARK_GRAY);
    st.setLegendVisible(true);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setRangeColors(Palette.HEAT);
    st.setMin(min);
    st.setMax(rangeMax);
    st.setShowValue(options.showValues());
    st.setHeatMapValueDecimalPattern(options.valuePattern());
    // The gradient legend prints raw doubles (XChart's Legend_HeatMap appends min and max unformatted); the
    // piecewise legend labels each colour band through the formatter, so use it with 3-significant-digit labels.
    st.setPiecewise(true);
    st.setPiecewiseRanged(true);
    st.setSplitNumber(LEGEND_BANDS);
    st.setHeatMapDecimalValueFormatter(HeatMapPlot::legendLabel);
    st.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, 14 - Math.max(rows, cols) / 3)));
    st.setValueFontColor(Color.BLACK);
    st.setPlotGridLinesVisible(false);
    st.setAntiAlias(true);
    if (cols > 6) {
      st.setXAxisLabelRotation(45);
    }
    chart.addSeries(title.isEmpty() ? "values" : title, new ArrayList<>(colLabels), yLabels, cells);
    String caption = String.format(Locale.ROOT, "%s (%d×%d; min %s, max %s)", title, rows, cols,
        HtmlReport.formatValue(min), HtmlReport.formatValue(max));
    return new Figure(name, caption, BitmapEncoder.getBufferedImage(chart));
  }
}
