package dev.geodesic.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: one Master and {@code workers} Worker JVMs,
 * started from the Maven-built classpath ({@code jobs/target/spark-classpath.txt}), and jobs
 * submitted to it through {@code org.apache.spark.deploy.SparkSubmit} in a child JVM, as the
 * {@code spark-submit} script does ({@code java -cp <Spark's jars> org.apache.spark.deploy.SparkSubmit
 * --master spark://… --class dev.geodesic.jobs.cli.GeodesicCli geodesic-jobs.jar <command> …}).
 *
 * <p>Usage: {@code try (StandaloneCluster c = StandaloneCluster.start(dir, StandaloneCluster.Options.defaults()))
 * { EndToEnd.Result r = c.submit(List.of(), "fedwad", "--input", …).await(300); }}, or start it in
 * {@code @BeforeAll} and {@link #close()} it in {@code @AfterAll} to share it within a class.
 *
 * <p>Teardown: {@link #close()} stops every submission, executor, driver, worker and the master
 * (SIGTERM, then SIGKILL after 10 s); a JVM shutdown hook does the same when the test JVM exits
 * without closing; and every JVM started here runs under {@link ParentWatch}, so it exits when the
 * test JVM dies even by SIGKILL (surefire's fork timeout). Ports are free ones chosen at start.
 *
 * <p>Logs: {@code dir/logs/master.log}, {@code dir/logs/worker-<i>.log}, and each executor's and
 * cluster-mode driver's {@code stdout}/{@code stderr} under {@code dir/work-<i>/<app or driver id>/}
 * ({@link #logFiles()} lists them all).
 */
final class StandaloneCluster implements AutoCloseable {
  /**
   * The cluster's shape. {@code secret}: null for an open cluster; else Spark authentication, RPC
   * and local-storage encryption on every JVM ({@code cluster-conf/spark-defaults.standalone-secure.conf}),
   * with this shared secret given to the daemons and to submissions through the environment.
   */
  record Options(int workers, int coresPerWorker, String workerMemory, String secret) {
    static Options defaults() {
      return new Options(2, 1, "2g", null);
    }

    Options withSecret(String s) {
      return new Options(workers, coresPerWorker, workerMemory, s);
    }
  }

  private static final String MAIN = "dev.geodesic.jobs.cli.GeodesicCli";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, String> env;
  private final Options options;
  private final int port;
  private final int uiPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final List<Process> submissions = new CopyOnWriteArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "standalone-cluster-teardown");
  private volatile boolean closed;

  private StandaloneCluster(Path dir, Options options, int port, int uiPort, Process master, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
    this.options = options;
    this.port = port;
    this.uiPort = uiPort;
    this.master = master;
  }

  /** Starts the master and the workers and returns once every worker is registered (at most 600 s). */
  static StandaloneCluster start(Path dir, Options options) throws IOException, InterruptedException {
    return start(dir, options, Map.of());
  }

  /**
   * As {@link #start(Path, Options)}, with extra environment variables for every JVM of the cluster
   * and every submission (e.g. {@code OPENBLAS_CORETYPE}, so that executors and drivers run the test
   * JVM's OpenBLAS kernels).
   */
  static StandaloneCluster start(Path dir, Options options, Map<String, String> env)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("logs"));
    int port = freePort();
    int ui = freePort();
    List<String> masterArgs = new ArrayList<>(List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
    masterArgs.addAll(propertiesFile(options));
    Map<String, String> daemons = new HashMap<>(daemonEnv(dir, options));
    daemons.putAll(env);
    Process m = startJvm(dir, "512m", List.of(), masterArgs, dir.resolve("logs/master.log"), daemons);
    StandaloneCluster c = new StandaloneCluster(dir, options, port, ui, m, Map.copyOf(env));
    Runtime.getRuntime().addShutdownHook(c.hook);
    try {
      for (int i = 1; i <= options.workers(); i++) {
        Path work = dir.resolve("work-" + i);
        Files.createDirectories(work);
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()),
            "--cores", Integer.toString(options.coresPerWorker()), "--memory", options.workerMemory(),
            "--work-dir", work.toString()));
        args.addAll(propertiesFile(options));
        args.add(c.masterUrl());
        c.workers.add(startJvm(dir, "512m", List.of(), args, dir.resolve("logs/worker-" + i + ".log"), workerEnv(daemons)));
      }
      c.awaitWorkers(600);
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The master's web UI (its {@code /json/} page lists workers, applications and drivers). */
  URI masterUi() {
    return URI.create("http://127.0.0.1:" + uiPort + "/");
  }

  Path directory() {
    return dir;
  }

  Options options() {
    return options;
  }

  /** The master's JSON status ({@code /json/}: workers, activeapps, completedapps, activedrivers, …). */
  JsonNode status() throws IOException {
    HttpURLConnection h = (HttpURLConnection) masterUi().resolve("json/").toURL().openConnection();
    h.setConnectTimeout(2000);
    h.setReadTimeout(5000);
    try (var in = h.getInputStream()) {
      return JSON.readTree(in);
    } finally {
      h.disconnect();
    }
  }

  /** The executor JVMs now running on the workers (e.g. to kill one by its PID). */
  List<ProcessHandle> executors() {
    return workers.stream().flatMap(Process::descendants).filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend")).toList();
  }

  /**
   * The whole command line. {@code ProcessHandle.Info} truncates long ones on Linux, and an
   * executor's starts with Spark's classpath, so the class name would be cut off.
   */
  private static String commandLine(ProcessHandle h) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return h.info().commandLine().orElse("");
    }
  }

  /** Every log file the cluster and its applications wrote so far. */
  List<Path> logFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".log") || n.equals("stdout") || n.equals("stderr");
      }).toList();
    }
  }

  /**
   * Starts {@code SparkSubmit --master <this cluster> [sparkOptions] --class GeodesicCli
   * geodesic-jobs.jar <cliArgs>} in a child JVM (client deploy mode unless sparkOptions say
   * {@code --deploy-mode cluster}, then the client waits for the driver to finish; another
   * {@code --class} in sparkOptions, e.g. {@link CommandBatch}, replaces GeodesicCli). The driver
   * binds to 127.0.0.1, has no UI and 4 shuffle partitions (as the in-process local[2] session of
   * {@link EndToEnd}); on a secure cluster it gets the secret through {@code GEODESIC_SPARK_SECRET}.
   */
  Submission submit(List<String> sparkOptions, String... cliArgs) throws IOException {
    return submit(sparkOptions, Map.of(), null, List.of(), cliArgs);
  }

  /**
   * As {@link #submit(List, String...)}, with extra environment variables for the SparkSubmit JVM
   * (an empty value removes the variable, e.g. {@code GEODESIC_SPARK_SECRET}), its working directory
   * (null: this cluster's directory) and extra options of that JVM (the client-mode driver).
   */
  Submission submit(List<String> sparkOptions, Map<String, String> env, Path workingDir, List<String> jvmOptions,
      String... cliArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl()));
    args.addAll(propertiesFile(options));
    args.addAll(List.of("--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.standalone.submit.waitAppCompletion=true", "--conf", "spark.executor.memory=768m"));
    args.addAll(sparkOptions);
    if (!sparkOptions.contains("--class")) {
      args.addAll(List.of("--class", MAIN));
    }
    args.add(Launcher.repositoryRoot().resolve("jobs/target/geodesic-jobs.jar").toString());
    args.addAll(List.of(cliArgs));
    Map<String, String> e = new HashMap<>(daemonEnv(dir, options));
    e.putAll(this.env);
    int dm = sparkOptions.indexOf("--deploy-mode");
    boolean clusterMode = dm >= 0 && dm + 1 < sparkOptions.size() && sparkOptions.get(dm + 1).equals("cluster");
    if (!clusterMode) {
      // A client-mode driver takes the secret from GEODESIC_SPARK_SECRET, as the launcher's user does. A
      // cluster-mode submission keeps Spark's variable: its client talks to the master before any
      // geodesic code runs, and its driver inherits the worker's variable.
      e.remove("_SPARK_AUTH_SECRET");
    }
    if (options.secret() != null) {
      e.put("GEODESIC_SPARK_SECRET", options.secret());
    }
    e.putAll(env);
    int n = submissions.size() + 1;
    Path log = dir.resolve("logs/submit-" + n + ".log");
    Process p = startJvm(workingDir != null ? workingDir : dir, "1g", jvmOptions, args, log, e);
    submissions.add(p);
    return new Submission(this, p, log, String.join(" ", cliArgs), clusterMode);
  }

  /** A running SparkSubmit JVM. */
  static final class Submission {
    private final StandaloneCluster cluster;
    private final Process process;
    private final Path log;
    private final String what;
    private final boolean clusterMode;

    Submission(StandaloneCluster cluster, Process process, Path log, String what, boolean clusterMode) {
      this.cluster = cluster;
      this.process = process;
      this.log = log;
      this.what = what;
      this.clusterMode = clusterMode;
    }

    Process process() {
      return process;
    }

    /** The SparkSubmit JVM's merged stdout and stderr (the client-mode driver's log). */
    Path log() {
      return log;
    }

    /** Waits for the exit; kills the JVM and fails after {@code timeoutSeconds}. Stdout and stderr are merged. */
    EndToEnd.Result await(long timeoutSeconds) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        kill(process);
        throw new IllegalStateException("spark-submit " + what + " did not finish in " + timeoutSeconds + " s; log:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (!clusterMode || process.exitValue() != 0) {
        return new EndToEnd.Result(process.exitValue(), "", out);
      }
      // Cluster mode: the client may return once the driver is accepted. The driver's outcome is the
      // master's: wait until no driver is active, then read the newest completed one's state.
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (true) {
        JsonNode s = cluster.status();
        JsonNode done = s.path("completeddrivers");
        if (s.path("activedrivers").size() == 0 && done.size() > 0) {
          String state = done.get(done.size() - 1).path("state").asText();
          return new EndToEnd.Result("FINISHED".equals(state) ? 0 : 1, "", out + "\ndriver state: " + state);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cluster-mode driver of " + what + " did not finish in " + timeoutSeconds + " s");
        }
        Thread.sleep(500);
      }
    }
  }

  private void awaitWorkers(int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the master exited:\n" + Files.readString(dir.resolve("logs/master.log")));
      }
      try {
        JsonNode s = status();
        if (s.path("aliveworkers").asInt() >= options.workers()) {
          return;
        }
      } catch (IOException notYet) {
        // the UI is not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("workers did not register within " + seconds + " s; master log:\n"
            + Files.readString(dir.resolve("logs/master.log")));
      }
      Thread.sleep(250);
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running this
    }
  }

  private synchronized void stopAll() {
    if (closed) {
      return;
    }
    closed = true;
    List<Process> all = new ArrayList<>(submissions);
    all.addAll(workers);
    all.add(master);
    List<ProcessHandle> handles = new ArrayList<>();
    for (Process p : all) {
      p.descendants().forEach(handles::add); // executors and cluster-mode drivers
      handles.add(p.toHandle());
    }
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (ProcessHandle h : handles) {
      try {
        h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception stillAlive) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : handles) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("StandaloneCluster: PID " + h.pid() + " survived SIGKILL for 10 s");
      }
    }
  }

  private static void kill(Process p) {
    List<ProcessHandle> hs = new ArrayList<>(p.descendants().toList());
    hs.add(p.toHandle());
    hs.forEach(ProcessHandle::destroyForcibly);
  }

  private static List<String> propertiesFile(Options o) {
    if (o.secret() == null) {
      return List.of();
    }
    return List.of("--properties-file",
        Launcher.repositoryRoot().resolve("cluster-conf/spark-defaults.standalone-secure.conf").toString());
  }

  /** What the daemons need: a stand-in SPARK_HOME and the classpath for the executors they launch. */
  private static Map<String, String> daemonEnv(Path dir, Options o) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", Launcher.fakeSparkHome(dir).toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_DIST_CLASSPATH", sparkClasspath());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("OPENBLAS_NUM_THREADS", "1");
    String blas = System.getProperty("geodesic.blas");
    if (blas != null) {
      env.put("GEODESIC_BLAS", blas);
    }
    if (o.secret() != null) {
      env.put("_SPARK_AUTH_SECRET", o.secret()); // Spark's own variable, read by daemons and passed on to executors
    }
    return env;
  }

  /**
   * A worker's environment: Java 17's module options in {@code JDK_JAVA_OPTIONS}, which every JVM the
   * worker starts inherits, as {@code ./geodesic cluster start} does. A {@code --deploy-mode cluster}
   * driver gets no other module options (Spark adds them to executors only), and without them Kryo
   * fails on the first broadcast (java.nio not opened).
   */
  private static Map<String, String> workerEnv(Map<String, String> daemons) throws IOException {
    Map<String, String> env = new HashMap<>(daemons);
    env.put("JDK_JAVA_OPTIONS", String.join(" ", jvmConfig()));
    return env;
  }

  /** Spark and its dependencies, without the jobs jar: executors get that jar from the driver, as on a real cluster. */
  private static String sparkClasspath() throws IOException {
    return Files.readString(Launcher.repositoryRoot().resolve("jobs/target/spark-classpath.txt")).trim();
  }

  private static List<String> jvmConfig() throws IOException {
    return Files.readAllLines(Launcher.repositoryRoot().resolve(".mvn/jvm.config")).stream().map(String::trim)
        .filter(l -> !l.isEmpty()).toList();
  }

  private static Process startJvm(Path cwd, String heap, List<String> jvmOptions, List<String> args, Path log,
      Map<String, String> env) throws IOException {
    Path root = Launcher.repositoryRoot();
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmConfig());
    cmd.add("-Xmx" + heap);
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dlog4j2.configurationFile=" + root.resolve("cluster-conf/log4j2.properties"));
    String blas = System.getProperty("geodesic.blas");
    if (blas != null) {
      cmd.add("-Dgeodesic.blas=" + blas);
    }
    cmd.addAll(jvmOptions);
    String watch;
    try {
      watch = Paths.get(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    cmd.addAll(List.of("-cp", sparkClasspath() + File.pathSeparator + watch, ParentWatch.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        pb.environment().remove(e.getKey());
      } else {
        pb.environment().put(e.getKey(), e.getValue());
      }
    }
    return pb.start(); // stdin stays a pipe from this JVM: ParentWatch's lifeline
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
