package dev.geodesic.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checked-in schemas of {@code data-schemas/}, read from the classpath
 * ({@code geodesic/schemas/NAME.schema.json}): the single source of truth for every input and output.
 */
public final class Schemas {
  public static final String INPUT = "input";
  public static final String TRACE = "trace";
  public static final String TRUTH = "truth";
  public static final String FEDWAD_DISTANCES = "fedwad-distances";
  public static final String OT_PLAN = "ot-plan";
  public static final String OT_RESULT = "ot-result";
  /** {@code ot --cost}: a dense cost matrix, one row per source point. */
  public static final String OT_COST = "ot-cost";
  /** {@code summary.json}: a JSON Schema, not a Spark schema; read it with {@link #text}. */
  public static final String SUMMARY = "summary";
  public static final String MONOTONE_SOLUTION = "monotone-solution";
  public static final String DRCGD_AVERAGE = "drcgd-average";
  public static final String FINITE_SUM_COEFFICIENTS = "finite-sum-coefficients";
  public static final String FINITE_SUM_PATH = "finite-sum-path";

  private static final Map<String, StructType> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  public static StructType load(String name) {
    return CACHE.computeIfAbsent(name, Schemas::read);
  }

  private static StructType read(String name) {
    return (StructType) DataType.fromJson(text(name));
  }

  /** The text of {@code data-schemas/NAME.schema.json}. */
  public static String text(String name) {
    String path = "geodesic/schemas/" + name + ".schema.json";
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the schema marks the field as required (metadata {@code required}). */
  public static boolean isRequired(StructField f) {
    return f.metadata().contains("required") && f.metadata().getBoolean("required");
  }

  /** The stored types the schema accepts for the field (metadata {@code accepts}), as simple strings. */
  public static List<String> accepts(StructField f) {
    List<String> out = new ArrayList<>();
    if (f.metadata().contains("accepts")) {
      for (String s : f.metadata().getStringArray("accepts")) {
        out.add(s.toLowerCase(Locale.ROOT));
      }
    } else {
      out.add(f.dataType().simpleString());
    }
    return out;
  }

  /** The simple name used in {@code accepts}: e.g. {@code array<double>}, {@code vector}, {@code double}. */
  public static String simpleName(DataType t) {
    if (t.typeName().equals("vector") || t.getClass().getSimpleName().equals("VectorUDT")) {
      return "vector";
    }
    if (t instanceof ArrayType a) {
      return "array<" + a.elementType().simpleString() + ">";
    }
    return t.simpleString();
  }

  /**
   * Checks that {@code actual} has every column of the named schema with exactly its type, e.g. an
   * output about to be written. Extra columns are allowed only if {@code allowExtra}.
   */
  public static void requireConforms(String name, StructType actual, boolean allowExtra) {
    StructType expected = load(name);
    for (StructField f : expected.fields()) {
      int idx = indexOf(actual, f.name());
      if (idx < 0) {
        throw new IllegalStateException("output does not conform to " + name + ".schema.json: no column '" + f.name() + "'");
      }
      DataType t = actual.fields()[idx].dataType();
      if (!t.sameType(f.dataType())) {
        throw new IllegalStateException("output does not conform to " + name + ".schema.json: column '"
            + f.name() + "' is " + t.simpleString() + ", expected " + f.dataType().simpleString());
      }
    }
    if (!allowExtra && actual.fields().length != expected.fields().length) {
      throw new IllegalStateException("output does not conform to " + name + ".schema.json: columns "
          + String.join(",", actual.fieldNames()) + " vs " + String.join(",", expected.fieldNames()));
    }
  }

  static int indexOf(StructType s, String name) {
    String[] names = s.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
