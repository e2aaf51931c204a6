package dev.weft.compare;

import dev.weft.run.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side's time series over replications, kept as running sums per column and sample so
 * memory does not grow with the replications: the mean trajectory and a 95% normal band of
 * that mean at each sample. Runs of one comparison share duration and sampling interval, so
 * their rows line up; a shorter run contributes to the rows it has.
 */
final class SeriesBands {
  private final Map<String, double[][]> sums = new LinkedHashMap<>(); // column -> {sum, sumSq}
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private double[] time;

  /** Adds one run's series (the run's and, when present, the economy's). */
  void add(TimeSeries... series) {
    for (TimeSeries s : series) {
      if (s == null || s.rows().isEmpty()) {
        continue;
      }
      double[] t = s.column(s.columns().get(0));
      if (time == null || t.length > time.length) {
        time = t;
      }
      for (int c = 1; c < s.columns().size(); c++) {
        String name = s.columns().get(c);
        double[] v = s.column(name);
        double[][] acc = sums.computeIfAbsent(name, k -> new double[2][0]);
        int[] n = counts.computeIfAbsent(name, k -> new int[0]);
        if (acc[0].length < v.length) {
          acc[0] = java.util.Arrays.copyOf(acc[0], v.length);
          acc[1] = java.util.Arrays.copyOf(acc[1], v.length);
          n = java.util.Arrays.copyOf(n, v.length);
          counts.put(name, n);
        }
        for (int i = 0; i < v.length; i++) {
          if (Double.isFinite(v[i])) {
            acc[0][i] += v[i];
            acc[1][i] += v[i] * v[i];
            n[i]++;
          }
        }
      }
    }
  }

  List<String> columns() {
    return new ArrayList<>(sums.keySet());
  }

  double[] time() {
    return time == null ? new double[0] : time;
  }

  /** Mean of {@code column} at each sample. */
  double[] mean(String column) {
    double[][] acc = sums.get(column);
    int[] n = counts.get(column);
    double[] out = new double[acc[0].length];
    for (int i = 0; i < out.length; i++) {
      out[i] = n[i] == 0 ? Double.NaN : acc[0][i] / n[i];
    }
    return out;
  }

  /** Half-width of the 95% normal interval of the mean at each sample (0 for one run). */
  double[] halfWidth(String column) {
    double[][] acc = sums.get(column);
    int[] n = counts.get(column);
    double[] out = new double[acc[0].length];
    for (int i = 0; i < out.length; i++) {
      if (n[i] < 2) {
        continue;
      }
      double mean = acc[0][i] / n[i];
      double var = Math.max(0, (acc[1][i] - n[i] * mean * mean) / (n[i] - 1));
      out[i] = 1.96 * Math.sqrt(var / n[i]);
    }
    return out;
  }
}
