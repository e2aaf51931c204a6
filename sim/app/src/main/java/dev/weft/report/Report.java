package dev.weft.report;

import dev.weft.run.ClassStats;
import dev.weft.run.JobStats;
import dev.weft.run.RunResult;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report, as one self-contained HTML page (charts inline as SVG) and as
 * Markdown (charts as files in {@code charts/}). Both are built from the same rows, so they say
 * the same thing.
 */
public final class Report {
  private final Scenario scenario;
  private final RunResult result;
  private final Map<String, String> charts;
  private final String resolvedYaml;
  private final String version;
  private final List<Table> extra = new ArrayList<>();

  public Report(Scenario scenario, RunResult result, Map<String, String> charts,
      String resolvedYaml, String version) {
    this.scenario = scenario;
    this.result = result;
    this.charts = charts;
    this.resolvedYaml = resolvedYaml;
    this.version = version;
  }

  /**
   * A table: a title, a sentence under it ({@code note}, empty for none), and the header and
   * rows of already formatted cells.
   */
  public record Table(String title, String note, List<String> header,
      List<List<String>> rows) {
    /** A table without a note. */
    public Table(String title, List<String> header, List<List<String>> rows) {
      this(title, "", header, rows);
    }
  }

  /**
   * This report with {@code more} tables after its own, before the charts: what the run's
   * caller adds (the replications of {@code run --replications}).
   */
  public Report with(List<Table> more) {
    Report r = new Report(scenario, result, charts, resolvedYaml, version);
    r.extra.addAll(extra);
    r.extra.addAll(more);
    return r;
  }

  List<Table> tables() {
    List<Table> t = new ArrayList<>();
    JobStats j = result.jobs();
    t.add(new Table("Headline (jobs submitted after warm-up)", List.of("metric", "value"),
        List.of(
            List.of("simulated", duration(result.duration()) + " (warm-up "
                + duration(result.warmup()) + ")"),
            List.of("nodes", result.nodes().count() + " (online on average "
                + f(result.nodes().onlineMean()) + ")"),
            List.of("utilization (share of serving capacity in use)",
                pct(result.nodes().utilization())),
            List.of("busy (share of time a node holds a job)", pct(result.nodes().busy())),
            List.of("jobs submitted", Long.toString(j.submitted())),
            List.of("completed / failed / expired / in flight", j.completed() + " / "
                + j.failed() + " / " + j.expired() + " / " + j.inFlight()),
            List.of("throughput", f(j.throughput()) + " jobs/s"),
            List.of("wait mean / p50 / p95 / p99", secs(j.waitTime().mean()) + " / "
                + secs(j.waitTime().p50()) + " / " + secs(j.waitTime().p95()) + " / "
                + secs(j.waitTime().p99())),
            List.of("latency mean / p50 / p95 / p99", secs(j.latency().mean()) + " / "
                + secs(j.latency().p50()) + " / " + secs(j.latency().p95()) + " / "
                + secs(j.latency().p99())),
            List.of("deadline miss rate", pct(j.deadlineMissRate())),
            List.of("time to first token mean / p50 / p95 / p99",
                result.timeToFirstToken() == null ? "(no inference)"
                    : secs(result.timeToFirstToken().mean()) + " / "
                    + secs(result.timeToFirstToken().p50()) + " / "
                    + secs(result.timeToFirstToken().p95()) + " / "
                    + secs(result.timeToFirstToken().p99())),
            servingRow("time to first token p50 / p90 / p99", result, 0),
            servingRow("time between tokens mean / p50 / p90 / p99", result, 1),
            servingRow("time per output token mean / p50 / p90 / p99", result, 2),
            // the wall-clock speed differs run to run: summary.json's run section has it
            List.of("events", Long.toString(result.events())))));
    List<List<String>> wl = new ArrayList<>();
    for (Map.Entry<String, JobStats> e : result.workloads().entrySet()) {
      JobStats w = e.getValue();
      wl.add(List.of(e.getKey(), Long.toString(w.submitted()), Long.toString(w.completed()),
          Long.toString(w.failed()), Long.toString(w.expired()), secs(w.waitTime().mean()),
          secs(w.latency().mean()), secs(w.latency().p99())));
    }
    t.add(new Table("Workloads", List.of("workload", "submitted", "completed", "failed",
        "expired", "wait mean", "latency mean", "latency p99"), wl));
    List<List<String>> nc = new ArrayList<>();
    for (ClassStats c : result.nodeClasses()) {
      nc.add(List.of(c.name(), c.hardware(), Integer.toString(c.count()), f(c.onlineMean()),
          pct(c.utilization()), pct(c.busy()), Long.toString(c.completed()),
          Double.isNaN(c.latencyMean()) ? "-" : secs(c.latencyMean()))); // no job: no latency
    }
    t.add(new Table("Node classes", List.of("class", "hardware", "nodes", "online mean",
        "utilization", "busy", "jobs completed", "latency mean"), nc));
    if (result.serving() != null && !result.serving().kvByClass().isEmpty()) {
      List<List<String>> kv = new ArrayList<>();
      result.serving().kvByClass().forEach((c, k) -> kv.add(List.of(md(c),
          Long.toString(k.recomputed()), k.swapOuts() + " / " + k.swapIns(),
          f(k.bytesOut() / 1e9) + " / " + f(k.bytesIn() / 1e9))));
      t.add(new Table("KV-cache preemption (requests submitted after warm-up)", List.of(
          "node class", "recomputed", "swapped out / in", "GB swapped out / in"), kv));
    }
    t.add(new Table("Provenance of service times", List.of("node class", "hardware",
        "service time from"), provenance()));
    if (result.network() != null) {
      var n = result.network().stats();
      t.add(new Table("Network", List.of("metric", "value"), List.of(
          List.of("share of job latency spent on the network",
              pct(result.network().latencyShare())),
          List.of("transfers started / completed / failed", n.started() + " / "
              + n.completed() + " / " + n.failed()),
          List.of("bytes moved", f(n.bytesMoved() / 1e9) + " GB"),
          List.of("transfer time mean / p95 / p99", secs(n.transferTime().mean()) + " / "
              + secs(n.transferTime().p95()) + " / " + secs(n.transferTime().p99())),
          List.of("cold starts (model weights downloaded)",
              Long.toString(result.network().coldStarts())),
          List.of("verification re-executions shipped to verifiers",
              Long.toString(result.network().verificationTransfers())),
          List.of("utilization of uplinks / downlinks / backbone", pct(n.uplinkUtilization())
              + " / " + pct(n.downlinkUtilization()) + " / " + pct(n.backboneUtilization())),
          List.of("gradient all-reduces (data-parallel training), mean / p95",
              result.network().allReduces() == 0 ? "none"
                  : result.network().allReduces() + ", "
                  + secs(result.network().allReduceTime().mean()) + " / "
                  + secs(result.network().allReduceTime().p95())))));
    }
    if (!scenario.faults().isEmpty()) {
      t.add(FaultEffects.table(scenario, result));
    }
    if (result.economics() != null) {
      var v = result.verification();
      t.add(new Table("Verification compute", List.of("metric", "value"), List.of(
          List.of("re-executions ordered / completed / dropped", v.ordered() + " / "
              + v.completed() + " / " + v.dropped()),
          List.of("GPU-hours of re-executions / of the submitters' work",
              f(v.gpuHours()) + " / " + f(v.workGpuHours())),
          List.of("share of compute spent verifying", pct(v.shareOfCompute())),
          List.of("executions answered with junk at once / GPU-hours claimed, not spent",
              v.skipped() + " / " + f(v.skippedGpuHours())))));
      t.addAll(EconomicsTables.of(result.economics()));
    }
    t.addAll(extra);
    return t;
  }

  private List<List<String>> provenance() {
    List<List<String>> rows = new ArrayList<>();
    for (NodeClass c : scenario.nodes()) {
      Map<String, Double> byLabel = result.computeSecondsByLabel().get(c.name());
      double total = byLabel == null ? 0 : byLabel.values().stream()
          .mapToDouble(Double::doubleValue).sum();
      String from;
      if (total > 0) {
        StringBuilder sb = new StringBuilder("kernel timings: ");
        byLabel.forEach((l, v) -> {
          if (v > 0) {
            sb.append(l).append(' ').append(pct(v / total)).append(", ");
          }
        });
        sb.setLength(sb.length() - 2);
        from = sb + String.format(Locale.ROOT, " of %.3g GPU-node-seconds", total);
      } else {
        from = "workload service distribution"
            + (c.speed() != 1.0 ? " divided by speed " + f(c.speed()) : "")
            + " (no kernel timings involved)";
      }
      rows.add(List.of(c.name(), c.hardware(), from));
    }
    return rows;
  }

  public String html() {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Weft report: ").append(Html.esc(scenario.name())).append("</title>\n")
        .append("<style>body{font-family:system-ui,-apple-system,sans-serif;max-width:980px;"
            + "margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;"
            + "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;"
            + "text-align:left}th{background:#f3f3f3}td.n{text-align:right}"
            + "figure{margin:1em 0}pre{background:#f7f7f7;padding:1em;overflow:auto}"
            + "</style>\n</head>\n<body>\n");
    h.append("<h1>").append(Html.esc(scenario.name())).append("</h1>\n");
    if (!scenario.description().isBlank()) {
      h.append("<p>").append(Html.esc(scenario.description())).append("</p>\n");
    }
    h.append("<p>Seed ").append(result.seed()).append(", scheduler <code>")
        .append(Html.esc(scenario.scheduler().policy())).append("</code>, Weft ")
        .append(Html.esc(version)).append(".</p>\n");
    for (Table t : tables()) {
      h.append("<h2>").append(Html.esc(t.title())).append("</h2>\n");
      if (!t.note().isEmpty()) {
        h.append("<p>").append(Html.esc(t.note())).append("</p>\n");
      }
      h.append("<table>\n<tr>");
      for (String c : t.header()) {
        h.append("<th>").append(Html.esc(c)).append("</th>");
      }
      h.append("</tr>\n");
      for (List<String> row : t.rows()) {
        h.append("<tr>");
        for (String c : row) {
          h.append("<td>").append(Html.esc(c)).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<h2>Charts</h2>\n");
    for (Map.Entry<String, String> c : charts.entrySet()) {
      h.append("<figure id=\"").append(Html.esc(c.getKey())).append("\">\n")
          .append(c.getValue()).append("\n</figure>\n");
    }
    h.append("<h2>Resolved scenario</h2>\n<details><summary>scenario.resolved.yaml</summary>"
        + "<pre>").append(Html.esc(resolvedYaml)).append("</pre></details>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  public String markdown() {
    StringBuilder m = new StringBuilder();
    m.append("# ").append(md(scenario.name())).append("\n\n");
    if (!scenario.description().isBlank()) {
      m.append(md(scenario.description())).append("\n\n");
    }
    m.append("Seed ").append(result.seed()).append(", scheduler `")
        .append(scenario.scheduler().policy()).append("`, Weft ").append(version)
        .append(".\n\n");
    for (Table t : tables()) {
      m.append("## ").append(md(t.title())).append("\n\n");
      if (!t.note().isEmpty()) {
        m.append(md(t.note())).append("\n\n");
      }
      m.append('|');
      for (String c : t.header()) {
        m.append(' ').append(md(c)).append(" |");
      }
      m.append("\n|");
      m.append(" --- |".repeat(t.header().size()));
      m.append('\n');
      for (List<String> row : t.rows()) {
        m.append('|');
        for (String c : row) {
          m.append(' ').append(md(c)).append(" |");
        }
        m.append('\n');
      }
      m.append('\n');
    }
    m.append("## Charts\n\n");
    for (String name : charts.keySet()) {
      m.append("![").append(name).append("](charts/").append(name).append(".svg)\n\n");
    }
    return m.toString();
  }

  /** Escapes Markdown table and inline syntax in user text. */
  static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
        .replace("\n", " ").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")
        .replace("`", "\\`");
  }

  static String f(double d) {
    return String.format(Locale.ROOT, "%.3g", d);
  }

  static String pct(double d) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * d);
  }

  static String secs(double s) {
    if (s == 0) {
      return "0 s";
    }
    if (s < 1) {
      return String.format(Locale.ROOT, "%.3g ms", s * 1000);
    }
    return String.format(Locale.ROOT, "%.3g s", s);
  }

  /** Seconds, or "-" where there are none (NaN). */
  static String secsOrNone(double s) {
    return Double.isNaN(s) ? "-" : duration(s);
  }

  static String duration(double s) {
    if (s >= 86400 && s % 3600 == 0) {
      return String.format(Locale.ROOT, "%.3g d", s / 86400);
    }
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%.3g h", s / 3600);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%.3g min", s / 60);
    }
    return String.format(Locale.ROOT, "%.3g s", s);
  }

  /**
   * One row of serving latencies (issue #15; METRICS.md "Serving latencies"): which = 0 time to
   * first token, 1 time between tokens, 2 time per output token.
   */
  private static List<String> servingRow(String name, RunResult r, int which) {
    if (r.serving() == null) {
      return List.of(name, "(no inference)");
    }
    dev.weft.run.TokenLatency t = which == 0 ? r.serving().ttft() : which == 1
        ? r.serving().tbt() : r.serving().tpot();
    return List.of(name, (which == 0 ? "" : secs(t.mean()) + " / ") + secs(t.p50()) + " / "
        + secs(t.p90()) + " / " + secs(t.p99()));
  }
}
