package dev.weft.scenario.yaml;

import dev.weft.scenario.DistSpec;
import dev.weft.scenario.Quantity;
import dev.weft.scenario.Unit;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads a distribution: a map with {@code dist}, or a bare quantity meaning a constant. */
final class DistBinder {
  private DistBinder() {}

  static DistSpec bind(Binder b, YNode node, Unit unit, String what) {
    Quantity q = unit == null ? Quantity.NUMBER : unit.value();
    if (node instanceof YNode.Scalar s && !s.isNull()) {
      Double v = number(b, s, q, what);
      return v == null ? null : DistSpec.constant(v);
    }
    if (!(node instanceof YNode.Mapping map)) {
      b.error(node.where(), what + " must be a quantity or a map with 'dist', found "
          + node.describe());
      return null;
    }
    YNode distNode = map.get("dist");
    if (!(distNode instanceof YNode.Scalar ds) || ds.isNull()) {
      b.error(map.where(), what + " needs 'dist', one of: "
          + String.join(", ", DistSpec.SIGNATURES.keySet()));
      return null;
    }
    String dist = ds.text();
    String signature = DistSpec.SIGNATURES.get(dist);
    if (signature == null) {
      b.error(ds.where(), "unknown distribution '" + dist + "'"
          + Suggest.didYouMean(dist, DistSpec.SIGNATURES.keySet()) + "; known: "
          + String.join(", ", DistSpec.SIGNATURES.keySet()));
      return null;
    }
    TreeSet<String> allowed = new TreeSet<>(Arrays.asList(signature.split("[,|]")));
    Map<String, Double> params = new LinkedHashMap<>();
    List<Double> values = new ArrayList<>();
    boolean ok = true;
    for (Map.Entry<String, YNode.Entry> e : map.view().entrySet()) {
      String key = e.getKey();
      if (key.equals("dist")) {
        continue;
      }
      YNode v = e.getValue().value();
      if (!allowed.contains(key)) {
        b.error(e.getValue().keyAt(), "'" + key + "' is not a parameter of " + dist
            + Suggest.didYouMean(key, allowed) + "; it takes: " + String.join(", ", allowed));
        ok = false;
        continue;
      }
      if (key.equals("values")) {
        if (!(v instanceof YNode.Seq seq) || seq.items().isEmpty()) {
          b.error(v.where(), "'values' must be a non-empty list");
          ok = false;
          continue;
        }
        for (YNode item : seq.items()) {
          Double x = item instanceof YNode.Scalar is && !is.isNull()
              ? number(b, is, q, what + ".values") : null;
          if (x == null) {
            if (!(item instanceof YNode.Scalar)) {
              b.error(item.where(), "'values' must hold single values");
            }
            ok = false;
          } else {
            values.add(x);
          }
        }
        continue;
      }
      if (!(v instanceof YNode.Scalar s) || s.isNull()) {
        b.error(v.where(), "'" + key + "' must be a single value");
        ok = false;
        continue;
      }
      Quantity pq = DistSpec.DIMENSIONLESS.contains(key) ? Quantity.NUMBER
          : key.equals("rate") ? (q == Quantity.DURATION ? Quantity.RATE : Quantity.NUMBER) : q;
      Double x = number(b, s, pq, what + "." + key);
      if (x == null) {
        ok = false;
      } else {
        params.put(key, x);
      }
    }
    if (!ok) {
      return null;
    }
    for (String required : signature.split("\\|")[0].split(",")) {
      if (dist.equals("exponential") || dist.equals("lognormal")) {
        break; // alternatives, checked by DistSpec itself
      }
      if (!required.isEmpty() && !params.containsKey(required) && !required.equals("values")) {
        b.error(map.where(), dist + " needs '" + required + "'");
        ok = false;
      }
      if (required.equals("values") && values.isEmpty()) {
        b.error(map.where(), "empirical needs 'values'");
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    DistSpec spec = new DistSpec(dist, params, values);
    try {
      spec.toDistribution();
    } catch (IllegalArgumentException e) {
      b.error(map.where(), what + ": " + e.getMessage());
      return null;
    }
    return spec;
  }

  private static Double number(Binder b, YNode.Scalar s, Quantity q, String what) {
    try {
      return q.parse(s.text());
    } catch (IllegalArgumentException e) {
      b.error(s.where(), what + ": " + e.getMessage());
      return null;
    }
  }
}
