package dev.geodesic.jobs.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.geodesic.jobs.report.Figure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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

  /** The plots a command's {@code report.html} shows, in its order (none when it wrote no report). */
  public static List<Figure> reportFigures(String dir, Configuration conf) throws IOException {
    List<Figure> out = new ArrayList<>();
    Path report = new Path(dir, "report.html");
    if (!report.getFileSystem(conf).exists(report)) {
      return out;
    }
    Matcher m = Pattern.compile("<img src=\"([^\"]+\\.png)\"").matcher(read(report, conf));
    while (m.find()) {
      Path png = new Path(dir, m.group(1));
      try (InputStream in = png.getFileSystem(conf).open(png)) {
        String name = m.group(1).substring(0, m.group(1).length() - 4);
        out.add(new Figure(name, name, ImageIO.read(in)));
      }
    }
    return out;
  }

  private static String read(Path p, Configuration conf) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
