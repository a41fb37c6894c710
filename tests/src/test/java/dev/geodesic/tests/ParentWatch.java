package dev.geodesic.tests;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * {@code ParentWatch <main class> <args...>}: runs the main class and exits when standard input
 * reaches end of file, i.e. when the test JVM that started this one is gone (even after SIGKILL,
 * when no shutdown hook of the test JVM runs). {@link StandaloneCluster} starts every master,
 * worker and SparkSubmit JVM through it, so that no cluster JVM outlives the test run; a worker's
 * own shutdown hooks then stop the executors and drivers it started.
 */
public final class ParentWatch {
  private ParentWatch() {}

  public static void main(String[] args) throws Exception {
    Thread watch = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // the parent never writes; anything read is ignored
        }
      } catch (IOException ignored) {
        // a broken pipe is the parent's end as well
      }
      Thread halt = new Thread(() -> {
        sleep(15_000);
        Runtime.getRuntime().halt(137); // shutdown hooks hung
      });
      halt.setDaemon(true);
      halt.start();
      System.exit(137);
    }, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
