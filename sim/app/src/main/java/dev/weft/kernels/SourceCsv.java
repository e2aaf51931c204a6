package dev.weft.kernels;

import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A published CSV read for import: header names to columns, and typed field access that
 * records {@code FILE:LINE:COLUMN} errors instead of throwing, so one pass reports all.
 * Plain comma splitting: the profiles imported here never quote fields.
 */
final class SourceCsv {
  private static final int MAX_ERRORS = 50;
  final String file;
  final List<String> lines;
  final Map<String, Integer> columns = new HashMap<>();
  final List<InputError> errors = new ArrayList<>();
  private String[] fields;
  private int[] at;
  private int lineNo;

  private SourceCsv(String file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** Reads {@code path}; the header must name every one of {@code required}. */
  static SourceCsv open(Path path, String shownAs, List<String> required)
      throws InputException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(new Location(shownAs, 1, 1), "cannot read: " + e.getMessage());
    }
    SourceCsv c = new SourceCsv(shownAs, lines);
    if (lines.isEmpty()) {
      throw new InputException(new Location(shownAs, 1, 1), "empty file: expected a header");
    }
    String[] h = lines.get(0).split(",", -1);
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
    return lines.size() - 1;
  }

  /** Moves to data row {@code i} (0-based); false for a blank line or too many errors. */
  boolean row(int i) {
    lineNo = i + 2;
    String line = lines.get(i + 1);
    if (line.isBlank() || errors.size() >= MAX_ERRORS) {
      return false;
    }
    fields = line.split(",", -1);
    at = new int[fields.length];
    for (int j = 1; j < fields.length; j++) {
      at[j] = at[j - 1] + fields[j - 1].length() + 1;
    }
    if (fields.length < columns.size()) {
      errors.add(new InputError(new Location(file, lineNo, line.length() + 1), "expected "
          + columns.size() + " fields, found " + fields.length));
      return false;
    }
    return true;
  }

  int line() {
    return lineNo;
  }

  String text(String col) {
    return fields[columns.get(col)].strip();
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
    errors.add(new InputError(new Location(file, lineNo, (c < at.length ? at[c] : 0) + 1), col
        + ": " + msg));
  }
}
