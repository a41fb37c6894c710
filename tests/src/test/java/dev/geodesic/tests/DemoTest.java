package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo}: every step succeeds, and its one report's plots open as images. */
class DemoTest {
  @TempDir
  Path dir;

  @Test
  void demoRunsEveryCapabilityAndItsReportShowsImages() throws Exception {
    Path out = dir.resolve("demo");
    EndToEnd.ok("demo", "--output", out.toString());
    EndToEnd.assertCommitted(out);
    Map<String, Object> s = EndToEnd.summary(out);
    EndToEnd.assertCommonSummary(s, "demo");
    assertEquals("completed", s.get("status"));
    assertTrue(((List<?>) s.get("failed_steps")).isEmpty());
    SummarySchemaTest.assertConforms("demo", out);
    for (Object step : (List<?>) s.get("steps")) {
      EndToEnd.assertCommitted(out.resolve((String) step));
      SummarySchemaTest.assertConforms((String) EndToEnd.summary(out.resolve((String) step)).get("command"),
          out.resolve((String) step));
    }

    String html = Files.readString(out.resolve("report.html"));
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      BufferedImage img = ImageIO.read(out.resolve(m.group(1)).toFile());
      assertNotNull(img, m.group(1) + " is a decodable image");
      assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
      images++;
    }
    assertTrue(images >= 4, "the report shows the OT and FedWaD plots, found " + images);
    assertFalse(html.contains("FAILED"));

    // The two-client FedWaD step verified itself against the exact W_2.
    Map<String, Object> fedwad = EndToEnd.summary(out.resolve("fedwad"));
    assertEquals(Boolean.TRUE, fedwad.get("bracket_contains_exact"));
  }
}
