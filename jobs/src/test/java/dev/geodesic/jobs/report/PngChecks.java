package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks that a PNG file is a real, non-blank picture of the expected size. */
final class PngChecks {
  private PngChecks() {}

  static BufferedImage assertPicture(Path png, int width, int height) throws IOException {
    assertTrue(Files.isRegularFile(png), png + " missing");
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, png + " does not decode as an image");
    assertEquals(width, img.getWidth(), "width of " + png);
    assertEquals(height, img.getHeight(), "height of " + png);
    assertTrue(luminanceVariance(img) > 0, png + " is blank");
    assertTrue(distinctColours(img) >= 5, png + " has too few colours to be a chart");
    return img;
  }

  static double luminanceVariance(BufferedImage img) {
    double sum = 0;
    double sumSq = 0;
    long n = (long) img.getWidth() * img.getHeight();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        sum += l;
        sumSq += l * l;
      }
    }
    double mean = sum / n;
    return sumSq / n - mean * mean;
  }

  static int distinctColours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        seen.add(img.getRGB(x, y) & 0xffffff);
      }
    }
    return seen.size();
  }

  /** Whether some pixel is exactly {@code rgb} (a series or heat-map colour drawn solid). */
  static boolean containsColour(BufferedImage img, int rgb) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
          return true;
        }
      }
    }
    return false;
  }
}
