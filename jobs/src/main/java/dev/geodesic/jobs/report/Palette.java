package dev.geodesic.jobs.report;

import java.awt.Color;

/** Colours shared by the charts: distinguishable series colours, and the heat-map ramp. */
final class Palette {
  private Palette() {}

  /** Series colours (the Okabe–Ito set, told apart also by colour-blind readers). */
  static final Color[] SERIES = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(0, 0, 0),
    new Color(240, 228, 66),
  };

  /** Heat-map ramp, low to high: light yellow through orange to dark red. */
  static final Color[] HEAT = {
    new Color(255, 255, 204),
    new Color(254, 217, 118),
    new Color(253, 141, 60),
    new Color(227, 26, 28),
    new Color(128, 0, 38),
  };
}
