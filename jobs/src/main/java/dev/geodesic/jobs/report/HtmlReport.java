package dev.geodesic.jobs.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run's {@code report.html}: a title and sections, each with a heading and, in the order they
 * were added, key/value tables (e.g. the fields of {@code summary.json}), paragraphs and figures.
 * The page is self-contained — inline CSS, no script, no external resource — and refers to its
 * figures by relative file name, written next to it as PNGs. Built once, written once:
 *
 * <pre>{@code
 * HtmlReport.builder("geodesic fedwad")
 *     .section("Summary", s -> s.table(summaryFields))
 *     .section("Convergence", s -> s.paragraph("Bracket per round.").figures(plots.eachMetric("fedwad", trace)))
 *     .build()
 *     .write(outputDir);
 * }</pre>
 */
public final class HtmlReport {
  /** The file {@link #write} creates. */
  public static final String FILE_NAME = "report.html";

  private final String title;
  private final List<Section> sections;

  private HtmlReport(String title, List<Section> sections) {
    this.title = title;
    this.sections = List.copyOf(sections);
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public String title() {
    return title;
  }

  public List<Section> sections() {
    return sections;
  }

  /** One piece of a section's body. */
  public sealed interface Block permits Table, Paragraph, Image {}

  /** Rows of key → formatted value, in insertion order. */
  public record Table(Map<String, String> rows) implements Block {
    public Table {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }
  }

  public record Paragraph(String text) implements Block {
    public Paragraph {
      Objects.requireNonNull(text, "text");
    }
  }

  public record Image(Figure figure) implements Block {
    public Image {
      Objects.requireNonNull(figure, "figure");
    }
  }

  public record Section(String heading, List<Block> blocks) {
    public Section {
      Objects.requireNonNull(heading, "heading");
      blocks = List.copyOf(blocks);
    }
  }

  public static final class Builder {
    private final String title;
    private final List<Section> sections = new ArrayList<>();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /** Adds a section titled {@code heading}; {@code body} fills it. */
    public Builder section(String heading, Consumer<SectionBuilder> body) {
      SectionBuilder s = new SectionBuilder();
      body.accept(s);
      sections.add(new Section(heading, s.blocks));
      return this;
    }

    public HtmlReport build() {
      return new HtmlReport(title, sections);
    }
  }

  /** Fills one section; blocks appear in the order of the calls. */
  public static final class SectionBuilder {
    private final List<Block> blocks = new ArrayList<>();

    private SectionBuilder() {}

    /**
     * A key/value table; values are formatted by {@link #formatValue} (numbers to 6 significant
     * digits, everything else by {@code toString}).
     */
    public SectionBuilder table(Map<String, ?> rows) {
      LinkedHashMap<String, String> formatted = new LinkedHashMap<>();
      rows.forEach((k, v) -> formatted.put(k, formatValue(v)));
      blocks.add(new Table(formatted));
      return this;
    }

    public SectionBuilder paragraph(String text) {
      blocks.add(new Paragraph(text));
      return this;
    }

    public SectionBuilder figure(Figure figure) {
      blocks.add(new Image(figure));
      return this;
    }

    public SectionBuilder figures(List<Figure> figures) {
      figures.forEach(this::figure);
      return this;
    }
  }

  /**
   * Writes every figure as {@code <dir>/<sanitized name>.png} (a name met twice gets {@code -2},
   * {@code -3}, …) and then {@code <dir>/report.html}, creating {@code dir} if needed. Returns the
   * path of {@code report.html}.
   */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Set<String> taken = new HashSet<>();
    taken.add(FILE_NAME.toLowerCase(Locale.ROOT));
    Map<Figure, String> files = new java.util.IdentityHashMap<>();
    for (Section s : sections) {
      for (Block b : s.blocks()) {
        if (b instanceof Image img && !files.containsKey(img.figure())) {
          String file = uniqueFileName(img.figure().name(), taken);
          img.figure().writePng(dir.resolve(file));
          files.put(img.figure(), file);
        }
      }
    }
    Path html = dir.resolve(FILE_NAME);
    Files.writeString(html, render(files), StandardCharsets.UTF_8);
    return html;
  }

  private String render(Map<Figure, String> files) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    if (sections.size() > 1) {
      h.append("<nav><ol>\n");
      for (int k = 0; k < sections.size(); k++) {
        h.append("<li><a href=\"#s").append(k + 1).append("\">")
            .append(escape(sections.get(k).heading())).append("</a></li>\n");
      }
      h.append("</ol></nav>\n");
    }
    for (int k = 0; k < sections.size(); k++) {
      Section s = sections.get(k);
      h.append("<section id=\"s").append(k + 1).append("\">\n<h2>")
          .append(escape(s.heading())).append("</h2>\n");
      for (Block b : s.blocks()) {
        if (b instanceof Table t) {
          h.append("<table>\n");
          t.rows().forEach((key, value) -> h.append("<tr><th scope=\"row\">").append(escape(key))
              .append("</th><td>").append(escape(value)).append("</td></tr>\n"));
          h.append("</table>\n");
        } else if (b instanceof Paragraph p) {
          h.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (b instanceof Image img) {
          Figure f = img.figure();
          h.append("<figure><img src=\"").append(escape(files.get(f)))
              .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
              .append("\" alt=\"").append(escape(f.caption())).append("\"><figcaption>")
              .append(escape(f.caption())).append("</figcaption></figure>\n");
        }
      }
      h.append("</section>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;",
      "  max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}",
      "h1{border-bottom:2px solid #0072b2;padding-bottom:.2em}",
      "h2{margin-top:2em;border-bottom:1px solid #ccc;padding-bottom:.15em}",
      "nav ol{columns:2;padding-left:1.4em}",
      "table{border-collapse:collapse;margin:1em 0;font-size:.95em}",
      "th,td{border:1px solid #ddd;padding:.3em .8em;text-align:left;vertical-align:top}",
      "th{background:#f4f6f8;font-weight:600}",
      "td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
      "figure{margin:1.2em 0}",
      "img{max-width:100%;height:auto;border:1px solid #eee}",
      "figcaption{color:#555;font-size:.9em}",
      "");

  /** Escapes the five characters that are special in HTML text and attribute values. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A table cell: {@code null} as "—", floating-point numbers to 6 significant digits (plain
   * notation between 1e-4 and 1e9, scientific outside), other values by {@code toString}.
   */
  public static String formatValue(Object v) {
    if (v == null) {
      return "—";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      if (d == 0) {
        return "0";
      }
      double a = Math.abs(d);
      if (a >= 1e-4 && a < 1e9) {
        return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
      }
      return String.format(Locale.ROOT, "%.5e", d);
    }
    return v.toString();
  }

  /**
   * A safe file stem: lower case ASCII letters, digits, {@code .}, {@code _} and {@code -}; every
   * other run of characters becomes one {@code -}; never empty, never starting with a dot.
   */
  public static String sanitizeFileStem(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^[-.]+|[-.]+$", "");
    if (s.length() > 80) {
      s = s.substring(0, 80);
    }
    return s.isEmpty() ? "figure" : s;
  }

  private static String uniqueFileName(String name, Set<String> taken) {
    String stem = sanitizeFileStem(name);
    String file = stem + ".png";
    for (int n = 2; !taken.add(file); n++) {
      file = stem + "-" + n + ".png";
    }
    return file;
  }
}
