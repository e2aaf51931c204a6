package dev.weft.report;

import dev.weft.economics.EconomicsSummary;
import dev.weft.run.JobStats;
import dev.weft.run.RunResult;
import dev.weft.run.TimeSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts as SVG text, drawn with XChart (needs java.awt.headless=true). */
public final class Charts {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 320;

  private Charts() {}

  /** Chart file name (without extension) to SVG text, in report order. */
  public static Map<String, String> all(RunResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    TimeSeries s = r.series();
    double[] hours = scale(s.column("time"), 1 / 3600.0);
    out.put("queue-and-running", svg(lines("Jobs waiting and running", "simulated time (h)",
        "jobs", hours, Map.of("queued", s.column("queued"), "running", s.column("running")),
        List.of("queued", "running"))));
    out.put("utilization", svg(lines("Serving capacity in use, and nodes holding a job",
        "simulated time (h)", "share of online nodes", hours,
        Map.of("utilization", s.column("utilization"), "busy", s.column("busy")),
        List.of("utilization", "busy"))));
    out.put("online-nodes", svg(lines("Nodes online", "simulated time (h)", "nodes", hours,
        Map.of("online", s.column("onlineNodes")), List.of("online"))));
    out.put("throughput", svg(lines("Completed jobs per second", "simulated time (h)",
        "jobs/s", hours, Map.of("throughput", s.column("throughput")),
        List.of("throughput"))));
    out.put("latency-by-workload", svg(latencyBars(r)));
    if (s.columns().contains("networkBytes")) {
      double[] mbps = scale(s.column("networkBytes"), 8 / 1e6 / interval(s));
      out.put("network-throughput", svg(lines("Network throughput (all transfers)",
          "simulated time (h)", "Mbit/s", hours, Map.of("network", mbps), List.of("network"))));
    }
    if (r.economySeries() != null && !r.economySeries().rows().isEmpty()) {
      TimeSeries e = r.economySeries();
      double[] eh = scale(e.column("time"), 1 / 3600.0);
      out.put("token-supply", svg(lines("Token supply", "simulated time (h)", "tokens", eh,
          Map.of("supply", e.column("supply"), "staked", e.column("staked")),
          List.of("supply", "staked"))));
      out.put("token-price", svg(lines("Token price", "simulated time (h)", "fiat per token", eh,
          Map.of("price", e.column("price")), List.of("price"))));
    }
    if (r.economics() != null && !r.economics().operatorLedger().isEmpty()) {
      out.put("operator-profit", svg(profitQuantiles(r.economics().operatorLedger())));
    }
    return out;
  }

  /** The sampling interval of a series (its first time stamp: samples start one interval in). */
  private static double interval(TimeSeries s) {
    double[] t = s.column("time");
    return t.length > 1 ? t[1] - t[0] : t.length == 1 && t[0] > 0 ? t[0] : 1;
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * f;
    }
    return out;
  }

  private static XYChart lines(String title, String x, String y, double[] xs,
      Map<String, double[]> series, List<String> order) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
        .yAxisTitle(y).build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    c.getStyler().setLegendVisible(order.size() > 1);
    // time from the run's start: XChart otherwise starts the axis at the first sample (one
    // interval in) and labels odd steps such as .0167, 0.1833, .35
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisDecimalPattern("#,##0.##");
    for (String name : order) {
      double[] ys = series.get(name);
      if (xs.length == 0) {
        continue;
      }
      double[][] xy = downsample(xs, ys, MAX_BUCKETS);
      XYSeries line = c.addSeries(name, xy[0], xy[1]);
      line.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  /**
   * The distribution of operators' profit over the window as quantile curves, one per node
   * class and behaviour: the x-axis is the share of that group's operators earning at most y.
   */
  static XYChart profitQuantiles(List<EconomicsSummary.OperatorLedger> rows) {
    Map<String, List<Double>> groups = new LinkedHashMap<>();
    for (EconomicsSummary.OperatorLedger o : rows) {
      groups.computeIfAbsent(o.nodeClass() + " " + o.behaviour(), k -> new ArrayList<>())
          .add(o.profit());
    }
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Operator profit over the window (fiat), distribution by class and behaviour")
        .xAxisTitle("share of the group's operators (%)").yAxisTitle("profit (fiat)").build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (Map.Entry<String, List<Double>> g : groups.entrySet()) {
      double[] y = g.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] x = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        x[i] = y.length == 1 ? 50 : 100.0 * i / (y.length - 1);
      }
      double[][] xy = downsample(x, y, MAX_BUCKETS);
      c.addSeries(g.getKey(), xy[0], xy[1]).setMarker(y.length == 1 ? SeriesMarkers.CIRCLE
          : SeriesMarkers.NONE);
    }
    return c;
  }

  /** Buckets a line is drawn with at most: two points each, far more than 760 pixels need. */
  static final int MAX_BUCKETS = 1000;

  /**
   * The line through {@code xs, ys} with at most {@code 2 * buckets} points: each bucket of
   * consecutive points keeps its lowest and highest, in time order, so peaks and troughs
   * survive (min-max decimation) and drawing costs the same for any horizon. Short lines are
   * returned as they are.
   */
  static double[][] downsample(double[] xs, double[] ys, int buckets) {
    int n = xs.length;
    if (n <= 2 * buckets) {
      return new double[][] {xs, ys};
    }
    double[] ox = new double[2 * buckets];
    double[] oy = new double[2 * buckets];
    int k = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) n * b / buckets);
      int to = (int) ((long) n * (b + 1) / buckets);
      int lo = from;
      int hi = from;
      for (int i = from + 1; i < to; i++) {
        if (ys[i] < ys[lo]) {
          lo = i;
        }
        if (ys[i] > ys[hi]) {
          hi = i;
        }
      }
      int first = Math.min(lo, hi);
      int second = Math.max(lo, hi);
      ox[k] = xs[first];
      oy[k++] = ys[first];
      ox[k] = xs[second];
      oy[k++] = ys[second];
    }
    return new double[][] {ox, oy};
  }

  private static CategoryChart latencyBars(RunResult r) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Latency by workload (jobs after warm-up)").xAxisTitle("workload")
        .yAxisTitle("seconds").build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    List<String> names = new ArrayList<>(r.workloads().keySet());
    String[] labels = {"p50", "p95", "p99"};
    for (String label : labels) {
      List<Double> v = new ArrayList<>();
      for (String n : names) {
        JobStats j = r.workloads().get(n);
        v.add(switch (label) {
          case "p50" -> j.latency().p50();
          case "p95" -> j.latency().p95();
          default -> j.latency().p99();
        });
      }
      c.addSeries(label, names, v);
    }
    return c;
  }

  private static void style(Styler s) {
    s.setLocale(java.util.Locale.ROOT); // tick labels the same in every JVM locale
    s.setChartBackgroundColor(java.awt.Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setAntiAlias(true);
    s.setChartTitleBoxVisible(false);
  }

  private static final java.util.regex.Pattern LONG_DECIMAL =
      java.util.regex.Pattern.compile("(-?\\d+\\.\\d{2})\\d+");
  private static final java.util.regex.Pattern CLIP_ID =
      java.util.regex.Pattern.compile("clip\\d+");

  /**
   * XChart draws text as glyph outlines, so an SVG is mostly path coordinates: two decimals
   * are exact to a hundredth of a pixel and halve the size. Clip ids come from identity hashes;
   * renumbering them makes the output reproducible.
   */
  static String compact(String svg) {
    String rounded = LONG_DECIMAL.matcher(svg).replaceAll("$1");
    java.util.regex.Matcher m = CLIP_ID.matcher(rounded);
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    StringBuilder sb = new StringBuilder(rounded.length());
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(), k -> "clip" + ids.size());
      m.appendReplacement(sb, id);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code chart} as SVG text for inlining (any XChart chart: runs, sweeps). */
  public static String svg(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, bytes,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      String text = bytes.toString(StandardCharsets.UTF_8);
      int start = text.indexOf("<svg");
      text = start > 0 ? text.substring(start) : text; // drop the XML prolog for inlining
      return compact(text);
    } catch (IOException e) {
      throw new IllegalStateException("cannot draw chart", e);
    }
  }
}
