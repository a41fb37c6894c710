package dev.geodesic.jobs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodesic.jobs.io.Schemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code data-schemas/summary.schema.json}, and the check of a summary against it: the common
 * fields (top-level {@code properties}/{@code required}) plus the command's own ({@code $defs/<command>}),
 * nothing else. It reads the small subset of JSON Schema that file uses — {@code type} (one name or a
 * list; {@code integer} is a whole number), {@code enum}, {@code properties}, {@code required},
 * {@code items} — so no validator library is needed. Every problem names the field.
 */
public final class SummarySchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SummarySchema instance;

  /** One field's declaration. */
  private record Field(Set<String> types, JsonNode enumValues, JsonNode items) {}

  /** The fields of one command: common plus its own. */
  private record Fields(Map<String, Field> fields, Set<String> required) {}

  private final Fields common;
  private final Map<String, Fields> commands = new LinkedHashMap<>();

  SummarySchema(JsonNode schema) {
    common = fields(schema);
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("$defs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      commands.put(e.getKey(), fields(e.getValue()));
    }
  }

  /** The schema on the classpath. */
  public static synchronized SummarySchema get() {
    if (instance == null) {
      try {
        instance = new SummarySchema(JSON.readTree(Schemas.text(Schemas.SUMMARY)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("summary.schema.json is not JSON", e);
      }
    }
    return instance;
  }

  /**
   * Fails when {@code summary} does not conform to {@code command}'s entry: call it just before
   * {@code summary.json} is written.
   *
   * @throws IllegalStateException naming every unknown, missing or mistyped field
   */
  public static void check(String command, Summary summary) {
    try {
      get().require(command, JSON.readTree(summary.toJson()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary is not JSON", e);
    }
  }

  /** The commands the schema has an entry for. */
  public Set<String> commands() {
    return commands.keySet();
  }

  /** As {@link #check(String, Summary)} for a parsed summary.json. */
  public void require(String command, JsonNode summary) {
    List<String> problems = problems(command, summary);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("summary.json of " + command + " does not conform to summary.schema.json: "
          + String.join("; ", problems));
    }
  }

  /** What is wrong with {@code summary} as a summary of {@code command}; empty when it conforms. */
  public List<String> problems(String command, JsonNode summary) {
    List<String> out = new ArrayList<>();
    Fields own = commands.get(command);
    if (own == null) {
      out.add("no $defs entry for command '" + command + "'");
      return out;
    }
    if (!summary.isObject()) {
      out.add("not a JSON object");
      return out;
    }
    if (summary.has("command") && !command.equals(summary.get("command").asText())) {
      out.add("field 'command' is '" + summary.get("command").asText() + "', expected '" + command + "'");
    }
    Set<String> required = new LinkedHashSet<>(common.required());
    required.addAll(own.required());
    for (String r : required) {
      if (!summary.has(r)) {
        out.add("missing required field '" + r + "'");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field f = own.fields().containsKey(e.getKey()) ? own.fields().get(e.getKey()) : common.fields().get(e.getKey());
      if (f == null) {
        out.add("unknown field '" + e.getKey() + "'");
      } else {
        check(e.getKey(), f, e.getValue(), out);
      }
    }
    return out;
  }

  private static void check(String name, Field f, JsonNode v, List<String> out) {
    String actual = typeOf(v);
    if (!f.types().isEmpty() && !f.types().contains(actual)
        && !(actual.equals("integer") && f.types().contains("number"))) {
      out.add("field '" + name + "' is " + actual + ", expected " + String.join(" or ", f.types()));
      return;
    }
    if (f.enumValues() != null) {
      boolean found = false;
      for (JsonNode allowed : f.enumValues()) {
        found |= allowed.equals(v);
      }
      if (!found) {
        out.add("field '" + name + "' is " + v + ", expected one of " + f.enumValues());
      }
    }
    if (f.items() != null && v.isArray()) {
      Field item = field(f.items());
      for (int k = 0; k < v.size(); k++) {
        check(name + "[" + k + "]", item, v.get(k), out);
      }
    }
  }

  /** The JSON Schema type name of a value; a number is an integer when it is whole. */
  static String typeOf(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() || (Double.isFinite(v.doubleValue()) && v.doubleValue() == Math.rint(v.doubleValue()))
          ? "integer" : "number";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return v.isArray() ? "array" : "object";
  }

  private static Fields fields(JsonNode node) {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fields.put(e.getKey(), field(e.getValue()));
    }
    Set<String> required = new LinkedHashSet<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    for (String r : required) {
      if (!fields.containsKey(r)) {
        throw new IllegalStateException("summary.schema.json requires '" + r + "' but does not declare it");
      }
    }
    return new Fields(fields, required);
  }

  private static Field field(JsonNode node) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode t = node.get("type");
    if (t != null && t.isArray()) {
      t.forEach(x -> types.add(x.asText()));
    } else if (t != null) {
      types.add(t.asText());
    }
    return new Field(types, node.get("enum"), node.get("items"));
  }
}
