package dev.weft.experiment;

import dev.weft.report.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's table of replications: one row per replication (its seed and the headline
 * metrics, economics too when present), then the mean and 95% Student-t interval of each;
 * every metric of every replication is in metrics/replications.csv.
 */
final class ReplicationTable {
  static final List<String> ECONOMICS = List.of("economics.roi.honest", "economics.roi.lazy",
      "economics.slashed", "economics.treasury", "economics.supply.final");

  private final List<Long> seeds;
  private final List<Map<String, Double>> runs;
  private final List<String> columns = new ArrayList<>();

  ReplicationTable(List<Long> seeds, List<Map<String, Double>> runs) {
    this.seeds = seeds;
    this.runs = runs;
    for (String m : Replications.HEADLINE) {
      if (runs.get(0).containsKey(m)) {
        columns.add(m);
      }
    }
    for (String m : ECONOMICS) {
      if (runs.get(0).containsKey(m)) {
        columns.add(m);
      }
    }
  }

  String markdown() {
    StringBuilder md = new StringBuilder("\n## Replications\n\n").append(intro())
        .append("\n\n| replication | seed |");
    columns.forEach(c -> md.append(' ').append(c).append(" |"));
    md.append("\n|---:|---:|").append("---:|".repeat(columns.size())).append('\n');
    for (int r = 0; r < runs.size(); r++) {
      md.append("| ").append(r).append(" | ").append(seeds.get(r)).append(" |");
      for (String c : columns) {
        md.append(' ').append(f(runs.get(r).getOrDefault(c, Double.NaN))).append(" |");
      }
      md.append('\n');
    }
    md.append("| **mean [95% CI]** | |");
    for (String c : columns) {
      md.append(' ').append(ci(c)).append(" |");
    }
    return md.append('\n').toString();
  }

  String html() {
    StringBuilder h = new StringBuilder("<h2>Replications</h2>\n<p>").append(Html.esc(intro()))
        .append("</p>\n<table><tr><th>replication</th><th>seed</th>");
    columns.forEach(c -> h.append("<th>").append(Html.esc(c)).append("</th>"));
    h.append("</tr>\n");
    for (int r = 0; r < runs.size(); r++) {
      h.append("<tr><td>").append(r).append("</td><td>").append(seeds.get(r)).append("</td>");
      for (String c : columns) {
        h.append("<td>").append(f(runs.get(r).getOrDefault(c, Double.NaN))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("<tr><th>mean [95% CI]</th><td></td>");
    for (String c : columns) {
      h.append("<td>").append(ci(c)).append("</td>");
    }
    return h.append("</tr>\n</table>\n").toString();
  }

  private String intro() {
    return runs.size() + " independent replications (seeds derived from the scenario's);"
        + " the rest of this report shows replication 0. Every summary metric's mean and 95%"
        + " interval is in summary.json (replications), every value in"
        + " metrics/replications.csv.";
  }

  private String ci(String column) {
    double[] v = runs.stream().mapToDouble(m -> m.getOrDefault(column, Double.NaN))
        .filter(Double::isFinite).toArray();
    if (v.length == 0) {
      return "n/a";
    }
    double[] m = Replications.meanAndHalfWidth(v);
    return f(m[0]) + " [" + f(m[0] - m[1]) + ", " + f(m[0] + m[1]) + "]";
  }

  private static String f(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
  }
}
