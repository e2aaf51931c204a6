package dev.weft.scenario.yaml;

import dev.weft.scenario.Default;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.FilePath;
import dev.weft.scenario.Named;
import dev.weft.scenario.OneOf;
import dev.weft.scenario.Quantity;
import dev.weft.scenario.Range;
import dev.weft.scenario.Unit;
import dev.weft.scenario.Variants;
import dev.weft.scenario.Vocabulary;
import dev.weft.yaml.InputError;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds a {@link YNode} tree to the scenario records by reflection over their components and
 * annotations. Every problem is collected with its position; binding goes on past errors so one
 * run reports them all. Each bound object is remembered with its node, so later checks that span
 * several fields can still point at the right line.
 */
public final class Binder {

  private final Function<Vocabulary, List<String>> vocabulary;
  private final List<InputError> errors = new ArrayList<>();
  private final IdentityHashMap<Object, YNode> origins = new IdentityHashMap<>();

  public Binder(Function<Vocabulary, List<String>> vocabulary) {
    this.vocabulary = vocabulary;
  }

  public List<InputError> errors() {
    return errors;
  }

  /** The node a bound record or list came from, for follow-up checks. */
  public YNode originOf(Object bound) {
    return origins.get(bound);
  }

  void error(Location where, String message) {
    errors.add(new InputError(where, message));
  }

  /** Binds {@code node} to record type {@code type}; null (with errors recorded) on failure. */
  public <T extends Record> T bind(YNode node, Class<T> type) {
    return type.cast(bindRecord(node, type, "the scenario"));
  }

  /**
   * What a record accepts beyond its own components: {@code null} for a key it does not know,
   * an empty string for a key it accepts and ignores, or the message of an error.
   */
  interface ExtraKeys {
    ExtraKeys NONE = (key, value) -> null;

    String check(String key, YNode value);
  }

  private Object bindRecord(YNode node, Class<?> type, String what) {
    return bindRecord(node, type, what, ExtraKeys.NONE);
  }

  Object bindRecord(YNode node, Class<?> type, String what, ExtraKeys extra) {
    if (!(node instanceof YNode.Mapping map)) {
      error(node.where(), what + " must be a map, found " + node.describe());
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent c : components) {
      byName.put(c.getName(), c);
    }
    for (Map.Entry<String, YNode.Entry> e : map.view().entrySet()) {
      if (byName.containsKey(e.getKey())) {
        continue;
      }
      String verdict = extra.check(e.getKey(), e.getValue().value());
      if (verdict != null) {
        if (!verdict.isEmpty()) {
          error(e.getValue().keyAt(), verdict);
        }
      } else {
        error(e.getValue().keyAt(), "unknown key '" + e.getKey() + "' in " + label(type)
            + Suggest.didYouMean(e.getKey(), byName.keySet()) + "; known keys: "
            + String.join(", ", byName.keySet()));
      }
    }
    Object[] args = new Object[components.length];
    boolean ok = true;
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      YNode.Entry entry = map.view().get(c.getName());
      Default def = c.getAnnotation(Default.class);
      YNode value;
      if (entry == null || (entry.value() instanceof YNode.Scalar s && s.isNull())) {
        if (def == null) {
          if (entry == null) {
            error(map.where(), "missing required key '" + c.getName() + "' in " + label(type));
          } else {
            error(entry.value().where(), "'" + c.getName() + "' must not be empty");
          }
          ok = false;
          continue;
        }
        if (Default.NONE.equals(def.value())) {
          args[i] = null;
          continue;
        }
        value = defaultNode(def.value(), entry == null ? map.where() : entry.value().where());
      } else {
        value = entry.value();
      }
      int before = errors.size();
      Object v = bindValue(value, c.getGenericType(), c, "'" + c.getName() + "'");
      if (errors.size() > before) {
        ok = false;
      }
      args[i] = v;
    }
    if (!ok) {
      return null;
    }
    try {
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
      }
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      Object built = ctor.newInstance(args);
      origins.put(built, node);
      return built;
    } catch (InvocationTargetException e) {
      error(node.where(), label(type) + ": " + e.getCause().getMessage());
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  /**
   * {@code value} bound as component {@code c} would be, with any errors dropped; {@code
   * failed} when it does not bind.
   */
  Object bindQuietly(YNode value, RecordComponent c, Object failed) {
    int before = errors.size();
    Object v = bindValue(value, c.getGenericType(), c, "'" + c.getName() + "'");
    boolean ok = errors.size() == before;
    errors.subList(before, errors.size()).clear();
    return ok ? v : failed;
  }

  static YNode defaultNode(String text, Location where) {
    if (text.equals("{}")) {
      return new YNode.Mapping(new LinkedHashMap<>(), where);
    }
    return new YNode.Scalar(text, where);
  }

  static String label(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "Scenario" -> "the scenario";
      case "NodeClass" -> "a node class";
      case "Workload" -> "a workload";
      case "SchedulerConfig" -> "scheduler";
      case "Outputs" -> "outputs";
      case "Arrivals" -> "arrivals";
      case "Availability" -> "availability";
      case "EconomicsConfig" -> "economics";
      default -> {
        String variant = VariantBinder.idOf(type);
        Class<?> family = VariantBinder.familyOf(type);
        yield variant == null || family == null ? labelOf(type)
            : "a " + variant + " " + labelOf(family);
      }
    };
  }

  /** "RewardSplit" -> "reward split": readable names for the many small config records. */
  static String labelOf(Class<?> type) {
    String n = type.getSimpleName().replaceAll("Config$", "");
    return n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private Object bindValue(YNode node, Type type, RecordComponent c, String what) {
    Class<?> raw = rawClass(type);
    if (raw == List.class) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      if (!(node instanceof YNode.Seq seq)) {
        error(node.where(), what + " must be a list, found " + node.describe());
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        out.add(bindValue(seq.items().get(i), item, c, what + "[" + i + "]"));
      }
      origins.put(out, node);
      return out;
    }
    if (raw == Map.class) {
      Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
      if (node instanceof YNode.Scalar s && !s.isNull() && valueType == Double.class) {
        return Map.of(s.text(), 1.0); // a single id means weight 1
      }
      if (!(node instanceof YNode.Mapping m)) {
        error(node.where(), what + " must be a map, found " + node.describe());
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
        out.put(e.getKey(), bindValue(e.getValue().value(), valueType, c,
            what + "." + e.getKey()));
      }
      return out;
    }
    if (raw == DistSpec.class) {
      return DistBinder.bind(this, node, c == null ? null : c.getAnnotation(Unit.class), what);
    }
    if (raw.isRecord()) {
      return bindRecord(node, raw, what);
    }
    if (raw.isSealed() && raw.getAnnotation(Variants.class) != null) {
      return VariantBinder.bind(this, node, raw, what);
    }
    if (raw.isEnum() && Named.class.isAssignableFrom(raw)) {
      return bindNamed(node, raw, what);
    }
    if (!(node instanceof YNode.Scalar s) || s.isNull()) {
      error(node.where(), what + " must be a single value, found " + node.describe());
      return null;
    }
    String text = s.text();
    if (raw == String.class) {
      if (c != null && c.getAnnotation(FilePath.class) != null) {
        try {
          return resolveFile(text, node.where());
        } catch (java.nio.file.InvalidPathException e) {
          error(node.where(), what + " is not a valid file path");
          return null;
        }
      }
      OneOf oneOf = c == null ? null : c.getAnnotation(OneOf.class);
      if (oneOf != null) {
        List<String> known = vocabulary.apply(oneOf.value());
        if (!known.contains(text)) {
          error(node.where(), "unknown " + vocabularyLabel(oneOf.value()) + " '" + text + "'"
              + Suggest.didYouMean(text, known) + "; known: " + String.join(", ", known));
          return null;
        }
      }
      return text;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      String t = text.toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
      error(node.where(), what + " must be true or false, found '" + text + "'");
      return null;
    }
    Unit unit = c == null ? null : c.getAnnotation(Unit.class);
    Quantity q = unit == null ? Quantity.NUMBER : unit.value();
    double v;
    try {
      v = q.parse(text);
    } catch (IllegalArgumentException e) {
      error(node.where(), what + ": " + e.getMessage());
      return null;
    }
    Range range = c == null ? null : c.getAnnotation(Range.class);
    if (range != null && !inRange(v, range)) {
      error(node.where(), what + " must be " + describe(range) + ", found '" + text + "'");
      return null;
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      if (v != Math.rint(v)) {
        error(node.where(), what + " must be a whole number, found '" + text + "'");
        return null;
      }
      if (raw == int.class || raw == Integer.class) {
        if (Math.abs(v) > Integer.MAX_VALUE) {
          error(node.where(), what + " is too large: it must be at most 2^31 - 1");
          return null;
        }
        return (int) v;
      }
      if (Math.abs(v) > 9.007199254740992E15 && !text.strip().matches("-?\\d+")) {
        error(node.where(), what + " is too large to be exact: '" + text + "'");
        return null;
      }
      try {
        return text.strip().matches("-?\\d+") ? Long.parseLong(text.strip()) : (long) v;
      } catch (NumberFormatException e) {
        error(node.where(), what + " is too large: it must lie between -2^63 and 2^63 - 1");
        return null;
      }
    }
    if (raw == double.class || raw == Double.class) {
      return v;
    }
    throw new IllegalStateException("unsupported component type " + type);
  }

  /** A scalar naming one constant of a {@link Named} enum, by its id. */
  private Object bindNamed(YNode node, Class<?> type, String what) {
    if (!(node instanceof YNode.Scalar s) || s.isNull()) {
      error(node.where(), what + " must be a single value, found " + node.describe());
      return null;
    }
    List<String> known = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      Named n = (Named) constant;
      if (n.id().equals(s.text())) {
        return constant;
      }
      known.add(n.id());
    }
    error(node.where(), "unknown " + labelOf(type) + " '" + s.text() + "'"
        + Suggest.didYouMean(s.text(), known) + "; known: " + String.join(", ", known));
    return null;
  }

  /** {@code text} relative to the folder of the file it was written in, made absolute. */
  static String resolveFile(String text, Location where) {
    java.nio.file.Path p = java.nio.file.Path.of(text);
    if (!p.isAbsolute() && !where.file().startsWith("--set")) {
      java.nio.file.Path base = java.nio.file.Path.of(where.file()).toAbsolutePath().getParent();
      if (base != null) {
        p = base.resolve(p);
      }
    }
    return p.toAbsolutePath().normalize().toString();
  }

  static boolean inRange(double v, Range r) {
    boolean lowOk = r.minExclusive() ? v > r.min() : v >= r.min();
    return lowOk && v <= r.max();
  }

  static String describe(Range r) {
    String low = r.min() == Double.NEGATIVE_INFINITY ? "" : (r.minExclusive() ? "> " : ">= ")
        + fmt(r.min());
    String high = r.max() == Double.POSITIVE_INFINITY ? "" : "<= " + fmt(r.max());
    return low.isEmpty() ? high : high.isEmpty() ? low : low + " and " + high;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static String vocabularyLabel(Vocabulary v) {
    return switch (v) {
      case SCHEDULER_POLICY -> "scheduler policy";
      case HARDWARE -> "hardware id";
      case AI_MODEL -> "AI model";
    };
  }

  static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("unsupported type " + t);
  }
}
