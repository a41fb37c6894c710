package dev.geodesic.jobs.driver;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.jobs.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints of an iterative run in a directory of any Hadoop file system, one file per saved
 * iteration ({@code checkpoint-0000000042.bin}), each written beside its final name and renamed into
 * place, so a file is complete or absent. The newest {@value #KEPT} are kept.
 *
 * <p>File format, version {@value #FORMAT_VERSION}: the magic line {@code GEODESIC-CHECKPOINT}, the
 * format version, the command, the run's fingerprint (its options and input), the iteration, the
 * payload length, the payload (the Java-serialized {@link Checkpoint}) and its SHA-256. Loading takes
 * the newest file that reads whole and whose digest matches; a torn or corrupt file is reported and
 * the one before it used. A checkpoint of another command, format or fingerprint is refused with
 * {@link InvalidInputException} (exit status 2): resuming it would silently mix two runs.
 */
public final class CheckpointStore {
  static final String MAGIC = "GEODESIC-CHECKPOINT";
  static final int FORMAT_VERSION = 1;
  static final int KEPT = 2;
  private static final String PREFIX = "checkpoint-";
  private static final String SUFFIX = ".bin";

  private final FileSystem fs;
  private final Path dir;
  private final String command;
  private final String fingerprint;
  private final Consumer<String> warnings;

  private CheckpointStore(FileSystem fs, Path dir, String command, String fingerprint, Consumer<String> warnings) {
    this.fs = fs;
    this.dir = dir;
    this.command = command;
    this.fingerprint = fingerprint;
    this.warnings = warnings;
  }

  /**
   * The store under {@code dir} for runs of {@code command} with this fingerprint.
   *
   * @param warnings receives a line for every torn or unreadable file passed over
   */
  public static CheckpointStore at(String dir, String command, String fingerprint, Configuration conf,
      Consumer<String> warnings) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new InvalidInputException("--checkpoint '" + dir + "' is a file, not a directory");
      }
      return new CheckpointStore(fs, p, command, fingerprint, warnings);
    } catch (IOException e) {
      throw new InvalidInputException("--checkpoint '" + dir + "' is not usable: " + e.getMessage(), e);
    }
  }

  /** The newest complete checkpoint, if any. */
  public <S extends Serializable> Optional<Checkpoint<S>> load() {
    List<Path> files = files();
    for (Path f : files) {
      Optional<Checkpoint<S>> c = read(f);
      if (c.isPresent()) {
        return c;
      }
    }
    if (!files.isEmpty()) {
      throw new InvalidInputException("--checkpoint '" + dir + "' holds no complete checkpoint (" + files.size()
          + " torn or unreadable file(s)); remove them or use another directory");
    }
    return Optional.empty();
  }

  /** Writes the checkpoint complete-or-absent, then drops all but the newest {@value #KEPT}. */
  public void save(Checkpoint<?> checkpoint) {
    byte[] payload = serialize(checkpoint);
    Path target = new Path(dir, String.format(Locale.ROOT, "%s%010d%s", PREFIX, checkpoint.iteration(), SUFFIX));
    Path tmp = new Path(dir, "." + target.getName() + ".tmp");
    try {
      fs.mkdirs(dir);
      try (DataOutputStream out = new DataOutputStream(fs.create(tmp, true))) {
        out.write((MAGIC + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(command);
        writeLongString(out, fingerprint);
        out.writeInt(checkpoint.iteration());
        out.writeLong(payload.length);
        out.write(payload);
        out.write(sha256(payload));
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
      List<Path> all = files();
      for (int k = KEPT; k < all.size(); k++) {
        fs.delete(all.get(k), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** The checkpoint files, newest first. */
  List<Path> files() {
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        String n = s.getPath().getName();
        if (s.isFile() && n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
          out.add(s.getPath());
        }
      }
      out.sort(Comparator.comparing(Path::getName).reversed());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The file's checkpoint; empty (with a warning) when it is torn or corrupt. */
  @SuppressWarnings("unchecked")
  private <S extends Serializable> Optional<Checkpoint<S>> read(Path f) {
    byte[] payload;
    try (InputStream raw = fs.open(f); DataInputStream in = new DataInputStream(raw)) {
      byte[] magic = new byte[MAGIC.length() + 1];
      in.readFully(magic);
      if (!new String(magic, StandardCharsets.US_ASCII).equals(MAGIC + "\n")) {
        warnings.accept("checkpoint " + f + " is not a Geodesic checkpoint; passed over");
        return Optional.empty();
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new InvalidInputException("--checkpoint '" + dir + "': " + f.getName() + " has format version " + version
            + ", this Geodesic reads version " + FORMAT_VERSION + "; use another directory");
      }
      String cmd = in.readUTF();
      String fp = readLongString(in);
      if (!cmd.equals(command)) {
        throw new InvalidInputException("--checkpoint '" + dir + "' holds a checkpoint of '" + cmd + "', not of '"
            + command + "'; use another directory");
      }
      if (!fp.equals(fingerprint)) {
        throw new InvalidInputException("--checkpoint '" + dir + "' was written by a run with other inputs or options ("
            + difference(fp, fingerprint) + "); use another directory");
      }
      in.readInt();
      long length = in.readLong();
      if (length < 0 || length > Integer.MAX_VALUE - 64) {
        warnings.accept("checkpoint " + f + " is corrupt (payload length " + length + "); passed over");
        return Optional.empty();
      }
      payload = new byte[(int) length];
      in.readFully(payload);
      byte[] digest = new byte[32];
      in.readFully(digest);
      if (!Arrays.equals(digest, sha256(payload))) {
        warnings.accept("checkpoint " + f + " is corrupt (digest mismatch); passed over");
        return Optional.empty();
      }
    } catch (EOFException e) {
      warnings.accept("checkpoint " + f + " is torn (ends early); passed over");
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + f, e);
    }
    try (ObjectInputStream oin = new ObjectInputStream(new ByteArrayInputStream(payload))) {
      return Optional.of((Checkpoint<S>) oin.readObject());
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new InvalidInputException("--checkpoint '" + dir + "': " + f.getName()
          + " was written by another version of Geodesic (" + e.getMessage() + "); use another directory", e);
    }
  }

  /** The first option where two fingerprints differ, for the error message. */
  static String difference(String saved, String now) {
    String[] a = saved.split("\n");
    String[] b = now.split("\n");
    for (int k = 0; k < Math.max(a.length, b.length); k++) {
      String x = k < a.length ? a[k] : "(nothing)";
      String y = k < b.length ? b[k] : "(nothing)";
      if (!x.equals(y)) {
        return "saved " + x + ", now " + y;
      }
    }
    return "same text";
  }

  private static byte[] serialize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException("checkpoint state is not serializable", e);
    }
    return bytes.toByteArray();
  }

  private static void writeLongString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 24)) {
      throw new EOFException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
