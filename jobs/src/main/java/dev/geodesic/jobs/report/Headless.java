package dev.geodesic.jobs.report;

/** Makes AWT headless before anything here draws, so rendering needs no display (no DISPLAY on cluster nodes). */
final class Headless {
  private Headless() {}

  /**
   * Sets {@code java.awt.headless=true} unless the JVM was started with an explicit value. AWT reads
   * the property once, when it first asks whether it is headless, so this must run before the first
   * chart is drawn: every renderer calls it from its static initializer.
   */
  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
