package dev.weft.economics;

import dev.weft.scenario.CostsConfig;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.Quantity;
import dev.weft.scenario.RecordDefaults;
import dev.weft.scenario.Unit;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds economics configurations for tests: defaults plus {@code path=value} edits. */
final class Configs {
  private Configs() {}

  /**
   * The defaults with each {@code "a.b.c=value"} applied, values written as in YAML; lists are
   * space-separated and {@code {k:v,k:v}} sets several components of a record at once.
   */
  static EconomicsConfig economics(String... sets) {
    EconomicsConfig c = RecordDefaults.of(EconomicsConfig.class);
    for (String s : sets) {
      int eq = s.indexOf('=');
      c = with(c, s.substring(0, eq).strip(), s.substring(eq + 1).strip());
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  static <T extends Record> T with(T rec, String path, String value) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    RecordComponent[] cs = rec.getClass().getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    boolean found = false;
    try {
      for (int i = 0; i < cs.length; i++) {
        types[i] = cs[i].getType();
        args[i] = cs[i].getAccessor().invoke(rec);
        if (cs[i].getName().equals(head)) {
          found = true;
          args[i] = dot >= 0 ? with((Record) args[i], path.substring(dot + 1), value)
              : value.startsWith("{") && cs[i].getType().isRecord()
                  ? withAll((Record) args[i], value)
              : parse(cs[i], value);
        }
      }
      if (!found) {
        throw new IllegalArgumentException("no component " + head + " in "
            + rec.getClass().getSimpleName());
      }
      return (T) rec.getClass().getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sets several components at once, {@code {a:1,b:2}}: for records checked as a whole. */
  private static Record withAll(Record rec, String pairs) {
    Map<String, String> set = new LinkedHashMap<>();
    for (String part : pairs.substring(1, pairs.length() - 1).split(",")) {
      String[] kv = part.split(":");
      set.put(kv[0].strip(), kv[1].strip());
    }
    RecordComponent[] cs = rec.getClass().getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    try {
      for (int i = 0; i < cs.length; i++) {
        types[i] = cs[i].getType();
        String v = set.remove(cs[i].getName());
        args[i] = v != null ? parse(cs[i], v) : cs[i].getAccessor().invoke(rec);
      }
      if (!set.isEmpty()) {
        throw new IllegalArgumentException("unknown components " + set.keySet());
      }
      return rec.getClass().getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(RecordComponent c, String text) {
    Class<?> t = c.getType();
    Unit unit = c.getAnnotation(Unit.class);
    Quantity q = unit == null ? Quantity.NUMBER : unit.value();
    if (t == String.class) {
      return text;
    }
    if (t == boolean.class) {
      return Boolean.parseBoolean(text);
    }
    if (t == int.class) {
      return (int) q.parse(text);
    }
    if (t == double.class || t == Double.class) {
      return text.equals("null") ? null : q.parse(text);
    }
    if (t == List.class) {
      List<Double> out = new ArrayList<>();
      for (String part : text.strip().split("\\s+")) {
        out.add(q.parse(part));
      }
      return out;
    }
    if (t == Map.class && ((ParameterizedType) c.getGenericType())
        .getActualTypeArguments()[1] == Double.class) {
      Map<String, Double> out = new LinkedHashMap<>();
      for (String part : text.split(",")) {
        String[] kv = part.split(":");
        out.put(kv[0].strip(), q.parse(kv[1]));
      }
      return out;
    }
    throw new IllegalArgumentException("cannot parse " + c.getName() + " of type " + t);
  }

  /** A node with the given daily fixed cost and no energy cost (simple arithmetic in tests). */
  static OperatorCosts fixedCostPerDay(double perDay) {
    return new OperatorCosts(perDay * 1000, 1000 * 86400.0, 0, 0, 0, 0);
  }

  /** {@code n} operators alike. */
  static List<OperatorSpec> operators(int n, String cls, Behaviour b, double stake,
      OperatorCosts costs) {
    List<OperatorSpec> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new OperatorSpec(cls, b, stake, 1, costs));
    }
    return out;
  }

  static CostsConfig costDefaults() {
    return RecordDefaults.of(CostsConfig.class);
  }
}
