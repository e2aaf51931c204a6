package dev.weft.experiment;

import dev.weft.report.Summary;
import dev.weft.run.Resources;
import dev.weft.run.RunResult;
import dev.weft.run.World;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid of runs over scenario parameters. A point is one value per swept path; each point runs
 * {@code replications} times with the seeds of {@link Replications}, so every point sees the
 * same random numbers (common random numbers) and differences between points are the
 * parameters' doing.
 */
public final class Sweep {
  private Sweep() {}

  /** One swept path and its values, as written after --param. */
  public record Param(String path, List<String> values) {}

  /** The cartesian product of the parameter values, first parameter varying slowest. */
  public static List<List<String>> points(List<Param> params) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (Param p : params) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String v : p.values()) {
          List<String> point = new ArrayList<>(prefix);
          point.add(v);
          next.add(point);
        }
      }
      out = next;
    }
    return out;
  }

  /** Runs one (point, replication) and flattens its summary to dotted numeric metrics. */
  public static Map<String, Double> run(Scenario s, Resources resources, int replication) {
    Scenario seeded = s.withSeed(Replications.seed(s.seed(), replication));
    RunResult r = new World(seeded, resources).run();
    Map<String, Object> tree = Summary.tree(r, Weft.version(), Map.of());
    tree.remove("run");
    tree.remove("simulated");
    tree.remove("nodeClasses");
    Map<String, Double> flat = new LinkedHashMap<>();
    flatten("", tree, flat);
    flat.remove("seed");
    return flat;
  }

  @SuppressWarnings("unchecked")
  static void flatten(String prefix, Object v, Map<String, Double> out) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
            e.getValue(), out);
      }
    } else if (v instanceof Number n) {
      out.put(prefix, n.doubleValue());
    } else if (v == null) {
      out.put(prefix, Double.NaN);
    }
  }
}
