package dev.geodesic.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.linalg.DenseMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir
  Path dir;

  /** Three 2×3 images (row-major pixels), values chosen to include 0, 127, 128 and 255. */
  private static final int[][] PIXELS = {
      {0, 1, 2, 3, 4, 5},
      {255, 254, 128, 127, 0, 9},
      {10, 20, 30, 40, 50, 60}};
  private static final int[] LABELS = {7, 0, 255};

  private static void int32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static byte[] imagesFile(int magic, int count, int[][] pixels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int32(out, magic);
    int32(out, count);
    int32(out, 2);
    int32(out, 3);
    for (int[] image : pixels) {
      for (int p : image) {
        out.write(p);
      }
    }
    return out.toByteArray();
  }

  private static byte[] labelsFile(int count, int[] labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int32(out, 0x00000801);
    int32(out, count);
    for (int l : labels) {
      out.write(l);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertImages(DenseMatrix m, int count, double divisor) {
    assertEquals(6, m.rows());
    assertEquals(count, m.cols());
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < 6; p++) {
        assertEquals(PIXELS[i][p] / divisor, m.get(p, i), 0.0, "image " + i + " pixel " + p);
      }
    }
  }

  @Test
  void readsPlainAndGzippedFilesExactly() throws IOException {
    // Detection is by the 1f 8b magic bytes: the plain file is named .gz, the gzipped one is not.
    Path plainImages = write("plain-images.gz", imagesFile(0x00000803, 3, PIXELS));
    Path gzImages = write("gz-images.bin", gzip(imagesFile(0x00000803, 3, PIXELS)));
    Path plainLabels = write("plain-labels", labelsFile(3, LABELS));
    Path gzLabels = write("gz-labels", gzip(labelsFile(3, LABELS)));
    for (Path images : new Path[] {plainImages, gzImages}) {
      assertImages(IdxReader.readImages(images), 3, 1.0);
      assertImages(IdxReader.readImages(images, 3, IdxReader.PixelScale.UNIT_INTERVAL), 3, 255.0);
      IdxReader.Header h = IdxReader.readHeader(images);
      assertEquals(0x00000803, h.magic());
      assertArrayEquals(new int[] {3, 2, 3}, h.dimensions());
      assertEquals(6, h.recordLength());
    }
    for (Path labels : new Path[] {plainLabels, gzLabels}) {
      assertArrayEquals(new double[] {7, 0, 255}, IdxReader.readLabels(labels), 0.0);
    }
    LabeledBlock b = IdxReader.read(gzImages, plainLabels, Integer.MAX_VALUE, IdxReader.PixelScale.RAW);
    assertImages(b.features(), 3, 1.0);
    assertArrayEquals(new double[] {7, 0, 255}, b.labels(), 0.0);
    assertEquals(1.0, IdxReader.readImages(plainImages, 3, IdxReader.PixelScale.UNIT_INTERVAL).get(0, 1), 0.0);
  }

  @Test
  void limitReadsOnlyTheFirstRecords() throws IOException {
    // Data for the first two images only: a limit of 2 never reaches the missing third.
    byte[] full = imagesFile(0x00000803, 3, PIXELS);
    Path images = write("images", gzip(Arrays.copyOf(full, full.length - 6)));
    assertImages(IdxReader.readImages(images, 2, IdxReader.PixelScale.RAW), 2, 1.0);
    assertEquals(0, IdxReader.readImages(images, 0, IdxReader.PixelScale.RAW).cols());
    Path labels = write("labels", labelsFile(3, LABELS));
    assertArrayEquals(new double[] {7}, IdxReader.readLabels(labels, 1), 0.0);
    assertArrayEquals(new double[] {7, 0, 255}, IdxReader.readLabels(labels, 10), 0.0);
  }

  private static String rejection(Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    return e.getMessage();
  }

  @FunctionalInterface
  private interface Executable {
    void run() throws Exception;
  }

  @Test
  void rejectsBadMagicNamingTheFile() throws IOException {
    Path labelsAsImages = write("labels-not-images", labelsFile(3, LABELS));
    String m = rejection(() -> IdxReader.readImages(labelsAsImages));
    assertTrue(m.startsWith(labelsAsImages.toString()) && m.contains("bad magic number 0x00000801"), m);
    Path garbage = write("garbage.gz", "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    m = rejection(() -> IdxReader.readLabels(garbage));
    assertTrue(m.startsWith(garbage.toString()) && m.contains("bad magic"), m);
    Path images = write("images", imagesFile(0x00000803, 3, PIXELS));
    m = rejection(() -> IdxReader.readLabels(images));
    assertTrue(m.contains("expected 0x00000801"), m);
  }

  @Test
  void rejectsTruncatedFiles() throws IOException {
    byte[] full = imagesFile(0x00000803, 3, PIXELS);
    Path shortData = write("short-data", Arrays.copyOf(full, full.length - 4));
    String m = rejection(() -> IdxReader.readImages(shortData));
    assertTrue(m.startsWith(shortData.toString()) && m.contains("truncated") && m.contains("image 2"), m);
    Path shortHeader = write("short-header", Arrays.copyOf(full, 10));
    m = rejection(() -> IdxReader.readImages(shortHeader));
    assertTrue(m.contains("truncated header"), m);
    Path tiny = write("tiny", new byte[] {0, 0});
    m = rejection(() -> IdxReader.readHeader(tiny));
    assertTrue(m.contains("truncated"), m);
    // A gzip stream cut in the middle.
    byte[] gz = gzip(labelsFile(3, LABELS));
    Path cutGzip = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    m = rejection(() -> IdxReader.readLabels(cutGzip));
    assertTrue(m.startsWith(cutGzip.toString()) && m.contains("truncated"), m);
  }

  @Test
  void rejectsImageLabelCountMismatch() throws IOException {
    Path images = write("images", imagesFile(0x00000803, 3, PIXELS));
    Path labels = write("labels", labelsFile(2, new int[] {1, 2}));
    String m = rejection(() -> IdxReader.read(images, labels, 100, IdxReader.PixelScale.RAW));
    assertTrue(m.contains(images.toString()) && m.contains(labels.toString())
        && m.contains("3 images") && m.contains("2 labels"), m);
  }

  @Test
  void readsTheFirstHundredFashionMnistTestImages() throws IOException {
    Path root = Path.of("/usr/share/datasets/fashion-mnist");
    Path images = root.resolve("t10k-images-idx3-ubyte.gz");
    Path labels = root.resolve("t10k-labels-idx1-ubyte.gz");
    Assumptions.assumeTrue(Files.isReadable(images) && Files.isReadable(labels), "Fashion-MNIST not installed");
    assertArrayEquals(new int[] {10_000, 28, 28}, IdxReader.readHeader(images).dimensions());
    LabeledBlock b = IdxReader.read(images, labels, 100, IdxReader.PixelScale.RAW);
    assertEquals(784, b.dimension());
    assertEquals(100, b.size());
    boolean[] seen = new boolean[10];
    for (double l : b.labels()) {
      assertTrue(l >= 0 && l <= 9 && l == Math.rint(l), "label " + l);
      seen[(int) l] = true;
    }
    double max = 0;
    for (double v : b.features().values()) {
      assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "pixel " + v);
      max = Math.max(max, v);
    }
    assertEquals(255.0, max, 0.0, "some pixel of 100 images is saturated");
    for (int c = 0; c < 10; c++) {
      assertTrue(seen[c], "class " + c + " among the first 100 labels");
    }
  }
}
