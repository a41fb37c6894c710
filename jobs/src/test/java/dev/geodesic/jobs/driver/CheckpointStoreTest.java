package dev.geodesic.jobs.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.iteration.Checkpoint;
import dev.geodesic.iteration.OracleCounts;
import dev.geodesic.iteration.StopReason;
import dev.geodesic.jobs.InvalidInputException;
import dev.geodesic.progress.IterationRecord;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir
  Path dir;

  private final List<String> warnings = new ArrayList<>();

  private CheckpointStore store(String command, String fingerprint) {
    return CheckpointStore.at(dir.toString(), command, fingerprint, new Configuration(), warnings::add);
  }

  private static Checkpoint<double[]> checkpoint(int k) {
    List<IterationRecord> trace = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      trace.add(IterationRecord.of(i, 0.1 * i, "x", 1.0 / i));
    }
    return new Checkpoint<>(k, new double[] {k, -k}, new OracleCounts(k, 0.5 * k, 2L * k, 100L * k), 0.1 * k, trace,
        k == 5 ? StopReason.ITERATION_LIMIT : null);
  }

  @Test
  void savesKeepsTheNewestTwoAndLoadsTheNewest() {
    CheckpointStore s = store("drcgd", "--p=2\n--seed=1");
    assertEquals(Optional.empty(), s.load());
    for (int k = 1; k <= 5; k++) {
      s.save(checkpoint(k));
    }
    assertEquals(2, s.files().size());
    Checkpoint<double[]> c = s.<double[]>load().orElseThrow();
    assertEquals(5, c.iteration());
    assertEquals(-5.0, c.state()[1], 0.0);
    assertEquals(new OracleCounts(5, 2.5, 10, 500), c.counts());
    assertEquals(5, c.trace().size());
    assertEquals(StopReason.ITERATION_LIMIT, c.stopReason());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void aTornOrCorruptNewestFileFallsBackToThePreviousOne() throws Exception {
    CheckpointStore s = store("fedwad", "fp");
    s.save(checkpoint(3));
    s.save(checkpoint(4));
    Path newest = dir.resolve("checkpoint-0000000004.bin");
    // Torn: cut the file in the middle of its payload.
    try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    assertEquals(3, s.<double[]>load().orElseThrow().iteration());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("torn"), warnings.toString());
    // Corrupt: same length, one payload byte flipped.
    s.save(checkpoint(4));
    byte[] b = Files.readAllBytes(newest);
    b[b.length - 40] ^= 1;
    Files.write(newest, b);
    assertEquals(3, s.<double[]>load().orElseThrow().iteration());
    assertTrue(warnings.get(1).contains("digest"), warnings.toString());
    // Nothing complete left: refused rather than silently restarted.
    Files.write(dir.resolve("checkpoint-0000000003.bin"), new byte[] {1, 2, 3});
    InvalidInputException e = assertThrows(InvalidInputException.class, s::load);
    assertTrue(e.getMessage().contains("no complete checkpoint"), e.getMessage());
  }

  @Test
  void otherOptionsCommandOrFormatAreRefused() throws Exception {
    store("fedwad", "--p=2\n--seed=1").save(checkpoint(2));
    InvalidInputException other = assertThrows(InvalidInputException.class, () -> store("fedwad", "--p=1\n--seed=1").load());
    assertTrue(other.getMessage().contains("saved --p=2, now --p=1"), other.getMessage());
    InvalidInputException cmd = assertThrows(InvalidInputException.class, () -> store("drcgd", "--p=2\n--seed=1").load());
    assertTrue(cmd.getMessage().contains("'fedwad', not of 'drcgd'"), cmd.getMessage());
    // A future format version: the version int follows the magic line.
    Path f = dir.resolve("checkpoint-0000000002.bin");
    byte[] b = Files.readAllBytes(f);
    b[CheckpointStore.MAGIC.length() + 1 + 3] = 9;
    Files.write(f, b);
    InvalidInputException version = assertThrows(InvalidInputException.class, () -> store("fedwad", "--p=2\n--seed=1").load());
    assertTrue(version.getMessage().contains("format version 9"), version.getMessage());
  }

  @Test
  void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThrows(InvalidInputException.class,
        () -> CheckpointStore.at(file.toString(), "fedwad", "fp", new Configuration(), warnings::add));
  }
}
