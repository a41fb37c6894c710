package dev.geodesic.jobs.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A rendered chart, held in memory until it is written: {@code name} is what its file name is
 * derived from ({@link HtmlReport} sanitizes it and makes it unique), {@code caption} is the text
 * shown under it in the report.
 */
public record Figure(String name, String caption, BufferedImage image) {
  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(image, "image");
  }

  public int width() {
    return image.getWidth();
  }

  public int height() {
    return image.getHeight();
  }

  /** Writes the image as a PNG to {@code file} (parent directories are created) and returns it. */
  public Path writePng(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
    return file;
  }
}
