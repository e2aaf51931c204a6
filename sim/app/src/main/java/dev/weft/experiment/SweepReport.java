package dev.weft.experiment;

import dev.weft.report.Charts;
import dev.weft.report.Html;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's report: each chosen metric against each swept parameter (a grid: one line per
 * combination of the other parameters, named in the legend as {@code path=value}, with its
 * 95% band; a sample: one marker per point with its 95% interval), a numeric table of every
 * point, and the paired differences of every point from the first (same seeds, so the
 * interval is of the parameters' effect alone).
 */
public final class SweepReport {
  private SweepReport() {}

  /** Rows of results.csv: parameter values, replication, then metrics. */
  public record Row(List<String> point, int replication, Map<String, Double> metrics) {}

  /** Metrics worth a chart when present; others stay in results.csv. */
  public static final List<String> CHARTED = List.of("jobs.latency.mean", "jobs.latency.p99",
      "jobs.wait.mean", "jobs.throughput", "jobs.deadlineMissRate", "nodes.utilization",
      "nodes.onlineMean", "economics.roi.honest", "economics.roi.lazy",
      "economics.roi.colluding", "economics.slashed", "economics.supply.final",
      "economics.inflation", "economics.nakamoto", "economics.gini");

  private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452),
      new Color(0x55A868), new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860),
      new Color(0xDA8BC3), new Color(0x8C8C8C)};

  public static String html(String title, String description, Sweep.Design design,
      List<Row> rows, Map<String, String> charts, List<String> metrics) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Weft"
        + " sweep: ").append(Html.esc(title)).append("</title><style>body{font-family:"
            + "system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}td,th{border:"
            + "1px solid #ccc;padding:.2em .5em;text-align:right}table{border-collapse:collapse;"
            + "font-size:90%}</style></head><body>\n")
        .append("<h1>Sweep: ").append(Html.esc(title)).append("</h1>\n<p>")
        .append(Html.esc(description)).append("</p>\n<p>").append(Html.esc(describe(design)))
        .append("; ").append(rows.size()).append(" runs. Means over replications with 95%"
            + " Student-t intervals; every point uses the same seeds (common random"
            + " numbers).</p>\n");
    for (Map.Entry<String, String> c : charts.entrySet()) {
      h.append("<figure id=\"").append(Html.esc(c.getKey())).append("\">").append(c.getValue())
          .append("</figure>\n");
    }
    List<String> shown = metrics.stream().filter(m -> !rows.isEmpty()
        && rows.get(0).metrics().containsKey(m) && varies(rows, m)).toList();
    Map<List<String>, List<Row>> byPoint = byPoint(rows);
    h.append("<h2>Every point</h2>\n<table><tr>");
    design.paths().forEach(p -> h.append("<th>").append(Html.esc(p)).append("</th>"));
    h.append("<th>runs</th>");
    shown.forEach(m -> h.append("<th>").append(Html.esc(m)).append("<br>mean [95% CI]</th>"));
    h.append("</tr>\n");
    for (Map.Entry<List<String>, List<Row>> e : byPoint.entrySet()) {
      h.append("<tr>");
      e.getKey().forEach(v -> h.append("<td>").append(Html.esc(v)).append("</td>"));
      h.append("<td>").append(e.getValue().size()).append("</td>");
      for (String m : shown) {
        double[] mci = Replications.meanAndHalfWidth(values(e.getValue(), m));
        h.append("<td>").append(f(mci[0])).append(" [").append(f(mci[0] - mci[1]))
            .append(", ").append(f(mci[0] + mci[1])).append("]</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    if (byPoint.size() > 1) {
      List<Row> first = byPoint.values().iterator().next();
      h.append("<h2>Paired differences from the first point</h2>\n<p>Replication r of each"
          + " point against replication r of the first (same seed): mean difference [95%"
          + " CI].</p>\n<table><tr>");
      design.paths().forEach(p -> h.append("<th>").append(Html.esc(p)).append("</th>"));
      h.append("<th>pairs</th>");
      shown.forEach(m -> h.append("<th>").append(Html.esc(m)).append("</th>"));
      h.append("</tr>\n");
      for (Map.Entry<List<String>, List<Row>> e : byPoint.entrySet()) {
        h.append("<tr>");
        e.getKey().forEach(v -> h.append("<td>").append(Html.esc(v)).append("</td>"));
        int pairs = 0;
        StringBuilder cells = new StringBuilder();
        for (String m : shown) {
          double[] d = paired(first, e.getValue(), m);
          pairs = d.length;
          if (d.length == 0) {
            cells.append("<td></td>");
            continue;
          }
          double[] mci = Replications.meanAndHalfWidth(d);
          cells.append("<td>").append(f(mci[0])).append(" [").append(f(mci[0] - mci[1]))
              .append(", ").append(f(mci[0] + mci[1])).append("]</td>");
        }
        h.append("<td>").append(pairs).append("</td>").append(cells).append("</tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<p>All figures: <code>results.csv</code>; every run's time series:"
        + " <code>timeseries.csv</code> (long format).</p></body></html>\n");
    return h.toString();
  }

  static String describe(Sweep.Design d) {
    if (d instanceof Sweep.Sample s) {
      StringBuilder b = new StringBuilder(s.size() + " points by " + (s.kind().equals("lhs")
          ? "Latin hypercube" : "uniform random") + " sampling of ");
      for (Sweep.Range r : s.ranges()) {
        b.append(r.path()).append(" in [").append(f(r.lo())).append(", ").append(f(r.hi()))
            .append("] ");
      }
      return b.toString().strip();
    }
    Sweep.Grid g = (Sweep.Grid) d;
    List<String> parts = new ArrayList<>();
    for (List<Integer> group : g.groups()) {
      List<String> ps = new ArrayList<>();
      for (int i : group) {
        ps.add(g.params().get(i).path() + " = " + String.join(", ",
            g.params().get(i).values()));
      }
      parts.add(group.size() > 1 ? "linked (" + String.join("; ", ps) + ")" : ps.get(0));
    }
    return "Grid of " + g.size() + " points: " + String.join(" x ", parts);
  }

  /** Charts by id ({@code metric-vs-path}), SVG text. */
  public static Map<String, String> charts(Sweep.Design design, List<Row> rows,
      List<String> metrics) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> paths = design.paths();
    for (String metric : metrics) {
      if (!rows.get(0).metrics().containsKey(metric) || !varies(rows, metric)) {
        continue;
      }
      for (int k = 0; k < paths.size(); k++) {
        out.put(metric + "-vs-" + paths.get(k), chart(design, rows, metric, k));
      }
    }
    return out;
  }

  private static String chart(Sweep.Design design, List<Row> rows, String metric, int k) {
    List<String> paths = design.paths();
    // words (policy names) go on the axis as their index, the legend of the axis in its title
    List<String> words = new ArrayList<>();
    if (!numeric(rows, k)) {
      rows.forEach(r -> {
        if (!words.contains(r.point().get(k))) {
          words.add(r.point().get(k));
        }
      });
    }
    StringBuilder axis = new StringBuilder(paths.get(k));
    for (int i = 0; i < words.size(); i++) {
      axis.append(i == 0 ? " (" : ", ").append(i).append(" = ").append(words.get(i))
          .append(i == words.size() - 1 ? ")" : "");
    }
    XYChart c = new XYChartBuilder().width(760).height(340).title(metric + " vs "
        + paths.get(k)).xAxisTitle(axis.toString()).yAxisTitle(metric).build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setChartTitleBoxVisible(false);
    c.getStyler().setLocale(Locale.ROOT); // tick labels the same in every JVM locale
    List<Integer> others = others(design, k);
    // line name (the other parameters as path=value) -> x -> values
    Map<String, TreeMap<Double, List<Double>>> lines = new TreeMap<>();
    for (Map.Entry<List<String>, List<Row>> e : byPoint(rows).entrySet()) {
      List<String> rest = new ArrayList<>();
      for (int o : others) {
        rest.add(paths.get(o) + "=" + e.getKey().get(o));
      }
      String name = design instanceof Sweep.Sample ? "points"
          : rest.isEmpty() ? "mean" : String.join(", ", rest);
      double x = words.isEmpty() ? Double.parseDouble(e.getKey().get(k))
          : words.indexOf(e.getKey().get(k));
      for (double v : values(e.getValue(), metric)) {
        lines.computeIfAbsent(name, n -> new TreeMap<>())
            .computeIfAbsent(x, n -> new ArrayList<>()).add(v);
      }
    }
    int color = 0;
    for (Map.Entry<String, TreeMap<Double, List<Double>>> line : lines.entrySet()) {
      int n = line.getValue().size();
      double[] xs = new double[n];
      double[] mean = new double[n];
      double[] half = new double[n];
      int i = 0;
      for (Map.Entry<Double, List<Double>> p : line.getValue().entrySet()) {
        double[] mci = Replications.meanAndHalfWidth(p.getValue().stream()
            .mapToDouble(Double::doubleValue).toArray());
        xs[i] = p.getKey();
        mean[i] = mci[0];
        half[i++] = mci[1];
      }
      Color col = PALETTE[color++ % PALETTE.length];
      if (design instanceof Sweep.Sample) {
        XYSeries s = c.addSeries(line.getKey(), xs, mean, half);
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(col);
        continue;
      }
      XYSeries s = c.addSeries(line.getKey(), xs, mean);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setLineColor(col);
      s.setMarkerColor(col);
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int j = 0; j < n; j++) {
        lo[j] = mean[j] - half[j];
        hi[j] = mean[j] + half[j];
      }
      for (double[] band : List.of(lo, hi)) {
        XYSeries b = c.addSeries(line.getKey() + (band == lo ? " 95% low" : " 95% high"), xs,
            band);
        b.setMarker(SeriesMarkers.NONE);
        b.setLineColor(col);
        b.setLineStyle(new BasicStroke(0.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {3f, 3f}, 0f));
        b.setShowInLegend(false);
      }
    }
    return Charts.svg(c);
  }

  /** Parameters other than {@code k} and those linked to it. */
  private static List<Integer> others(Sweep.Design d, int k) {
    List<Integer> out = new ArrayList<>();
    if (d instanceof Sweep.Grid g) {
      List<Integer> own = g.groups().stream().filter(gr -> gr.contains(k)).findFirst()
          .orElse(List.of(k));
      for (int i = 0; i < g.params().size(); i++) {
        if (!own.contains(i)) {
          out.add(i);
        }
      }
    }
    return out;
  }

  private static boolean numeric(List<Row> rows, int k) {
    for (Row r : rows) {
      try {
        Double.parseDouble(r.point().get(k));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** Rows grouped by point, points in the order of their first row. */
  static Map<List<String>, List<Row>> byPoint(List<Row> rows) {
    Map<List<String>, List<Row>> m = new LinkedHashMap<>();
    for (Row r : rows) {
      m.computeIfAbsent(r.point(), p -> new ArrayList<>()).add(r);
    }
    return m;
  }

  private static double[] values(List<Row> rows, String metric) {
    return rows.stream().mapToDouble(r -> r.metrics().getOrDefault(metric, Double.NaN))
        .filter(Double::isFinite).toArray();
  }

  /** Differences b - a of {@code metric} over the replications both points ran. */
  static double[] paired(List<Row> a, List<Row> b, String metric) {
    Map<Integer, Double> byRep = new TreeMap<>();
    for (Row r : a) {
      byRep.put(r.replication(), r.metrics().getOrDefault(metric, Double.NaN));
    }
    List<Double> d = new ArrayList<>();
    for (Row r : b) {
      Double x = byRep.get(r.replication());
      double y = r.metrics().getOrDefault(metric, Double.NaN);
      if (x != null && Double.isFinite(x) && Double.isFinite(y)) {
        d.add(y - x);
      }
    }
    return d.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Whether {@code metric} differs between runs (constant metrics get no chart). */
  static boolean varies(List<Row> rows, String metric) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Row r : rows) {
      Double v = r.metrics().get(metric);
      if (v != null && !v.isNaN()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return hi > lo + 1e-9 * Math.max(Math.abs(hi), Math.abs(lo));
  }

  static String f(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "n/a";
  }
}
