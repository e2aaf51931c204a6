package dev.weft.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema prints its keys in a fixed order, whatever the JVM's hash seed. */
class SchemaGeneratorTest {
  static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void objectsKeepTheirWrittenKeyOrder() throws Exception {
    JsonNode root = new ObjectMapper().readTree(SchemaGenerator.json(v -> List.of("a", "b")));
    JsonNode duration = root.path("properties").path("duration").path("anyOf");
    assertEquals(List.of("type", "pattern"), keys(duration.path(1)));
    JsonNode include = root.path("properties").path("include").path("anyOf");
    assertEquals(List.of("type", "items"), keys(include.path(1)));
    JsonNode exact = root.path("$defs").path("distribution-duration").path("anyOf");
    assertEquals(List.of("type", "properties", "required", "additionalProperties"),
        keys(exact.path(1)));
  }
}
