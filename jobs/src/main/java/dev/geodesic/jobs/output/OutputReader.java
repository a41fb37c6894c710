package dev.geodesic.jobs.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads back what a command wrote ({@code summary.json}, {@code trace.csv}): for the demo's report and for tests. */
public final class OutputReader {
  private OutputReader() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> summary(String dir, Configuration conf) throws IOException {
    return new ObjectMapper().readValue(read(new Path(dir, "summary.json"), conf), LinkedHashMap.class);
  }

  /** The trace of {@code trace.csv}, or an empty trace when the command wrote none. */
  public static Trace trace(String dir, Configuration conf) throws IOException {
    Trace t = new Trace();
    Path p = new Path(dir, "trace.csv");
    if (!p.getFileSystem(conf).exists(p)) {
      return t;
    }
    String[] lines = read(p, conf).split("\n");
    String[] header = lines[0].split(",");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      Map<String, Double> m = new LinkedHashMap<>();
      for (int k = 2; k < header.length; k++) {
        m.put(header[k], cells[k].isEmpty() ? Double.NaN : Double.parseDouble(cells[k]));
      }
      t.onIteration(new IterationRecord(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]), m));
    }
    return t;
  }

  private static String read(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
