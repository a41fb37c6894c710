package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlReportTest {
  @TempDir Path dir;

  private static Trace trace() {
    Trace t = new Trace();
    for (int k = 0; k < 10; k++) {
      t.onIteration(IterationRecord.of(k, 0.2 * k, "residual", Math.pow(0.3, k), "objective", 1.0 / (k + 1)));
    }
    return t;
  }

  private HtmlReport sample() {
    TracePlots plots = new TracePlots(TracePlots.Options.defaults().withSize(400, 300));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", "finite-sum");
    summary.put("iterations", 10);
    summary.put("objective", 0.1234567891);
    summary.put("gap", Double.NaN);
    return HtmlReport.builder("Demo <script>alert('x')</script> & co")
        .section("<script>evil()</script> Summary", s -> s.table(summary).paragraph("a < b && \"c\""))
        .section("Convergence", s -> s.figures(plots.eachMetric("svrg", trace())))
        .section("Same names again", s -> s.figures(plots.eachMetric("svrg", trace()))
            .figure(new HeatMapPlot(HeatMapPlot.Options.defaults().withSize(300, 300))
                .render("report", "W2", List.of("a", "b"), new double[][] {{0, 1}, {1, 0}})))
        .build();
  }

  private static List<String> imageSources(String html) {
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void writesReportHtmlReferencingEveryPngWrittenNextToIt() throws Exception {
    Path html = sample().write(dir);
    assertEquals(dir.resolve("report.html"), html);
    String text = Files.readString(html);
    List<String> sources = imageSources(text);
    List<String> pngs;
    try (Stream<Path> files = Files.list(dir)) {
      pngs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted()
          .collect(Collectors.toList());
    }
    assertEquals(5, pngs.size(), "two trace plots twice, one heat map: " + pngs);
    assertEquals(pngs, sources.stream().sorted().collect(Collectors.toList()));
    assertEquals(List.of("svrg-residual.png", "svrg-objective.png", "svrg-residual-2.png",
        "svrg-objective-2.png", "report.png"), sources, "unique names, in page order");
    for (String png : pngs) {
      PngChecks.assertPicture(dir.resolve(png), png.equals("report.png") ? 300 : 400, 300);
    }
  }

  @Test
  void escapesTitlesHeadingsTablesAndParagraphs() throws Exception {
    String text = Files.readString(sample().write(dir));
    assertFalse(text.contains("<script"), "a script element leaked into the page");
    assertTrue(text.contains("<h2>&lt;script&gt;evil()&lt;/script&gt; Summary</h2>"));
    assertTrue(text.contains("<h1>Demo &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>"));
    assertTrue(text.contains("<p>a &lt; b &amp;&amp; &quot;c&quot;</p>"));
    assertTrue(text.contains("<th scope=\"row\">objective</th><td>0.123457</td>"));
    assertTrue(text.contains("<td>NaN</td>"));
  }

  @Test
  void isSelfContained() throws Exception {
    String text = Files.readString(sample().write(dir));
    assertTrue(text.startsWith("<!DOCTYPE html>"));
    assertTrue(text.contains("<style>"));
    assertFalse(text.contains("<link"));
    assertFalse(text.contains("http://") || text.contains("https://"), "external reference");
    assertEquals(3, Pattern.compile("<section ").matcher(text).results().count());
  }

  @Test
  void fileStemsAreSanitized() {
    assertEquals("fedwad-upper", HtmlReport.sanitizeFileStem("FedWad: upper"));
    assertEquals("a-b-c.d", HtmlReport.sanitizeFileStem("../a/b c.d"));
    assertEquals("figure", HtmlReport.sanitizeFileStem("<>:/"));
    assertEquals("figure", HtmlReport.sanitizeFileStem(""));
  }

  @Test
  void valuesAreFormattedReadably() {
    assertEquals("0.123457", HtmlReport.formatValue(0.1234567891));
    assertEquals("1200", HtmlReport.formatValue(1200.0));
    assertEquals("1.23457e-07", HtmlReport.formatValue(1.2345678e-7));
    assertEquals("42", HtmlReport.formatValue(42));
    assertEquals("converged", HtmlReport.formatValue("converged"));
    assertEquals("Infinity", HtmlReport.formatValue(Double.POSITIVE_INFINITY));
    assertEquals("—", HtmlReport.formatValue(null));
  }
}
