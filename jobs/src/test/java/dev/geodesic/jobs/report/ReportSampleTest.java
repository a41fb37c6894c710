package dev.geodesic.jobs.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geodesic.progress.IterationRecord;
import dev.geodesic.progress.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders a demo-like report into {@code target/report-sample/} — several sections, a bracket
 * chart, methods compared, a heat map — so a person can open it and judge how it looks.
 */
class ReportSampleTest {
  @Test
  void rendersASampleReportForPeopleToLookAt() throws Exception {
    Trace fedwad = new Trace();
    for (int r = 1; r <= 25; r++) {
      double w = 2.0 * Math.pow(0.7, r);
      fedwad.onIteration(IterationRecord.of(r, 0.05 * r, "upper", 1.8 + w, "lower", 1.8 - 0.6 * w,
          "estimate", 1.8 + 0.2 * w, "width", 1.6 * w));
    }
    Map<String, Trace> methods = new LinkedHashMap<>();
    double[] rates = {0.82, 0.9, 0.95};
    String[] names = {"svrg", "saga", "lsvrg"};
    for (int m = 0; m < names.length; m++) {
      Trace t = new Trace();
      for (int k = 0; k < 120; k++) {
        double gap = Math.pow(rates[m], k) * (1 + 0.1 * Math.sin(k));
        t.onIteration(IterationRecord.of(k, 0.01 * k * (m + 1), "objective", 0.3 + gap, "gap", gap,
            "fstar_gap", Double.NaN));
      }
      methods.put(names[m], t);
    }
    TracePlots plots = new TracePlots();
    TracePlots timePlots = new TracePlots(TracePlots.Options.defaults().withXAxis(TracePlots.XAxis.ELAPSED_SECONDS));
    List<String> clients = List.of("client-a", "client-b", "client-c", "client-d");
    double[][] d = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        d[i][j] = Math.abs(i - j) * 0.75 + (i == j ? 0 : 0.1 * (i + j));
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("command", "fedwad");
    summary.put("status", "converged");
    summary.put("rounds", 25);
    summary.put("estimate", 1.8000134);
    summary.put("upper", 1.80027);
    summary.put("lower", 1.79984);
    Path out = Path.of("target", "report-sample");
    Path html = HtmlReport.builder("Geodesic demo")
        .section("Federated Wasserstein distance", s -> s.table(summary)
            .paragraph("Upper and lower bounds bracket the distance; the bracket narrows each round.")
            .figure(plots.metrics("fedwad-bracket", "fedwad: bracket per round", fedwad,
                List.of("upper", "lower", "estimate")).orElseThrow())
            .figures(plots.eachMetric("fedwad", fedwad).subList(3, 4)))
        .section("All pairs of clients", s -> s.figure(
            new HeatMapPlot().render("pairwise", "pairwise W2 distance", clients, d)))
        .section("Finite-sum methods compared", s -> s
            .figure(plots.compare("gap-by-method", "gap by method", "gap", methods).orElseThrow())
            .figure(timePlots.compare("gap-by-time", "gap vs time", "gap", methods).orElseThrow()))
        .build()
        .write(out);
    assertTrue(Files.isRegularFile(html));
  }
}
