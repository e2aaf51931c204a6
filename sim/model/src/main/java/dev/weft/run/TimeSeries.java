package dev.weft.run;

import java.util.ArrayList;
import java.util.List;

/** Rows sampled at a fixed interval; the first column is simulated time in seconds. */
public record TimeSeries(List<String> columns, List<double[]> rows) {
  public TimeSeries {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public double[] column(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column " + name);
    }
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[c];
    }
    return out;
  }

  static final class Builder {
    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    Builder(List<String> columns) {
      this.columns = columns;
    }

    void add(double... row) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("row has " + row.length + " values");
      }
      rows.add(row);
    }

    TimeSeries build() {
      return new TimeSeries(columns, rows);
    }
  }
}
