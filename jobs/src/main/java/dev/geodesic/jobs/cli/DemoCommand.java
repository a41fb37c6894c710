package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.run.JobCommand;
import dev.geodesic.jobs.run.JobRun;
import dev.geodesic.jobs.output.OutputReader;
import dev.geodesic.jobs.report.Figure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;

/**
 * {@code demo}: every capability end to end on small built-in or generated data, each step being the
 * real command run in this JVM (same Spark session) into a subdirectory of the demo's output; one
 * {@code report.html} gathers their summaries and plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run every capability end to end on small data and write one report.",
        "Default --output: geodesic-out/demo-<date-time>. Uses the Fashion-MNIST files of the Debian",
        "package dataset-fashion-mnist when installed, generated data otherwise."})
public final class DemoCommand extends JobCommand {

  @Override
  protected String defaultOutput() {
    return "geodesic-out/demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** One step: a title, what it shows, and the command line (without --output). */
  private record Step(String name, String title, String explanation, List<String> args) {}

  private List<Step> steps() {
    List<Step> s = new ArrayList<>();
    String seedText = Long.toString(seed);
    s.add(new Step("clouds", "generate: two Gaussian clouds",
        "Two clients, N(0, I) and N((4/√2)·1, I) in d = 2, 600 rows each: the data of the OT and FedWaD steps.",
        List.of("generate", "--kind", "gaussian", "--clients", "2", "--rows", "1200", "--dim", "2", "--seed", seedText)));
    String clouds = "@clouds";
    s.add(new Step("ot-exact", "ot: exact W_2 between the clouds (network simplex)",
        "Centralized exact OT: optimal cost, sparse plan (plan.parquet) and dual potentials.",
        List.of("ot", "--input", clouds, "--solver", "exact")));
    s.add(new Step("ot-sinkhorn", "ot: entropic OT (Sinkhorn, log-domain, ε-scaling)",
        "The transport cost of the entropic plan is an upper bound on the exact cost above.",
        List.of("ot", "--input", clouds, "--solver", "sinkhorn", "--epsilon", "0.2")));
    s.add(new Step("ot-sliced", "ot: sliced W_2",
        "Sliced W_2 over 200 seeded random directions: a different (smaller) quantity than W_2.",
        List.of("ot", "--input", clouds, "--solver", "sliced", "--seed", seedText)));
    s.add(new Step("fedwad", "fedwad: federated W_2 between the two clouds",
        "Each cloud stays on its client; the bracket [lower, upper] must contain the exact W_2 computed centrally.",
        List.of("fedwad", "--input", clouds, "--rounds", "15", "--verify-exact", "--seed", seedText)));
    s.add(new Step("pca-data", "generate: PCA data with an eigengap",
        "d = 20, rank 3, eigengap 0.5: the true subspace is in truth.parquet.",
        List.of("generate", "--kind", "pca", "--rows", "2000", "--dim", "20", "--rank", "3", "--seed", seedText)));
    s.add(new Step("drcgd", "drcgd: decentralized PCA by gradient tracking on a ring of 8 agents",
        "Eight agents each hold 250 rows (their Gramian formed once on their executor) and talk only to their two ring"
            + " neighbours (Metropolis–Hastings weights, 3 gossip rounds per iteration); DRGTA with a constant step converges"
            + " to the top-3 eigenvectors of the pooled covariance (subspace_distance, from --truth).",
        List.of("drcgd", "--input", "@pca-data", "--method", "drgta", "--agents", "8", "--graph", "ring", "--gossip", "3",
            "--rank", "3", "--step", "0.3", "--iterations", "150", "--truth", "--seed", seedText)));
    s.add(new Step("logistic-data", "generate: logistic-regression data", "20 000 rows, d = 50; the true weights are in truth.parquet.",
        List.of("generate", "--kind", "logistic", "--rows", "20000", "--dim", "50", "--seed", seedText)));
    s.add(new Step("finite-sum", "finite-sum: L2 logistic regression by variance-reduced rounds",
        "Per round one full gradient (treeAggregate), then a local SAGA pass on every partition with the global correction;"
            + " the driver averages. Trace: objective and gradient-mapping norm per round.",
        List.of("finite-sum", "--input", "@logistic-data", "--method", "saga", "--l2", "1e-3", "--max-epochs", "20",
            "--tol", "1e-9", "--seed", seedText)));
    String classes;
    if (Files.isDirectory(Paths.get(ImportCommand.DEFAULT_FASHION_MNIST))) {
      classes = "@fashion-mnist";
      s.add(new Step("fashion-mnist", "import: Fashion-MNIST (first 2000 test images)",
          "IDX files of the Debian package dataset-fashion-mnist; one client per class.",
          List.of("import", "--format", "idx", "--input", ImportCommand.DEFAULT_FASHION_MNIST, "--split", "t10k",
              "--limit", "2000", "--scale", "unit", "--client-from-label")));
    } else {
      classes = "@classes";
      s.add(new Step("classes", "generate: ten Gaussian classes (Fashion-MNIST not installed)",
          "Stand-in for Fashion-MNIST: ten clouds in d = 20, 200 rows each.",
          List.of("generate", "--kind", "gaussian", "--clients", "10", "--rows", "2000", "--dim", "20", "--seed", seedText)));
    }
    s.add(new Step("fedwad-pairs", "fedwad: all pairs of the ten classes",
        "45 pairs scheduled together, one Spark job per round; support-limited interpolation (S = 50).",
        List.of("fedwad", "--input", classes, "--client-col", "client", "--support", "50", "--rounds", "10",
            "--seed", seedText)));
    s.add(new Step("monotone", "monotone: policeman and burglar by VR-Halpern",
        "n = 200 houses with drawn weights; the game's rows and columns are generated on the executors; "
            + "10 epochs of variance-reduced Halpern iteration, the residual and duality gap of the last iterate.",
        List.of("monotone", "--problem", "policeman-burglar", "--n", "200", "--method", "vr-halpern", "--max-epochs", "10",
            "--seed", seedText)));
    return s;
  }

  @Override
  protected void run(JobRun run) throws Exception {
    Configuration hadoop = run.spark().sparkContext().hadoopConfiguration();
    List<String> failed = new ArrayList<>();
    int k = 0;
    List<Step> steps = steps();
    for (Step step : steps) {
      k++;
      String dir = run.output().path(step.name());
      List<String> args = new ArrayList<>();
      for (String a : step.args()) {
        // "@step" names the output of an earlier step.
        args.add(a.startsWith("@") ? run.output().path(a.substring(1)) : a);
      }
      args.add("--output");
      args.add(dir);
      if (master != null) {
        args.add("--master");
        args.add(master);
      }
      run.log().printf(Locale.ROOT, "[demo] step %d/%d: %s%n", k, steps.size(), step.title());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = GeodesicCli.execute(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8), run.log());
      if (status != 0) {
        failed.add(step.name());
        run.report().section(step.title(), sec -> sec.paragraph("FAILED with exit status " + status + ": "
            + String.join(" ", step.args())));
        continue;
      }
      Map<String, Object> summary = OutputReader.summary(dir, hadoop);
      List<Figure> figures = OutputReader.reportFigures(dir, hadoop);
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("command line", "geodesic " + String.join(" ", step.args()));
      shown.putAll(summary);
      run.report().section(step.title(), sec -> {
        sec.paragraph(step.explanation()).table(shown);
        sec.figures(figures);
      });
    }
    run.summary().put("method", "all").put("status", failed.isEmpty() ? "completed" : "failed")
        .put("steps", steps.stream().map(Step::name).toList())
        .put("failed_steps", failed);
    if (!failed.isEmpty()) {
      throw new IllegalStateException("demo steps failed: " + failed);
    }
  }
}
