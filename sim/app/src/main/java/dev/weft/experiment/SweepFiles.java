package dev.weft.experiment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading, repairing and ordering a sweep's CSV files (results.csv, timeseries.csv). */
final class SweepFiles {
  private SweepFiles() {}

  /** A crash can leave half a row; cut the file back to its last complete line. */
  static void dropTruncatedLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] b = Files.readAllBytes(file);
    int end = b.length;
    while (end > 0 && b[end - 1] != '\n') {
      end--;
    }
    if (end != b.length) {
      Files.write(file, java.util.Arrays.copyOf(b, end));
    }
  }

  static List<String> readHeader(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = r.readLine();
      return first == null ? List.of() : parseLine(first);
    }
  }

  /** Rows of results.csv (lines of another width, from a crash, are skipped). */
  static List<SweepReport.Row> readRows(Path results, int nParams) throws IOException {
    List<SweepReport.Row> rows = new ArrayList<>();
    if (!Files.exists(results)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return rows;
    }
    List<String> header = parseLine(lines.get(0));
    if (header.size() < nParams + 2) {
      throw new IOException(results + ":1: the header lacks the parameter, replication and"
          + " seed columns (edited by hand?); restore it or delete the folder to start over");
    }
    for (int n = 1; n < lines.size(); n++) {
      List<String> cells = parseLine(lines.get(n));
      if (cells.size() != header.size()) {
        continue;
      }
      Map<String, Double> m = new LinkedHashMap<>();
      try {
        for (int i = nParams + 2; i < header.size(); i++) {
          m.put(header.get(i), cells.get(i).isEmpty() ? Double.NaN
              : Double.parseDouble(cells.get(i)));
        }
        rows.add(new SweepReport.Row(List.copyOf(cells.subList(0, nParams)),
            Integer.parseInt(cells.get(nParams)), m));
      } catch (NumberFormatException e) { // the cell is not echoed: it may be anything
        throw new IOException(results + ":" + (n + 1) + ": a metric or replication cell is not"
            + " a number (edited by hand?); restore the row or delete it to run it again");
      }
    }
    return rows;
  }

  /**
   * Rewrites {@code file} with its data lines ordered by point (the order of {@code order},
   * points not in it last) and replication, keeping the order of lines within one run;
   * replaced atomically, so a kill leaves the old file or the new one.
   */
  static void sortInPlace(Path file, int nParams, List<String> order) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return;
    }
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.putIfAbsent(order.get(i), i);
    }
    // (point rank, replication) -> lines in file order
    TreeMap<long[], List<String>> groups = new TreeMap<>((a, b) -> a[0] != b[0]
        ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(a[1], b[1])
            : Long.compare(a[2], b[2]));
    Map<String, long[]> keys = new HashMap<>();
    long unknown = order.size();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = parseLine(line);
      if (cells.size() <= nParams) {
        continue;
      }
      String point = SweepRun.key(cells.subList(0, nParams));
      String runKey = point + "#" + cells.get(nParams);
      long[] k = keys.get(runKey);
      if (k == null) {
        Integer r = rank.get(point);
        long p = r != null ? r : unknown++;
        k = new long[] {p, Long.parseLong(cells.get(nParams)), 0};
        keys.put(runKey, k);
      }
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(line);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".sorting");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(lines.get(0));
      w.write('\n');
      for (List<String> g : groups.values()) {
        for (String l : g) {
          w.write(l);
          w.write('\n');
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static List<String> parseLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
