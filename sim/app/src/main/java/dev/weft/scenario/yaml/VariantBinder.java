package dev.weft.scenario.yaml;

import dev.weft.scenario.Default;
import dev.weft.scenario.Variant;
import dev.weft.scenario.Variants;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a map to one record of a sealed {@link Variants} interface: the key it names (say
 * {@code kind}) picks the record, which is then bound as any record is. A key that belongs to
 * another variant is accepted at its default value (a scenario written in the flat form, or a
 * resolved scenario of an earlier version, still loads) and is an error otherwise, since the
 * chosen variant would silently ignore it.
 */
final class VariantBinder {
  private static final Object FAILED = new Object();

  private VariantBinder() {}

  static Object bind(Binder b, YNode node, Class<?> type, String what) {
    if (!(node instanceof YNode.Mapping map)) {
      b.error(node.where(), what + " must be a map, found " + node.describe());
      return null;
    }
    Variants v = type.getAnnotation(Variants.class);
    Map<String, Class<?>> cases = cases(type);
    String id = v.fallback();
    YNode.Entry picked = map.view().get(v.key());
    if (picked != null && !(picked.value() instanceof YNode.Scalar s && s.isNull())) {
      if (!(picked.value() instanceof YNode.Scalar s)) {
        b.error(picked.value().where(), what + " '" + v.key() + "' must be a single value,"
            + " found " + picked.value().describe());
        return null;
      }
      id = s.text();
      if (!cases.containsKey(id)) {
        b.error(s.where(), "unknown " + Binder.labelOf(type) + " " + v.key() + " '" + id + "'"
            + Suggest.didYouMean(id, cases.keySet()) + "; known: "
            + String.join(", ", cases.keySet()));
        return null;
      }
    }
    Class<?> chosen = cases.get(id);
    String chosenId = id;
    return b.bindRecord(node, chosen, what, (key, value) -> {
      if (key.equals(v.key())) {
        return "";
      }
      List<String> owners = new ArrayList<>();
      RecordComponent foreign = null;
      for (Map.Entry<String, Class<?>> c : cases.entrySet()) {
        for (RecordComponent rc : c.getValue().getRecordComponents()) {
          if (rc.getName().equals(key)) {
            owners.add(c.getKey());
            foreign = rc;
          }
        }
      }
      if (foreign == null) {
        return null;
      }
      if (atDefault(b, foreign, value)) {
        return "";
      }
      return "'" + key + "' is a setting of " + String.join(" and ", owners) + " "
          + Binder.labelOf(type) + "s, and this one is " + chosenId + " (" + v.key() + ": "
          + chosenId + ")";
    });
  }

  /** Whether {@code value} is what component {@code c} defaults to (null included). */
  private static boolean atDefault(Binder b, RecordComponent c, YNode value) {
    if (value instanceof YNode.Scalar s && s.isNull()) {
      return true;
    }
    Default d = c.getAnnotation(Default.class);
    if (d == null || Default.NONE.equals(d.value())) {
      return false;
    }
    Object given = b.bindQuietly(value, c, FAILED);
    Object fallback = b.bindQuietly(Binder.defaultNode(d.value(), value.where()), c, null);
    return given != FAILED && given != null && given.equals(fallback);
  }

  /** The records permitted under {@code type}, by the key value that selects each. */
  static Map<String, Class<?>> cases(Class<?> type) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (Class<?> p : type.getPermittedSubclasses()) {
      if (p.isRecord()) {
        Variant v = p.getAnnotation(Variant.class);
        if (v == null) {
          throw new IllegalStateException(p.getName() + " lacks @Variant");
        }
        out.put(v.value(), p);
      } else {
        out.putAll(cases(p));
      }
    }
    return out;
  }

  /** The key value that selects record {@code type}, or null when it is no variant. */
  static String idOf(Class<?> type) {
    Variant v = type.getAnnotation(Variant.class);
    return v == null ? null : v.value();
  }

  /** The {@link Variants} interface above record {@code type}, or null. */
  static Class<?> familyOf(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (i.getAnnotation(Variants.class) != null) {
        return i;
      }
      Class<?> up = familyOf(i);
      if (up != null) {
        return up;
      }
    }
    return null;
  }
}
