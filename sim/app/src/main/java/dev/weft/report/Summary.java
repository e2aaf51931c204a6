package dev.weft.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.run.ClassStats;
import dev.weft.run.JobStats;
import dev.weft.run.Percentiles;
import dev.weft.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the headline figures with the keys of CONTRACT section 4, in a fixed
 * order. Everything outside {@code run} is a pure function of the scenario and seed.
 */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Summary() {}

  private static Map<String, Object> latency(dev.weft.run.TokenLatency t) {
    return ordered("count", t.count(), "mean", finite(t.mean()), "p50", finite(t.p50()), "p90",
        finite(t.p90()), "p99", finite(t.p99()));
  }

  /** KV-cache preemptions (METRICS.md "KV-cache preemption"): recomputed, swapped, bytes. */
  private static Map<String, Object> preemptions(dev.weft.run.PreemptionCounts k) {
    return ordered("preemptions", k.recomputed(), "swapOuts", k.swapOuts(), "swapIns",
        k.swapIns(), "bytesSwappedOut", k.bytesOut(), "bytesSwappedIn", k.bytesIn());
  }

  public static Map<String, Object> tree(RunResult r, String weftVersion,
      Map<String, Object> extra) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", r.scenario());
    root.put("seed", r.seed());
    root.put("simulated", ordered("duration", r.duration(), "warmup", r.warmup()));
    root.put("run", ordered("wallSeconds", round(r.wallSeconds(), 3), "events", r.events(),
        "eventsPerSecond", Math.round(r.eventsPerSecond()), "weftVersion", weftVersion));
    Map<String, Object> jobs = jobs(r.jobs());
    if (r.timeToFirstToken() != null) {
      jobs.put("timeToFirstToken", pct(r.timeToFirstToken()));
    }
    root.put("jobs", jobs);
    if (r.serving() != null) {  // issue #15: serving latencies as Vidur reports them
      Map<String, Object> serving = ordered("timeToFirstToken", latency(r.serving().ttft()),
          "timeBetweenTokens", latency(r.serving().tbt()), "timePerOutputToken",
          latency(r.serving().tpot()));
      serving.putAll(preemptions(r.serving().kv()));
      if (!r.serving().kvByClass().isEmpty()) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        r.serving().kvByClass().forEach((c, k) -> byClass.put(c, preemptions(k)));
        serving.put("preemptionsByClass", byClass);
      }
      root.put("serving", serving);
    }
    root.put("nodes", ordered("count", r.nodes().count(), "onlineMean",
        finite(r.nodes().onlineMean()), "utilization", finite(r.nodes().utilization()), "busy",
        finite(r.nodes().busy())));
    Map<String, Object> workloads = new LinkedHashMap<>();
    r.workloads().forEach((name, stats) -> {
      Map<String, Object> w = jobs(stats);
      if (r.timeToFirstTokenByWorkload().containsKey(name)) {
        w.put("timeToFirstToken", pct(r.timeToFirstTokenByWorkload().get(name)));
      }
      workloads.put(name, w);
    });
    root.put("workloads", workloads);
    List<Object> classes = new ArrayList<>();
    for (ClassStats c : r.nodeClasses()) {
      classes.add(ordered("name", c.name(), "hardware", c.hardware(), "count", c.count(),
          "onlineMean", finite(c.onlineMean()), "utilization", finite(c.utilization()),
          "busy", finite(c.busy()), "completed", c.completed(), "latencyMean",
          finite(c.latencyMean())));
    }
    root.put("nodeClasses", classes);
    Map<String, Double> shares = r.provenanceShares();
    if (shares.values().stream().anyMatch(v -> v > 0)) {
      Map<String, Object> k = new LinkedHashMap<>();
      Map<String, Object> share = new LinkedHashMap<>();
      shares.forEach((l, v) -> share.put(l, finite(v)));
      k.put("provenance", share);
      Map<String, Object> seconds = new LinkedHashMap<>();
      r.computeSecondsByLabel().forEach((c, m) -> {
        Map<String, Object> x = new LinkedHashMap<>();
        m.forEach((l, v) -> x.put(l, finite(v)));
        seconds.put(c, x);
      });
      k.put("computeSecondsByClass", seconds);
      root.put("kernelTimings", k);
    }
    if (r.network() != null) {
      var n = r.network().stats();
      Map<String, Object> net = new LinkedHashMap<>();
      net.put("transfers", ordered("started", n.started(), "completed", n.completed(),
          "failed", n.failed(), "cancelled", n.cancelled(), "inFlight", n.inFlight()));
      net.put("bytesMoved", n.bytesMoved());
      net.put("transferTime", ordered("mean", finite(n.transferTime().mean()), "p50",
          finite(n.transferTime().p50()), "p95", finite(n.transferTime().p95()), "p99",
          finite(n.transferTime().p99())));
      net.put("linkUtilization", ordered("uplink", finite(n.uplinkUtilization()), "downlink",
          finite(n.downlinkUtilization()), "backbone", finite(n.backboneUtilization()),
          "registry", finite(n.sourceUtilization())));
      net.put("coldStarts", r.network().coldStarts());
      net.put("verificationTransfers", r.network().verificationTransfers());
      net.put("latencyShare", finite(r.network().latencyShare()));
      if (r.network().allReduces() > 0) {
        net.put("allReduces", r.network().allReduces());
        net.put("allReduceTime", pct(r.network().allReduceTime()));
      }
      root.put("network", net);
    }
    if (r.economics() != null) {
      var v = r.verification();
      root.put("verification", ordered("reexecutions", v.ordered(), "completed", v.completed(),
          "dropped", v.dropped(), "gpuHours", finite(v.gpuHours()), "workGpuHours",
          finite(v.workGpuHours()), "shareOfCompute", finite(v.shareOfCompute()),
          "skippedExecutions", v.skipped(), "skippedGpuHours", finite(v.skippedGpuHours())));
      root.put("economics", r.economics().toMap());
    }
    root.putAll(extra);
    return root;
  }

  // ---- economics (issue #12): the returns a replication summary gathers

  /**
   * The run's returns on capital by dotted summary path: {@code economics.roi.<behaviour>} and
   * {@code economics.returns.<class>.<behaviour>.roi}, NaN where a group has no operators;
   * empty without an economy.
   */
  public static Map<String, Double> returns(RunResult r) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (r.economics() != null) {
      r.economics().roi().forEach((b, v) -> out.put("economics.roi." + b, v));
      r.economics().returns().forEach(g -> out.put("economics.returns." + g.nodeClass() + "."
          + g.behaviour() + ".roi", g.roi()));
    }
    return out;
  }

  public static String json(Map<String, Object> tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> jobs(JobStats j) {
    return ordered("submitted", j.submitted(), "completed", j.completed(), "failed", j.failed(),
        "expired", j.expired(), "inFlight", j.inFlight(), "wait", pct(j.waitTime()),
        "latency", pct(j.latency()), "throughput", finite(j.throughput()),
        "deadlineMissRate", finite(j.deadlineMissRate()));
  }

  static Map<String, Object> pct(Percentiles p) {
    return ordered("mean", finite(p.mean()), "p50", finite(p.p50()), "p95", finite(p.p95()),
        "p99", finite(p.p99()));
  }

  /** JSON has no NaN or infinity; a non-finite figure becomes null rather than invalid JSON. */
  static Object finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  static double round(double d, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(d * f) / f;
  }

  static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
