package dev.weft.scenario.yaml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.FilePath;
import dev.weft.scenario.Named;
import dev.weft.scenario.Variants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records back as YAML in base units (seconds, bytes, bits per second, per second), with
 * every default filled in: the resolved scenario that reproduces a run when fed back.
 */
public final class RecordWriter {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private RecordWriter() {}

  public static String toYaml(Record r, String header) {
    return toYaml(r, header, null);
  }

  /**
   * As {@link #toYaml(Record, String)}, with every file a {@link FilePath} names written
   * relative to the folder {@code base} the YAML is saved in (absolute when {@code base} is
   * null or on another root): the file reruns from there, and two checkouts write the same
   * bytes.
   */
  public static String toYaml(Record r, String header, Path base) {
    try {
      return header + YAML.writeValueAsString(toTree(r, base));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain maps, lists and scalars, in component order; nulls omitted. */
  public static Object toTree(Object value) {
    return toTree(value, null);
  }

  private static Object toTree(Object value, Path base) {
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Named n) {
      return n.id();
    }
    if (value instanceof DistSpec d) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dist", d.dist());
      m.putAll(d.params());
      if (!d.values().isEmpty()) {
        m.put("values", d.values());
      }
      return m;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        out.add(toTree(o, base));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toTree(v, base)));
      return out;
    }
    if (value instanceof Record rec) {
      Map<String, Object> out = new LinkedHashMap<>();
      Class<?> family = VariantBinder.familyOf(rec.getClass());
      RecordComponent[] components = rec.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        try {
          Object v = c.getAccessor().invoke(rec);
          if (v instanceof String file && c.isAnnotationPresent(FilePath.class)) {
            v = relative(file, base);
          }
          if (v != null) {
            out.put(c.getName(), toTree(v, base));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (family != null && i == 0) { // the variant's key follows the first key (the name)
          out.put(family.getAnnotation(Variants.class).key(),
              VariantBinder.idOf(rec.getClass()));
        }
      }
      return out;
    }
    throw new IllegalArgumentException("cannot write " + value.getClass());
  }

  private static String relative(String file, Path base) {
    Path p = Path.of(file);
    if (base == null || !p.isAbsolute()) {
      return file;
    }
    Path b = base.toAbsolutePath().normalize();
    if (b.getRoot() == null || !b.getRoot().equals(p.getRoot())) {
      return file;
    }
    return b.relativize(p.normalize()).toString().replace('\\', '/');
  }
}
