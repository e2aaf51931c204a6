package dev.weft.scenario.data;

import dev.weft.scenario.Arrivals;
import dev.weft.workload.ArrivalTrace;
import dev.weft.yaml.Bounded;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a request trace CSV (such as Azure's LLM inference traces) into an {@link
 * ArrivalTrace}: times relative to the earliest row, divided by the speedup, rows sorted by
 * time. Timestamps may be seconds or ISO-like date-times with up to nine fraction digits. Every
 * bad cell is reported with its line and column.
 */
public final class TraceReader {
  private static final DateTimeFormatter STAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();
  private static final int MAX_ERRORS = 20;
  /** Limits of a trace file: 256 MiB (a few million requests), 4 KiB a line. */
  static final long MAX_BYTES = 256L * 1024 * 1024;
  static final int MAX_LINE = 4096;

  private TraceReader() {}

  public static ArrivalTrace read(Arrivals a, Location declaredAt) throws InputException {
    Path file = Path.of(a.file());
    String shown = a.file();
    if (!Files.exists(file)) {
      throw new InputException(declaredAt, "trace file not found: " + a.file());
    }
    List<String> lines = Bounded.lines(file, MAX_BYTES, MAX_LINE, shown, "a trace");
    if (lines.isEmpty()) {
      throw new InputException(new Location(shown, 1, 1), "trace file is empty");
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    List<InputError> errors = new ArrayList<>();
    int tc = column(header, a.time(), shown, errors);
    int pc = column(header, a.promptTokens(), shown, errors);
    int oc = column(header, a.outputTokens(), shown, errors);
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    int n = 0;
    double[] t = new double[lines.size()];
    int[] p = new int[lines.size()];
    int[] o = new int[lines.size()];
    for (int i = 1; i < lines.size() && errors.size() < MAX_ERRORS; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        errors.add(new InputError(new Location(shown, i + 1, 1), "expected " + header.size()
            + " columns, found " + cells.length));
        continue;
      }
      try {
        t[n] = time(cells[tc].strip());
      } catch (IllegalArgumentException e) {
        errors.add(new InputError(new Location(shown, i + 1, col(cells, tc)),
            "not a time (seconds or yyyy-MM-dd HH:mm:ss.fff)"));
        continue;
      }
      Integer pt = tokens(cells[pc], shown, i + 1, col(cells, pc), errors);
      Integer ot = tokens(cells[oc], shown, i + 1, col(cells, oc), errors);
      if (pt == null || ot == null) {
        continue;
      }
      p[n] = pt;
      o[n] = ot;
      n++;
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    if (n == 0) {
      throw new InputException(new Location(shown, 2, 1), "trace file has no rows");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] times = t;
    Arrays.sort(order, (x, y) -> Double.compare(times[x], times[y])); // stable: ties keep order
    double first = t[order[0]];
    double[] off = new double[n];
    int[] ps = new int[n];
    int[] os = new int[n];
    for (int i = 0; i < n; i++) {
      off[i] = (t[order[i]] - first) / a.speedup();
      ps[i] = p[order[i]];
      os[i] = o[order[i]];
    }
    double span = off[n - 1];
    double period = span + (n > 1 ? span / (n - 1) : 1.0); // one mean gap between the laps
    return new ArrivalTrace(shown, off, ps, os, period);
  }

  private static int col(String[] cells, int index) {
    int c = 1;
    for (int i = 0; i < index; i++) {
      c += cells[i].length() + 1;
    }
    return c;
  }

  private static int column(List<String> header, String name, String file,
      List<InputError> errors) {
    int i = header.indexOf(name);
    if (i < 0) {
      // the header is not quoted: the file may be anything (a .env, a key file)
      errors.add(new InputError(new Location(file, 1, 1), "trace has no column '" + name
          + "' (its first line names the columns, comma-separated)"));
    }
    return i;
  }

  private static Integer tokens(String cell, String file, int line, int column,
      List<InputError> errors) {
    try {
      long v = Long.parseLong(cell.strip());
      if (v < 0 || v > 10_000_000) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      errors.add(new InputError(new Location(file, line, column),
          "not a token count (a whole number from 0 to 10,000,000)"));
      return null;
    }
  }

  static double time(String s) {
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // not seconds: try a date-time
    }
    try {
      LocalDateTime dt = LocalDateTime.parse(s, STAMP);
      return dt.toEpochSecond(ZoneOffset.UTC) + dt.getNano() / 1e9;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
