package dev.weft.compare;

import dev.weft.report.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The comparison's charts: per objective, baseline and proposal means with their 95%
 * intervals side by side; per proposal, the time series that differ most between the sides,
 * both sides' mean trajectories on one chart with their 95% bands and the activation marked.
 */
final class ComparisonCharts {
  static final Color BASE = new Color(0x4C72B0);
  static final Color PROP = new Color(0xDD8452);
  /** Trajectories charted per proposal: those whose sides differ most. */
  static final int SERIES_CHARTS = 3;

  private ComparisonCharts() {}

  /** Before/after bars of one objective's metric with 95% intervals. */
  static String objective(Judge.ObjectiveResult r, String proposal) {
    CategoryChart c = new CategoryChartBuilder().width(420).height(300)
        .title(r.objective().metric()).yAxisTitle(r.objective().metric()).build();
    style(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setOverlapped(true);
    c.getStyler().setSeriesColors(new Color[] {BASE, PROP});
    List<String> x = List.of("baseline", proposal);
    c.addSeries("baseline", x, List.of(r.baseline().mean(), 0.0),
        List.of(r.baseline().halfWidth(), 0.0));
    c.addSeries(proposal, x, List.of(0.0, r.proposal().mean()),
        List.of(0.0, r.proposal().halfWidth()));
    return Charts.svg(c);
  }

  /** Time-series charts of one proposal against the baseline, by column. */
  static Map<String, String> series(SeriesBands base, SeriesBands prop, String proposal,
      Proposal.Activation activation) {
    List<String> cols = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    for (String col : base.columns()) {
      if (!prop.columns().contains(col)) {
        continue;
      }
      double gap = gap(base.mean(col), prop.mean(col));
      if (gap > 1e-9) {
        cols.add(col);
        gaps.add(gap);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(gaps.get(b), gaps.get(a))); // stable for ties
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(SERIES_CHARTS, order.size()); i++) {
      String col = cols.get(order.get(i));
      out.put(col, seriesChart(col, base, prop, proposal, activation));
    }
    return out;
  }

  /** Largest gap between the mean trajectories, relative to their overall scale. */
  static double gap(double[] a, double[] b) {
    double scale = 0;
    double gap = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
        scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        gap = Math.max(gap, Math.abs(a[i] - b[i]));
      }
    }
    return scale == 0 ? 0 : gap / scale;
  }

  private static String seriesChart(String col, SeriesBands base, SeriesBands prop,
      String proposal, Proposal.Activation activation) {
    XYChart c = new XYChartBuilder().width(760).height(320).title(col + " over time")
        .xAxisTitle("simulated time (h)").yAxisTitle(col).build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    line(c, "baseline", base, col, BASE);
    line(c, proposal, prop, col, PROP);
    if (activation != null) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : concat(base.mean(col), prop.mean(col))) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (lo <= hi) {
        double at = activation.at() / 3600;
        XYSeries s = c.addSeries("activation", new double[] {at, at}, new double[] {lo, hi});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f));
      }
    }
    return Charts.svg(c);
  }

  private static void line(XYChart c, String name, SeriesBands b, String col, Color color) {
    double[] t = b.time();
    double[] m = b.mean(col);
    double[] h = b.halfWidth(col);
    int n = Math.min(t.length, m.length);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = t[i] / 3600;
      y[i] = m[i];
      lo[i] = m[i] - h[i];
      hi[i] = m[i] + h[i];
    }
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    for (double[] band : List.of(lo, hi)) {
      XYSeries e = c.addSeries(name + (band == lo ? " 95% low" : " 95% high"), x, band);
      e.setMarker(SeriesMarkers.NONE);
      e.setLineColor(color);
      e.setLineStyle(new BasicStroke(0.5f));
      e.setShowInLegend(false);
    }
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
  }
}
