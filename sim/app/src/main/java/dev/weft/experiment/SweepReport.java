package dev.weft.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.weft.report.Charts;
import dev.weft.report.Html;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's report: each chosen metric against the first swept parameter, one line per
 * combination of the others, as the mean over replications with a 95% interval.
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

  public static String html(String title, String description, List<Sweep.Param> params,
      List<Row> rows, Map<String, String> charts) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Weft sweep: ")
        .append(Html.esc(title)).append("</title><style>body{font-family:system-ui,sans-serif;"
            + "max-width:980px;margin:2em auto;padding:0 1em}td,th{border:1px solid #ccc;"
            + "padding:.2em .5em}table{border-collapse:collapse}</style></head><body>\n")
        .append("<h1>Sweep: ").append(Html.esc(title)).append("</h1>\n<p>").append(Html.esc(description))
        .append("</p>\n<p>Parameters: ");
    for (Sweep.Param p : params) {
      h.append("<code>").append(Html.esc(p.path())).append("</code> = ")
          .append(Html.esc(String.join(", ", p.values()))).append("; ");
    }
    h.append(rows.size()).append(" runs. Lines are means over replications with 95% Student-t"
        + " intervals; every point uses the same seeds (common random numbers).</p>\n");
    for (Map.Entry<String, String> c : charts.entrySet()) {
      h.append("<figure id=\"").append(Html.esc(c.getKey())).append("\">").append(c.getValue())
          .append("</figure>\n");
    }
    h.append("<p>All figures: <code>results.csv</code>.</p></body></html>\n");
    return h.toString();
  }

  /** Charts by metric name, SVG text. */
  public static Map<String, String> charts(List<Sweep.Param> params, List<Row> rows,
      List<String> metrics) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    Sweep.Param x = params.get(0);
    double[] xs = new double[x.values().size()];
    boolean numeric = true;
    for (int i = 0; i < xs.length; i++) {
      try {
        xs[i] = Double.parseDouble(x.values().get(i));
      } catch (NumberFormatException e) {
        numeric = false;
        xs[i] = i;
      }
    }
    for (String metric : metrics) {
      if (!rows.get(0).metrics().containsKey(metric) || !varies(rows, metric)) {
        continue;
      }
      XYChart c = new XYChartBuilder().width(760).height(340).title(metric)
          .xAxisTitle(x.path() + (numeric ? "" : " (index)")).yAxisTitle(metric).build();
      c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
      c.getStyler().setChartTitleBoxVisible(false);
      // group rows by the other parameters' values
      Map<String, double[][]> lines = new TreeMap<>();
      for (int xi = 0; xi < xs.length; xi++) {
        Map<String, List<Double>> byRest = new TreeMap<>();
        for (Row r : rows) {
          if (!r.point().get(0).equals(x.values().get(xi))) {
            continue;
          }
          String rest = r.point().size() > 1 ? String.join(", ", r.point().subList(1,
              r.point().size())) : metric;
          byRest.computeIfAbsent(rest, k -> new ArrayList<>()).add(r.metrics().get(metric));
        }
        for (Map.Entry<String, List<Double>> e : byRest.entrySet()) {
          double[][] line = lines.computeIfAbsent(e.getKey(),
              k -> new double[][] {new double[xs.length], new double[xs.length]});
          double[] mci = Replications.meanAndHalfWidth(
              e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
          line[0][xi] = mci[0];
          line[1][xi] = mci[1];
        }
      }
      boolean hasZeroCrossing = false;
      for (Map.Entry<String, double[][]> e : lines.entrySet()) {
        XYSeries s = c.addSeries(e.getKey(), xs, e.getValue()[0], e.getValue()[1]);
        s.setMarker(SeriesMarkers.CIRCLE);
        for (double v : e.getValue()[0]) {
          hasZeroCrossing |= v < 0;
        }
      }
      if (hasZeroCrossing && metric.contains("roi")) {
        XYSeries zero = c.addSeries("zero", new double[] {xs[0], xs[xs.length - 1]},
            new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(java.awt.Color.GRAY);
      }
      out.put(metric, Charts.svg(c));
    }
    return out;
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



}
