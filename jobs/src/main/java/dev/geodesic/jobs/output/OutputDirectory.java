package dev.geodesic.jobs.output;

import dev.geodesic.jobs.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An output directory written atomically: everything goes to a hidden staging directory beside the
 * target ({@code .NAME.geodesic-staging-UUID}), {@code _SUCCESS} is written last, then the staging
 * directory is renamed to the target. A run that fails, or is killed, leaves no partial target (a
 * killed run may leave its hidden staging directory, which the next run to the same target removes).
 * An existing target is refused unless {@code overwrite}; then it is replaced only after the new
 * output is complete.
 */
public final class OutputDirectory implements AutoCloseable {
  public static final String SUCCESS = "_SUCCESS";

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean created;
  private boolean committed;

  private OutputDirectory(FileSystem fs, Path target, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
    this.staging = new Path(target.getParent(),
        "." + target.getName() + ".geodesic-staging-" + UUID.randomUUID());
  }

  /**
   * Checks the target before any work: refuses an existing path unless {@code overwrite}. Writes
   * nothing yet.
   */
  public static OutputDirectory prepare(String dir, boolean overwrite, Configuration conf) {
    if (dir == null || dir.isBlank()) {
      throw new InvalidInputException("--output is required");
    }
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(conf);
      fs.setWriteChecksum(false);
      Path target = fs.makeQualified(p);
      if (target.getParent() == null) {
        throw new InvalidInputException("--output '" + dir + "' cannot be the root directory");
      }
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new InvalidInputException("--output '" + dir + "' already exists (pass --overwrite to replace it)");
        }
        if (!fs.getFileStatus(target).isDirectory()) {
          throw new InvalidInputException("--output '" + dir + "' exists and is a file, not a directory");
        }
      }
      if (fs.exists(target.getParent()) && !fs.getFileStatus(target.getParent()).isDirectory()) {
        throw new InvalidInputException("--output '" + dir + "': parent is not a directory");
      }
      return new OutputDirectory(fs, target, overwrite);
    } catch (IOException e) {
      throw new InvalidInputException("--output '" + dir + "' is not usable: " + e.getMessage(), e);
    }
  }

  /** The final path, once committed. */
  public Path target() {
    return target;
  }

  /** The path of {@code child} inside the staging directory (created on first use). */
  public String path(String child) {
    ensureCreated();
    return new Path(staging, child).toString();
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public void writeText(String child, String text) {
    writeBytes(child, text.getBytes(StandardCharsets.UTF_8));
  }

  public void writeBytes(String child, byte[] bytes) {
    ensureCreated();
    try (OutputStream out = fs.create(new Path(staging, child), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child + " under " + target, e);
    }
  }

  /** Copies a local file (e.g. a rendered PNG) into the staging directory. */
  public void copyFromLocal(java.nio.file.Path local, String child) {
    ensureCreated();
    try {
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), new Path(staging, child));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + local + " to " + child, e);
    }
  }

  private void ensureCreated() {
    if (committed) {
      throw new IllegalStateException("output " + target + " is already committed");
    }
    if (!created) {
      try {
        removeStaleStaging();
        if (!fs.mkdirs(staging)) {
          throw new IOException("mkdirs failed");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create staging directory " + staging, e);
      }
      created = true;
    }
  }

  /** Staging directories that killed runs left for this target. */
  private void removeStaleStaging() throws IOException {
    Path parent = target.getParent();
    if (!fs.exists(parent)) {
      return;
    }
    String prefix = "." + target.getName() + ".geodesic-staging-";
    for (var st : fs.listStatus(parent)) {
      if (st.getPath().getName().startsWith(prefix)) {
        fs.delete(st.getPath(), true);
      }
    }
  }

  /** Writes {@code _SUCCESS} and moves the staging directory to the target. */
  public void commit() {
    ensureCreated();
    writeText(SUCCESS, "");
    try {
      Path old = null;
      if (fs.exists(target)) {
        if (!overwrite) {
          throw new IllegalStateException("output " + target + " appeared while the job ran");
        }
        old = new Path(target.getParent(), "." + target.getName() + ".geodesic-replaced-" + UUID.randomUUID());
        if (!fs.rename(target, old)) {
          throw new IOException("cannot move the old " + target + " aside");
        }
      }
      if (!fs.rename(staging, target)) {
        if (old != null) {
          fs.rename(old, target);
        }
        throw new IOException("cannot rename " + staging + " to " + target);
      }
      committed = true;
      if (old != null) {
        fs.delete(old, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the staging directory unless committed. */
  @Override
  public void close() {
    if (created && !committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException e) {
        // Best effort: the next run to this target removes it.
      }
    }
  }
}
