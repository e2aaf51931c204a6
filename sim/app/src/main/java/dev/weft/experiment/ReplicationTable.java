package dev.weft.experiment;

import dev.weft.report.Report;
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

  /** The table, for {@link Report#with}. */
  Report.Table table() {
    List<String> header = new ArrayList<>(List.of("replication", "seed"));
    header.addAll(columns);
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(r),
          Long.toString(seeds.get(r))));
      for (String c : columns) {
        row.add(f(runs.get(r).getOrDefault(c, Double.NaN)));
      }
      rows.add(row);
    }
    List<String> mean = new ArrayList<>(List.of("mean [95% CI]", ""));
    columns.forEach(c -> mean.add(ci(c)));
    rows.add(mean);
    return new Report.Table("Replications", intro(), header, rows);
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
