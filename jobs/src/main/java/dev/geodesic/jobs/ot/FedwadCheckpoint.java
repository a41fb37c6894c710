package dev.geodesic.jobs.ot;

import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.ot.FederatedWasserstein;
import dev.geodesic.progress.IterationRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A FedWaD run's state after its last completed round, in one file under {@code --checkpoint DIR}
 * (any Hadoop file system), replaced atomically after every round: every pair's server state and
 * per-round records, and the run's trace. A run started with the same inputs and options resumes
 * from it and ends exactly as an uninterrupted run would (the servers' randomness is keyed by pair
 * and round); a larger {@code --rounds} extends a finished run.
 */
public final class FedwadCheckpoint {
  static final String FILE = "fedwad.checkpoint";

  /** One pair's server state and the records of its rounds so far. */
  public record PairProgress(FederatedWasserstein.ServerState state, List<IterationRecord> rounds)
      implements Serializable {}

  /**
   * @param fingerprint the inputs and options that determine the numbers (not the round budget)
   * @param round rounds completed
   * @param pairs per pair, in the run's pair order
   * @param trace the run's trace so far
   */
  public record Snapshot(String fingerprint, int round, List<PairProgress> pairs, List<IterationRecord> trace)
      implements Serializable {}

  private final FileSystem fs;
  private final Path file;
  private final String dir;

  private FedwadCheckpoint(FileSystem fs, Path file, String dir) {
    this.fs = fs;
    this.file = file;
    this.dir = dir;
  }

  public static FedwadCheckpoint at(String dir, Configuration conf) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
        throw new InvalidInputException("--checkpoint '" + dir + "' is a file, not a directory");
      }
      return new FedwadCheckpoint(fs, new Path(p, FILE), dir);
    } catch (IOException e) {
      throw new InvalidInputException("--checkpoint '" + dir + "' is not usable: " + e.getMessage(), e);
    }
  }

  /** The saved snapshot, if any; one written by a run with other inputs or options is refused. */
  public Optional<Snapshot> load(String fingerprint) {
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      Snapshot s;
      try (InputStream in = fs.open(file); ObjectInputStream oin = new ObjectInputStream(in)) {
        s = (Snapshot) oin.readObject();
      } catch (ClassNotFoundException | ClassCastException | java.io.ObjectStreamException e) {
        throw new InvalidInputException("--checkpoint '" + dir + "' holds no readable FedWaD checkpoint: " + e.getMessage(), e);
      }
      if (!s.fingerprint().equals(fingerprint)) {
        throw new InvalidInputException("--checkpoint '" + dir + "' was written by a run with other inputs or options ("
            + s.fingerprint() + "); use another directory");
      }
      return Optional.of(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes the snapshot beside the old one, then renames it into place. */
  public void save(Snapshot s) {
    Path tmp = new Path(file.getParent(), FILE + ".tmp");
    try {
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(tmp, true); ObjectOutputStream oout = new ObjectOutputStream(out)) {
        oout.writeObject(s);
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("rename " + tmp + " -> " + file + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }
}
