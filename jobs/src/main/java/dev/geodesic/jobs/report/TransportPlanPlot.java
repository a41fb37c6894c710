package dev.geodesic.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A transport plan between two point sets in the plane: source points, target points, and a segment
 * x_i → y_j for each of the heaviest plan entries (darker for more mass). Drawn with Java2D (a chart
 * library would need one series per segment).
 */
public final class TransportPlanPlot {
  static {
    Headless.ensure();
  }

  private static final int WIDTH = 800;
  private static final int HEIGHT = 640;
  private static final int MARGIN = 50;

  private TransportPlanPlot() {}

  /**
   * @param x source points, 2×n column-major (point i at [2i, 2i+1])
   * @param y target points, 2×m column-major
   * @param rows, cols, mass the plan's entries
   * @param maxSegments how many of the heaviest entries to draw
   */
  public static Figure render(String name, String title, double[] x, double[] y, int[] rows, int[] cols,
      double[] mass, int maxSegments) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double[] box = bounds(x, y);
      double sx = (WIDTH - 2.0 * MARGIN) / Math.max(box[1] - box[0], 1e-12);
      double sy = (HEIGHT - 2.0 * MARGIN) / Math.max(box[3] - box[2], 1e-12);
      double s = Math.min(sx, sy);
      java.util.function.DoubleUnaryOperator px = v -> MARGIN + (v - box[0]) * s;
      java.util.function.DoubleUnaryOperator py = v -> HEIGHT - MARGIN - (v - box[2]) * s;

      Integer[] order = IntStream.range(0, mass.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(k -> -mass[k]));
      int shown = Math.min(maxSegments, order.length);
      double top = shown > 0 ? mass[order[0]] : 1;
      g.setStroke(new BasicStroke(1f));
      for (int r = shown - 1; r >= 0; r--) {
        int k = order[r];
        int grey = (int) Math.round(200 - 170 * Math.min(1, mass[k] / top));
        g.setColor(new Color(grey, grey, grey, 110));
        int i = rows[k];
        int j = cols[k];
        g.draw(new Line2D.Double(px.applyAsDouble(x[2 * i]), py.applyAsDouble(x[2 * i + 1]),
            px.applyAsDouble(y[2 * j]), py.applyAsDouble(y[2 * j + 1])));
      }
      drawPoints(g, x, Palette.SERIES[0], px, py);
      drawPoints(g, y, Palette.SERIES[1], px, py);

      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, MARGIN, 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Palette.SERIES[0]);
      g.drawString("● source", WIDTH - 250, 28);
      g.setColor(Palette.SERIES[1]);
      g.drawString("● target", WIDTH - 170, 28);
      g.setColor(Color.DARK_GRAY);
      g.drawString(shown + " heaviest of " + mass.length + " plan entries", MARGIN, HEIGHT - 15);
    } finally {
      g.dispose();
    }
    return new Figure(name, title, img);
  }

  private static void drawPoints(Graphics2D g, double[] p, Color c, java.util.function.DoubleUnaryOperator px,
      java.util.function.DoubleUnaryOperator py) {
    g.setColor(c);
    for (int i = 0; i + 1 < p.length; i += 2) {
      g.fill(new Ellipse2D.Double(px.applyAsDouble(p[i]) - 2, py.applyAsDouble(p[i + 1]) - 2, 4, 4));
    }
  }

  private static double[] bounds(double[] x, double[] y) {
    double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[] p : new double[][] {x, y}) {
      for (int i = 0; i + 1 < p.length; i += 2) {
        b[0] = Math.min(b[0], p[i]);
        b[1] = Math.max(b[1], p[i]);
        b[2] = Math.min(b[2], p[i + 1]);
        b[3] = Math.max(b[3], p[i + 1]);
      }
    }
    return b;
  }
}
