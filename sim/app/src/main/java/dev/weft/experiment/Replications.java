package dev.weft.experiment;

import dev.weft.random.RandomStreams;
import dev.weft.report.Summary;
import dev.weft.run.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
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

  /** The metrics summarised across replications, by dotted summary path. */
  static final Map<String, ToDoubleFunction<RunResult>> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put("jobs.completed", r -> r.jobs().completed());
    METRICS.put("jobs.throughput", r -> r.jobs().throughput());
    METRICS.put("jobs.wait.mean", r -> r.jobs().waitTime().mean());
    METRICS.put("jobs.latency.mean", r -> r.jobs().latency().mean());
    METRICS.put("jobs.latency.p95", r -> r.jobs().latency().p95());
    METRICS.put("jobs.latency.p99", r -> r.jobs().latency().p99());
    METRICS.put("jobs.deadlineMissRate", r -> r.jobs().deadlineMissRate());
    METRICS.put("nodes.utilization", r -> r.nodes().utilization());
    METRICS.put("nodes.onlineMean", r -> r.nodes().onlineMean());
  }

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

  /** Mean, standard deviation and 95% Student-t confidence interval per metric. */
  public static Map<String, Object> summary(List<RunResult> runs) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", runs.size());
    List<Long> seeds = runs.stream().map(RunResult::seed).toList();
    out.put("seeds", seeds);
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, ToDoubleFunction<RunResult>> e : METRICS.entrySet()) {
      double[] v = runs.stream().mapToDouble(e.getValue()).toArray();
      double[] mhs = meanAndHalfWidth(v);
      double mean = mhs[0];
      double half = mhs[1];
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mean", mean);
      m.put("sd", mhs[2]);
      m.put("ci95", List.of(mean - half, mean + half));
      metrics.put(e.getKey(), m);
    }
    economics(runs, metrics);
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
