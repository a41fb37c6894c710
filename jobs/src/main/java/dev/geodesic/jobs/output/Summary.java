package dev.geodesic.jobs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of {@code summary.json}, in insertion order. Non-finite doubles become {@code null}
 * (JSON has no NaN). The common fields every command writes are set by the job runner; each
 * command adds its own.
 */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  public Summary put(String name, Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      value = null;
    }
    fields.put(name, value);
    return this;
  }

  public Object get(String name) {
    return fields.get(name);
  }

  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(fields) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary is not serializable as JSON", e);
    }
  }
}
