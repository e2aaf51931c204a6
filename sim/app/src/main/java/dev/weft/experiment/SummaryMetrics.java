package dev.weft.experiment;

import dev.weft.report.Summary;
import dev.weft.run.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of a run's summary.json as one flat map of dotted paths, the names replications,
 * sweeps, proposals' objectives and comparisons use: {@code jobs.latency.p99},
 * {@code economics.roi.lazy}, {@code economics.roiByClass.basement-3090}, and per node class
 * {@code nodeClasses.<name>.<field>} (the summary's list, keyed by class name). Left out: the
 * run's wall time and event counts (they measure the machine, not the network), the simulated
 * window and the seed (inputs). A figure the summary writes as null is NaN here.
 */
public final class SummaryMetrics {
  private SummaryMetrics() {}

  /** The flattened summary of {@code r}, in summary.json's order. */
  public static Map<String, Double> of(RunResult r) {
    Map<String, Object> tree = Summary.tree(r, Weft.version(), Map.of());
    tree.remove("run");
    tree.remove("simulated");
    tree.remove("seed");
    Map<String, Double> flat = new LinkedHashMap<>();
    flatten("", tree, flat);
    return flat;
  }

  static void flatten(String prefix, Object v, Map<String, Double> out) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(),
            e.getValue(), out);
      }
    } else if (v instanceof List<?> list) {
      // lists of named entries (node classes) are keyed by name, so a path names one class
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        String key = item instanceof Map<?, ?> m && m.get("name") instanceof String n ? n
            : Integer.toString(i);
        flatten(prefix + "." + key, item, out);
      }
    } else if (v instanceof Number n) {
      out.put(prefix, n.doubleValue());
    } else if (v == null) {
      out.put(prefix, Double.NaN);
    }
  }
}
