package dev.geodesic.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM options Spark needs on Java 17 are written twice; the two copies must agree. */
class BuildConfigurationTest {
  @Test
  void launcherAndSurefireCarryTheSameJvmOptions() throws Exception {
    Path root = Launcher.repositoryRoot();
    Matcher m = Pattern.compile("<spark.java.opens>(.*?)</spark.java.opens>", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("pom.xml")));
    m.find();
    List<String> fromPom = Arrays.asList(m.group(1).trim().split("\\s+"));
    List<String> fromJvmConfig = Files.readAllLines(root.resolve(".mvn/jvm.config")).stream()
        .map(String::trim).filter(l -> !l.isEmpty()).toList();
    assertEquals(fromPom, fromJvmConfig, "pom.xml <spark.java.opens> and .mvn/jvm.config (read by ./geodesic)");
  }
}
