package dev.weft.experiment;

import dev.weft.random.RandomStreams;
import dev.weft.report.Summary;
import dev.weft.run.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Independent replications: replication 0 uses the scenario's seed, replication r > 0 a seed
 * derived from it and r, so adding replications never changes the earlier ones.
 */
public final class Replications {
  private Replications() {}

  public static long seed(long base, int replication) {
    return replication == 0 ? base : RandomStreams.derive(base, "replication/" + replication);
  }

  /** Headline metrics, the first columns of tables meant for reading. */
  public static final List<String> HEADLINE = List.of("jobs.completed", "jobs.throughput",
      "jobs.wait.mean", "jobs.latency.mean", "jobs.latency.p95", "jobs.latency.p99",
      "jobs.deadlineMissRate", "nodes.utilization", "nodes.onlineMean");

  /**
   * Mean, half-width of the 95% Student-t confidence interval, and sample standard deviation
   * of {@code v}; the interval is empty for a single value.
   */
  public static double[] meanAndHalfWidth(double[] v) {
    int n = v.length;
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= n;
    if (n < 2) {
      return new double[] {mean, 0, 0};
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.975);
    return new double[] {mean, t * sd / Math.sqrt(n), sd};
  }

  /**
   * Mean, standard deviation and 95% Student-t confidence interval of every summary metric
   * ({@link SummaryMetrics}), economics included; a metric some run reports as null (NaN)
   * is summarised over the runs that have it, and left out when none has.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> summary(List<RunResult> runs) {
    Map<String, Object> out = summaryOf(runs.stream().map(RunResult::seed).toList(),
        runs.stream().map(SummaryMetrics::of).toList());
    economics(runs, (Map<String, Object>) out.get("metrics"));
    return out;
  }

  /** As {@link #summary}, from already flattened runs. */
  static Map<String, Object> summaryOf(List<Long> seeds, List<Map<String, Double>> flat) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", flat.size());
    out.put("seeds", seeds);
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (String key : flat.get(0).keySet()) {
      double[] v = flat.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN))
          .filter(Double::isFinite).toArray();
      if (v.length == 0) {
        continue;
      }
      double[] mhs = meanAndHalfWidth(v);
      double mean = mhs[0];
      double half = mhs[1];
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", mean);
      m.put("sd", mhs[2]);
      m.put("ci95", List.of(mean - half, mean + half));
      if (v.length < flat.size()) {
        m.put("runs", v.length);
      }
      metrics.put(key, m);
    }
    out.put("metrics", metrics);
    return out;
  }

  /**
   * The economy's returns across replications (issue #12): {@code economics.roi.<behaviour>}
   * and {@code economics.returns.<class>.<behaviour>.roi}, each with the mean and 95% interval
   * over the replications in which it is defined (a group can be empty in one replication).
   */
  private static void economics(List<RunResult> runs, Map<String, Object> metrics) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (RunResult r : runs) {
      Summary.returns(r).forEach((key, v) -> add(values, key, v));
    }
    values.forEach((key, list) -> {
      if (list.isEmpty()) {
        return;
      }
      double[] mhs = meanAndHalfWidth(list.stream().mapToDouble(Double::doubleValue).toArray());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", mhs[0]);
      m.put("sd", mhs[2]);
      m.put("ci95", List.of(mhs[0] - mhs[1], mhs[0] + mhs[1]));
      m.put("replications", list.size());
      metrics.put(key, m);
    });
  }

  private static void add(Map<String, List<Double>> values, String key, double v) {
    List<Double> list = values.computeIfAbsent(key, k -> new java.util.ArrayList<>());
    if (Double.isFinite(v)) {
      list.add(v);
    }
  }
}
