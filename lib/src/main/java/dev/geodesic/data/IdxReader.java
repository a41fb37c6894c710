package dev.geodesic.data;

import dev.geodesic.linalg.DenseMatrix;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (magic
 * {@code 0x0000TTNN}: type TT = 0x08 unsigned byte, NN dimensions; then NN unsigned 32-bit sizes)
 * followed by the values in row-major order. Images ({@code 0x00000803}, sizes n, rows, cols) become
 * a {@code (rows·cols) × n} matrix, one image per column with pixels in row-major order; labels
 * ({@code 0x00000801}, size n) become a {@code double[]}.
 *
 * <p>A file is read gzip-compressed when it starts with the gzip magic bytes {@code 1f 8b},
 * whatever its name. With a {@code limit} only the header and the first {@code limit} records
 * are read (decompression stops there). A file that is not valid IDX of the expected kind —
 * wrong magic, truncated header or data, corrupt gzip, image and label counts that differ —
 * raises {@link IllegalArgumentException} whose message starts with the file's path and names the
 * problem; {@link IOException} is left for the file system (missing file, no permission).
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned-byte images (3 dimensions: n, rows, cols). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned-byte labels (1 dimension: n). */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int BUFFER = 1 << 16;

  /** How pixel bytes 0..255 become doubles. */
  public enum PixelScale {
    /** The byte value, 0.0 … 255.0 (the default). */
    RAW(1.0),
    /** The byte value divided by 255, 0.0 … 1.0. */
    UNIT_INTERVAL(255.0);

    private final double divisor;

    PixelScale(double divisor) {
      this.divisor = divisor;
    }
  }

  /** An IDX header: the magic number and the sizes of the dimensions (the first is the record count). */
  public record Header(int magic, int[] dimensions) {
    /** Number of records (images or labels). */
    public int count() {
      return dimensions[0];
    }

    /** Values per record: the product of the sizes after the first (784 for 28×28 images). */
    public long recordLength() {
      long len = 1;
      for (int i = 1; i < dimensions.length; i++) {
        len *= dimensions[i];
      }
      return len;
    }
  }

  private IdxReader() {}

  /** The header of an images or labels file, without reading the data. */
  public static Header readHeader(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return header(in, file, -1);
    } catch (EOFException | ZipException e) {
      throw corrupt(file, e);
    }
  }

  /** All images, raw pixel values. */
  public static DenseMatrix readImages(Path file) throws IOException {
    return readImages(file, Integer.MAX_VALUE, PixelScale.RAW);
  }

  /** The first {@code min(limit, n)} images as a {@code (rows·cols) × count} matrix. */
  public static DenseMatrix readImages(Path file, int limit, PixelScale scale) throws IOException {
    requireLimit(limit);
    try (InputStream in = open(file)) {
      Header h = header(in, file, IMAGES_MAGIC);
      int count = Math.min(limit, h.count());
      long d = h.recordLength();
      if (d * count > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(file + ": " + count + " images of " + d
            + " pixels do not fit one array; read fewer with a limit");
      }
      double[] values = new double[(int) (d * count)];
      readBytes(in, file, values, scale.divisor, (int) d, "image");
      return DenseMatrix.wrap((int) d, count, values);
    } catch (EOFException | ZipException e) {
      throw corrupt(file, e);
    }
  }

  /** All labels. */
  public static double[] readLabels(Path file) throws IOException {
    return readLabels(file, Integer.MAX_VALUE);
  }

  /** The first {@code min(limit, n)} labels. */
  public static double[] readLabels(Path file, int limit) throws IOException {
    requireLimit(limit);
    try (InputStream in = open(file)) {
      Header h = header(in, file, LABELS_MAGIC);
      double[] labels = new double[Math.min(limit, h.count())];
      readBytes(in, file, labels, 1.0, 1, "label");
      return labels;
    } catch (EOFException | ZipException e) {
      throw corrupt(file, e);
    }
  }

  /**
   * The first {@code min(limit, n)} images with their labels, after checking that both files hold
   * the same number of records.
   */
  public static LabeledBlock read(Path images, Path labels, int limit, PixelScale scale) throws IOException {
    int nImages = typedHeader(images, IMAGES_MAGIC).count();
    int nLabels = typedHeader(labels, LABELS_MAGIC).count();
    if (nImages != nLabels) {
      throw new IllegalArgumentException(images + " holds " + nImages + " images but " + labels
          + " holds " + nLabels + " labels");
    }
    return new LabeledBlock(readImages(images, limit, scale), readLabels(labels, limit));
  }

  private static Header typedHeader(Path file, int magic) throws IOException {
    try (InputStream in = open(file)) {
      return header(in, file, magic);
    } catch (EOFException | ZipException e) {
      throw corrupt(file, e);
    }
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  /** The file's bytes, through a gunzip stream when it starts with 1f 8b. */
  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
      }
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Parses the header; {@code expectedMagic} < 0 accepts any unsigned-byte IDX file. */
  private static Header header(InputStream in, Path file, int expectedMagic) throws IOException {
    byte[] four = new byte[4];
    if (!readFully(in, four)) {
      throw new IllegalArgumentException(file + ": truncated: shorter than the 4-byte IDX magic number");
    }
    int magic = bigEndian(four);
    if (expectedMagic >= 0 && magic != expectedMagic) {
      throw new IllegalArgumentException(String.format("%s: bad magic number 0x%08x, expected 0x%08x (%s)",
          file, magic, expectedMagic, expectedMagic == IMAGES_MAGIC ? "IDX unsigned-byte images"
              : "IDX unsigned-byte labels"));
    }
    int ndims = four[3] & 0xff;
    if (four[0] != 0 || four[1] != 0 || four[2] != 0x08 || ndims == 0) {
      throw new IllegalArgumentException(String.format(
          "%s: bad magic number 0x%08x, expected 0x000008NN (IDX unsigned bytes, NN >= 1 dimensions)", file, magic));
    }
    int[] dims = new int[ndims];
    for (int k = 0; k < ndims; k++) {
      if (!readFully(in, four)) {
        throw new IllegalArgumentException(file + ": truncated header: " + ndims + " dimension sizes expected, "
            + k + " present");
      }
      long size = bigEndian(four) & 0xffffffffL;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(file + ": dimension " + k + " has size " + size + ", too large");
      }
      dims[k] = (int) size;
    }
    return new Header(magic, dims);
  }

  /** Fills {@code out} with unsigned bytes divided by {@code divisor}; EOF is a truncation error. */
  private static void readBytes(InputStream in, Path file, double[] out, double divisor, int recordLength,
      String what) throws IOException {
    byte[] buf = new byte[BUFFER];
    int filled = 0;
    while (filled < out.length) {
      int got = in.read(buf, 0, Math.min(buf.length, out.length - filled));
      if (got < 0) {
        throw new IllegalArgumentException(file + ": truncated: the header announces at least "
            + (out.length / recordLength) + " " + what + "s of " + recordLength + " bytes, the data end in "
            + what + " " + (filled / recordLength) + " (after " + filled + " data bytes)");
      }
      if (divisor == 1.0) {
        for (int k = 0; k < got; k++) {
          out[filled + k] = buf[k] & 0xff;
        }
      } else {
        for (int k = 0; k < got; k++) {
          out[filled + k] = (buf[k] & 0xff) / divisor;
        }
      }
      filled += got;
    }
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int got = in.read(b, n, b.length - n);
      if (got < 0) {
        return false;
      }
      n += got;
    }
    return true;
  }

  private static int bigEndian(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private static IllegalArgumentException corrupt(Path file, IOException e) {
    String what = e instanceof EOFException ? "truncated gzip stream" : "corrupt gzip data";
    return new IllegalArgumentException(file + ": " + what + " (" + e.getMessage() + ")", e);
  }
}
