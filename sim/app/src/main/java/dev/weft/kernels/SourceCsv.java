package dev.weft.kernels;

import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A published CSV read for import: header names to columns, and typed field access that
 * records {@code FILE:LINE:COLUMN} errors instead of throwing, so one pass reports all.
 */
final class SourceCsv {
  private static final int MAX_ERRORS = 50;
  final String file;
  final List<CsvFile.Row> rows;
  final Map<String, Integer> columns = new HashMap<>();
  final List<InputError> errors = new ArrayList<>();
  private CsvFile.Row row;

  private SourceCsv(String file, List<CsvFile.Row> rows) {
    this.file = file;
    this.rows = rows;
  }

  /** Reads {@code path}; the header must name every one of {@code required}. */
  static SourceCsv open(Path path, String shownAs, List<String> required)
      throws InputException {
    List<CsvFile.Row> rows = CsvFile.read(path, shownAs);
    SourceCsv c = new SourceCsv(shownAs, rows);
    if (rows.isEmpty()) {
      throw new InputException(new Location(shownAs, 1, 1), "empty file: expected a header");
    }
    String[] h = rows.get(0).fields();
    for (int i = 0; i < h.length; i++) {
      c.columns.putIfAbsent(h[i].strip(), i);
    }
    List<InputError> missing = new ArrayList<>();
    for (String r : required) {
      if (!c.columns.containsKey(r)) {
        missing.add(new InputError(new Location(shownAs, 1, 1), "missing column '" + r + "'"));
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(missing);
    }
    return c;
  }

  int rowCount() {
    return rows.size() - 1;
  }

  /** Moves to data row {@code i} (0-based); false for a blank line or too many errors. */
  boolean row(int i) {
    row = rows.get(i + 1);
    if (row.blank() || errors.size() >= MAX_ERRORS) {
      return false;
    }
    if (row.size() < columns.size()) {
      errors.add(new InputError(new Location(file, row.line(), row.end()), "expected "
          + columns.size() + " fields, found " + row.size()));
      return false;
    }
    return true;
  }

  int line() {
    return row.line();
  }

  String text(String col) {
    return row.fields()[columns.get(col)].strip();
  }

  /** A whole number >= {@code min}, or -1 after recording an error. */
  long whole(String col, long min) {
    String t = text(col);
    try {
      long v = Long.parseLong(t);
      if (v < min) {
        error(col, "must be at least " + min + ", found " + v);
        return -1;
      }
      return v;
    } catch (NumberFormatException e) {
      error(col, "'" + t + "' is not a whole number");
      return -1;
    }
  }

  /** A positive finite time, or NaN after recording an error. */
  double time(String col) {
    String t = text(col);
    try {
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v) || v <= 0) {
        error(col, "time must be positive and finite, found " + t);
        return Double.NaN;
      }
      return v;
    } catch (NumberFormatException e) {
      error(col, "'" + t + "' is not a number");
      return Double.NaN;
    }
  }

  void error(String col, String msg) {
    int c = columns.get(col);
    errors.add(new InputError(new Location(file, row.line(), c < row.size() ? row.columns()[c]
        : 1), col + ": " + msg));
  }
}
