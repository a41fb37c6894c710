package dev.geodesic.jobs.spark;

import dev.geodesic.jobs.EnvironmentException;
import dev.geodesic.jobs.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a {@link SparkSession} is made. The master comes from {@code --master}, else from
 * {@code spark-submit} (the {@code spark.master} property it sets), else {@code local[*]}: job code
 * never hard-wires it. {@code --conf key=value} pairs come last and win.
 */
public final class SparkSessions {
  private static final String KRYO_REGISTRATOR = "spark.kryo.registrator";
  private SparkSessions() {}

  /** A session and whether this call started it (a session we did not start is not ours to stop). */
  public record Handle(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }

  public static Handle open(String appName, String master, List<String> confs) {
    var existing = SparkSession.getActiveSession();
    if (existing.isEmpty()) {
      existing = SparkSession.getDefaultSession();
    }
    if (existing.isDefined()) {
      SparkSession s = existing.get();
      for (String kv : confs) {
        String[] p = split(kv);
        if (!s.conf().isModifiable(p[0])) {
          continue; // static confs of a session we did not start cannot change
        }
        s.conf().set(p[0], p[1]);
      }
      return new Handle(s, false);
    }
    SparkConf fromSubmit = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (master != null) {
      b.master(master);
    } else if (!fromSubmit.contains("spark.master")) {
      b.master("local[*]");
    }
    b.config("spark.ui.showConsoleProgress", "false");
    String registrators = fromSubmit.get(KRYO_REGISTRATOR, "");
    for (String kv : confs) {
      String[] p = split(kv);
      if (p[0].equals(KRYO_REGISTRATOR)) {
        registrators = p[1];
      } else {
        b.config(p[0], p[1]);
      }
    }
    b.config(KRYO_REGISTRATOR, withOurRegistrator(registrators));
    String secret = secretFromEnvironment();
    boolean authenticate = Boolean.parseBoolean(effective(fromSubmit, confs, "spark.authenticate", "false"));
    if (authenticate && effective(fromSubmit, confs, AUTH_SECRET, null) == null) {
      String url = master != null ? master : fromSubmit.get("spark.master", "local[*]");
      if (secret == null && !url.startsWith("local") && !url.equals("yarn")) { // local mode and YARN make their own
        throw new EnvironmentException("spark.authenticate is on but no secret is set: export " + SECRET_ENV
            + " (the cluster's shared secret), or run without authentication");
      }
      if (secret != null) {
        b.config(AUTH_SECRET, secret); // from the environment, so that it is never on a command line
      }
    }
    String url = master != null ? master : fromSubmit.get("spark.master", "local[*]");
    long seconds = startupSeconds(url, fromSubmit, confs);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    SparkSession session;
    try {
      session = startWithin(b, url, seconds);
    } catch (EnvironmentException e) {
      throw e; // the start-up time ran out: already one line naming the master
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("stopped SparkContext")) { // stopped while starting: see awaitExecutors
        throw new EnvironmentException("Spark stopped while starting on " + url
            + " (the master is unreachable, refused the application, or removed it: see the log above)", e);
      }
      throw new EnvironmentException("Spark could not start with master " + url + ": " + firstLine(e), e);
    }
    awaitExecutors(session.sparkContext(), seconds, deadline);
    return new Handle(session, true);
  }

  // ---- cluster start-up (issue 12 section 1): bad master URL, unreachable master, no resources ----

  /** Seconds a non-local master gets to register one executor before the run ends with exit 3. */
  public static final String STARTUP_TIMEOUT = "spark.geodesic.startupTimeout";
  static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 120;
  private static final String AUTH_SECRET = "spark.authenticate.secret";
  /** Where the launcher and the cluster daemons take the shared secret from (cluster-conf/README.md). */
  public static final String SECRET_ENV = "GEODESIC_SPARK_SECRET";
  /** Spark's own variable: a worker hands its secret to the executors and drivers it starts through it. */
  private static final String SPARK_SECRET_ENV = "_SPARK_AUTH_SECRET";

  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?"
      + "|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]"
      + "|spark://[^\\s,:/]+:[0-9]{1,5}(,[^\\s,:/]+:[0-9]{1,5})*"
      + "|yarn|k8s://\\S+");

  /**
   * Checks the syntax of {@code --master} before anything starts (exit 2 when malformed); the
   * forms are Spark's own: local[N|*][,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT], yarn,
   * k8s://URL.
   */
  public static void validateMaster(String master) {
    if (master == null) {
      return;
    }
    if (!MASTER.matcher(master).matches()) {
      throw new InvalidInputException("--master '" + master + "' is not a Spark master URL (local[N], local[*],"
          + " local-cluster[N,CORES,MB], spark://HOST:PORT, yarn, k8s://URL)");
    }
    if (master.startsWith("spark://")) {
      for (String hp : master.substring("spark://".length()).split(",")) {
        int port = Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) {
          throw new InvalidInputException("--master '" + master + "': port " + port + " is not in 1..65535");
        }
      }
    }
  }

  /**
   * With a cluster manager, the session exists before any executor does: an unreachable master, a
   * refused registration or a request no worker can grant would otherwise hang the first job (or
   * end in a stopped context deep inside it). Waits for one executor, then gives up with exit 3.
   */
  private static void awaitExecutors(SparkContext sc, long seconds, long deadline) {
    String m = sc.master();
    if (m.startsWith("local") && !m.startsWith("local-cluster")) {
      return;
    }
    while (sc.getExecutorMemoryStatus().size() < 2) { // the driver's block manager is the first entry
      if (sc.isStopped()) {
        throw new EnvironmentException("Spark stopped before any executor started on " + m
            + " (the master is unreachable, refused the application, or removed it: see the log above)");
      }
      if (seconds > 0 && System.nanoTime() > deadline) {
        sc.stop();
        throw new EnvironmentException(noExecutor(m, seconds));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sc.stop();
        throw new EnvironmentException("interrupted while waiting for executors on " + m, e);
      }
    }
  }

  private static String noExecutor(String master, long seconds) {
    return "no executor started on " + master + " within " + seconds + " s (" + STARTUP_TIMEOUT
        + "): the master is unreachable, refused the application, or has no worker with the cores and memory asked for";
  }

  /**
   * {@value #STARTUP_TIMEOUT} for a cluster manager (0: no limit), checked before Spark starts; 0
   * for local mode, which has nothing to wait for.
   */
  private static long startupSeconds(String url, SparkConf fromSubmit, List<String> confs) {
    if (url.startsWith("local") && !url.startsWith("local-cluster")) {
      return 0;
    }
    String t = effective(fromSubmit, confs, STARTUP_TIMEOUT, Integer.toString(DEFAULT_STARTUP_TIMEOUT_SECONDS));
    try {
      long s = Long.parseLong(t.trim());
      if (s >= 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(STARTUP_TIMEOUT + " must be a whole number of seconds, got '" + t + "'");
  }

  /**
   * {@code getOrCreate()} within the start-up time. A standalone context's constructor blocks until
   * the master answers the registration, and Spark retries an unanswered or refused one for a fixed
   * 3 x 20 s (StandaloneAppClient) before it gives up, whatever the start-up time says. So the
   * constructor runs in a daemon thread; when the time is up the run ends with exit 3 and that thread
   * dies with the JVM (the CLI exits right after the error line).
   */
  private static SparkSession startWithin(SparkSession.Builder b, String url, long seconds) {
    if (seconds == 0) {
      return b.getOrCreate();
    }
    java.util.concurrent.FutureTask<SparkSession> start = new java.util.concurrent.FutureTask<>(b::getOrCreate);
    Thread t = new Thread(start, "geodesic-spark-start");
    t.setDaemon(true);
    t.start();
    try {
      SparkSession s = start.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
      SparkSession.setActiveSession(s); // the calling thread's, as getOrCreate() would have set it
      return s;
    } catch (java.util.concurrent.TimeoutException e) {
      // The same line as when the wait for executors runs out: which phase a slow start ends in says
      // nothing to the user (on a loaded machine even a grantable registration can take that long).
      throw new EnvironmentException(noExecutor(url, seconds));
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new EnvironmentException("Spark could not start with master " + url + ": " + firstLine(c), c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("interrupted while Spark started on " + url, e);
    }
  }

  /** The shared secret from the environment: {@value #SECRET_ENV}, else Spark's worker-provided variable. */
  static String secretFromEnvironment() {
    String s = System.getenv(SECRET_ENV);
    if (s == null || s.isEmpty()) {
      s = System.getenv(SPARK_SECRET_ENV);
    }
    return s == null || s.isEmpty() ? null : s;
  }

  /** A setting as the session will see it: {@code --conf} wins over what spark-submit set. */
  private static String effective(SparkConf fromSubmit, List<String> confs, String key, String dflt) {
    String v = fromSubmit.get(key, dflt);
    for (String kv : confs) {
      String[] p = split(kv);
      if (p[0].equals(key)) {
        v = p[1];
      }
    }
    return v;
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /** Ours is always added, so that a Kryo serializer (cluster-conf uses one) can ship Java records. */
  static String withOurRegistrator(String userRegistrators) {
    String ours = GeodesicKryoRegistrator.class.getName();
    if (userRegistrators == null || userRegistrators.isBlank()) {
      return ours;
    }
    return userRegistrators.contains(ours) ? userRegistrators : userRegistrators + "," + ours;
  }

  /** Checks {@code key=value} syntax of every {@code --conf} before anything starts. */
  public static void validateConfs(List<String> confs) {
    for (String kv : confs) {
      split(kv);
    }
  }

  private static String[] split(String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new InvalidInputException("--conf '" + kv + "' is not key=value");
    }
    return new String[] {kv.substring(0, eq).trim(), kv.substring(eq + 1)};
  }
}
