package dev.geodesic.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geodesic.jobs.cli.GeodesicCli;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary schema's validator: each kind of problem is caught and names its field. */
class SummarySchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A well-formed {@code generate} summary as JobRun and GenerateJob write it. */
  private static Summary generate() {
    return new Summary().put("command", "generate").put("method", "pca").put("status", "completed")
        .put("stop_reason", null).put("iterations", 0).put("wall_seconds", 1.5).put("solve_seconds", 0.5)
        .put("blas", "JavaBLAS").put("blas_core", null)
        .put("spark_master", "local[2]").put("spark_version", "4.1.0").put("seed", 42L)
        .put("rows", 100L).put("dimension", 4).put("partitions", 2).put("rank", 1).put("eigengap", 0.5);
  }

  private static List<String> problems(Summary s) throws Exception {
    return SummarySchema.get().problems("generate", JSON.readTree(s.toJson()));
  }

  @Test
  void aSummaryAsTheJobsWriteItConforms() throws Exception {
    assertEquals(List.of(), problems(generate()));
    SummarySchema.check("generate", generate());
    // stop_reason and blas_core are required, and may be null
    assertEquals(List.of(), problems(generate().put("stop_reason", "converged").put("blas_core", "Haswell")
        .put("executor_blas", "JavaBLAS")));
    Summary noCore = new Summary();
    generate().fields().forEach((k, v) -> {
      if (!k.equals("blas_core")) {
        noCore.put(k, v);
      }
    });
    assertEquals(List.of("missing required field 'blas_core'"), problems(noCore));
    // a whole double is an integer; a non-finite number is written as null
    assertEquals(List.of(), problems(generate().put("rows", 100.0).put("solve_seconds", Double.NaN)));
  }

  @Test
  void eachProblemNamesTheField() throws Exception {
    assertEquals(List.of("unknown field 'colour'"), problems(generate().put("colour", "blue")));
    ObjectNode missing = (ObjectNode) JSON.readTree(generate().toJson());
    missing.remove("partitions");
    missing.remove("seed");
    assertEquals(List.of("missing required field 'seed'", "missing required field 'partitions'"),
        SummarySchema.get().problems("generate", missing));
    assertEquals(List.of("field 'rows' is string, expected integer"), problems(generate().put("rows", "many")));
    assertEquals(List.of("field 'rank' is number, expected integer"), problems(generate().put("rank", 1.5)));
    assertEquals(List.of("field 'wall_seconds' is null, expected number"), problems(generate().put("wall_seconds", null)));
    assertEquals(List.of("field 'status' is \"done\", expected one of [\"converged\",\"max-iterations\",\"completed\","
        + "\"target-reached\",\"max-epochs\",\"time-limit\",\"diverged\"]"), problems(generate().put("status", "done")));
    assertEquals(List.of("field 'clients[1]' is integer, expected string"),
        problems(generate().put("clients", List.of("cloud-0", 1))));
    // a field of another command is unknown here
    assertEquals(List.of("unknown field 'cost'"), problems(generate().put("cost", 1.0)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SummarySchema.check("generate", generate().put("rows", true)));
    assertTrue(e.getMessage().contains("summary.json of generate does not conform to summary.schema.json: "
        + "field 'rows' is boolean, expected integer"), e.getMessage());
  }

  @Test
  void everyRegisteredCommandHasAnEntry() throws Exception {
    assertTrue(SummarySchema.get().commands().containsAll(GeodesicCli.commandNames()),
        SummarySchema.get().commands() + " vs " + GeodesicCli.commandNames());
    assertEquals(List.of("no $defs entry for command 'nope'"),
        SummarySchema.get().problems("nope", JSON.readTree(generate().toJson())));
    assertEquals(List.of("field 'command' is 'generate', expected 'import'", "missing required field 'has_label'",
        "unknown field 'partitions'", "unknown field 'rank'", "unknown field 'eigengap'"),
        SummarySchema.get().problems("import", JSON.readTree(generate().toJson())));
  }
}
