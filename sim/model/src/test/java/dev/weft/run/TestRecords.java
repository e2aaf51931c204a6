package dev.weft.run;

import dev.weft.scenario.Default;
import dev.weft.scenario.DistSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds config records with their declared defaults and edits them by dotted path, so tests
 * can say "economics: {} with fees.model = auction" without the YAML loader (which lives in the
 * app module).
 */
final class TestRecords {
  private TestRecords() {}

  static <T extends Record> T defaults(Class<T> type) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      args[i] = defaultOf(cs[i]);
    }
    return construct(type, args);
  }

  private static Object defaultOf(RecordComponent c) {
    Default d = c.getAnnotation(Default.class);
    if (d == null || Default.NONE.equals(d.value())) {
      return c.getType().isPrimitive() ? parse(c.getType(), "0") : null;
    }
    if (d.value().equals("{}")) {
      if (c.getType() == Map.class) {
        return Map.of();
      }
      @SuppressWarnings("unchecked")
      Class<? extends Record> r = (Class<? extends Record>) c.getType();
      return defaults(r);
    }
    if (c.getType() == List.class) {
      return List.of();
    }
    if (c.getType() == DistSpec.class) {
      return DistSpec.constant(Double.parseDouble(d.value()));
    }
    return parse(c.getType(), d.value());
  }

  private static Object parse(Class<?> t, String v) {
    if (t == String.class) {
      return v;
    }
    if (t == boolean.class || t == Boolean.class) {
      return Boolean.parseBoolean(v);
    }
    double x = dev.weft.scenario.Quantity.DURATION.parse(v);
    if (t == int.class || t == Integer.class) {
      return (int) x;
    }
    if (t == long.class || t == Long.class) {
      return (long) x;
    }
    return x;
  }

  /** A copy of {@code r} with {@code path} (dotted) set to {@code value}, for each pair. */
  @SuppressWarnings("unchecked")
  static <T extends Record> T with(T r, Object... pathValues) {
    T out = r;
    for (int i = 0; i < pathValues.length; i += 2) {
      out = (T) set(out, ((String) pathValues[i]).split("\\."), 0, pathValues[i + 1]);
    }
    return out;
  }

  private static Record set(Record r, String[] path, int at, Object value) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    List<Object> args = new ArrayList<>();
    boolean found = false;
    for (RecordComponent c : cs) {
      Object v;
      try {
        v = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (c.getName().equals(path[at])) {
        found = true;
        v = at == path.length - 1 ? value : set((Record) v, path, at + 1, value);
      }
      args.add(v);
    }
    if (!found) {
      throw new IllegalArgumentException("no component " + path[at] + " in " + r.getClass());
    }
    return construct(r.getClass(), args.toArray());
  }

  private static <T> T construct(Class<T> type, Object[] args) {
    RecordComponent[] cs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type + ": " + e.getCause(), e);
    }
  }
}
