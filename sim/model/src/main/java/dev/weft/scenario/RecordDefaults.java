package dev.weft.scenario;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Builds a scenario record from its {@link Default} annotations alone, as the loader would
 * bind an empty map: the one source of defaults for code that builds records without YAML.
 */
public final class RecordDefaults {

  private RecordDefaults() {}

  /** The record as written {@code {}}; fails if a component has no default. */
  public static <T extends Record> T of(Class<T> type) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      args[i] = valueOf(cs[i]);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build defaults of " + type.getSimpleName(), e);
    }
  }

  /** The default of one component, parsed as the loader parses it. */
  @SuppressWarnings("unchecked")
  public static Object valueOf(RecordComponent c) {
    Default d = c.getAnnotation(Default.class);
    if (d == null) {
      throw new IllegalArgumentException(c.getDeclaringRecord().getSimpleName() + "."
          + c.getName() + " has no default");
    }
    String text = d.value();
    Class<?> t = c.getType();
    if (Default.NONE.equals(text)) {
      return null;
    }
    if (t.isRecord()) {
      return of((Class<? extends Record>) t);
    }
    if (t == Map.class) {
      return Map.of();
    }
    if (t == String.class) {
      return text;
    }
    if (t == boolean.class || t == Boolean.class) {
      return Boolean.parseBoolean(text);
    }
    Unit unit = c.getAnnotation(Unit.class);
    double v = (unit == null ? Quantity.NUMBER : unit.value()).parse(text);
    if (t == int.class || t == Integer.class) {
      return (int) v;
    }
    if (t == long.class || t == Long.class) {
      return (long) v;
    }
    return v;
  }
}
