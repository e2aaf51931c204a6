package dev.weft.report;

import org.knowm.xchart.internal.chartpart.Chart;

/** SVG rendering for charts built outside this package (sweeps, comparisons). */
public final class ChartsAccess {
  private ChartsAccess() {}

  public static String svg(Chart<?, ?> chart) {
    return Charts.svg(chart);
  }
}
