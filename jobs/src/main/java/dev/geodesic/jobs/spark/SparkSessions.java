package dev.geodesic.jobs.spark;

import dev.geodesic.jobs.InvalidInputException;
import java.util.List;
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
    return new Handle(b.getOrCreate(), true);
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
