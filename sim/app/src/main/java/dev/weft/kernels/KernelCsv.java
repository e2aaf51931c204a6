package dev.weft.kernels;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.Label;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes kernel tables in the format of models/kernels/FORMAT.md, checking every
 * row: header, field count, known op / dtype / label, whole numbers where the format wants
 * them, positive finite seconds in seconds (not ms), the columns each op needs, and
 * duplicate keys. Errors are {@code FILE:LINE:COLUMN: message}, all of them at once.
 */
public final class KernelCsv {
  /** The first line of every kernel table. */
  public static final String HEADER = "hardware,op,dtype,m,n,k,batch,tokens,context,heads,"
      + "kv_heads,head_dim,bytes,workers,seconds,samples,source,label";
  static final List<String> COLUMNS = List.of(HEADER.split(","));
  private static final int MAX_ERRORS = 50;
  /** One kernel call longer than this is surely a unit mistake (ms or us written as s). */
  static final double MAX_SECONDS = 3600;

  private KernelCsv() {}

  /**
   * Rows of one table file. {@code hardwareId}, when given, is what every row's hardware
   * column must say (the file name); {@code shownAs} is the name errors use.
   */
  public static List<KernelRow> read(Path file, String shownAs, String hardwareId)
      throws InputException {
    return parse(CsvFile.read(file, shownAs), shownAs, hardwareId);
  }

  static List<KernelRow> parse(List<CsvFile.Row> lines, String file, String hardwareId)
      throws InputException {
    List<InputError> errors = new ArrayList<>();
    if (lines.isEmpty()) {
      throw new InputException(new Location(file, 1, 1), "empty file: the first line must be "
          + "the header " + HEADER);
    }
    checkHeader(lines.get(0), file, errors);
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    List<KernelRow> rows = new ArrayList<>(lines.size());
    Map<List<Object>, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.size() && errors.size() < MAX_ERRORS; i++) {
      CsvFile.Row line = lines.get(i);
      if (line.blank()) {
        continue;
      }
      KernelRow row = parseRow(line, file, hardwareId, errors);
      if (row == null) {
        continue;
      }
      List<Object> key = List.of(row.query().lookupKey(), row.label());
      Integer first = seen.putIfAbsent(key, line.line());
      if (first != null) {
        errors.add(new InputError(new Location(file, line.line(), 1), "duplicate key: same "
            + "shape and label as line " + first));
        continue;
      }
      rows.add(row);
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return rows;
  }

  private static void checkHeader(CsvFile.Row header, String file, List<InputError> errors) {
    String[] got = header.fields();
    for (int i = 0; i < got.length; i++) {
      String name = got[i].strip();
      if (i >= COLUMNS.size() || !COLUMNS.get(i).equals(name)) {
        String msg;
        if (!COLUMNS.contains(name)) {
          msg = "unknown column '" + name + "'" + Suggest.didYouMean(name, COLUMNS);
        } else if (i < COLUMNS.size()) {
          msg = "column " + (i + 1) + " must be '" + COLUMNS.get(i) + "', found '" + name + "'";
        } else {
          msg = "extra column '" + name + "'";
        }
        errors.add(new InputError(new Location(file, 1, header.columns()[i]), msg + "; the "
            + "header must be exactly " + HEADER));
        return;
      }
    }
    if (got.length < COLUMNS.size()) {
      List<String> missing = COLUMNS.subList(got.length, COLUMNS.size());
      errors.add(new InputError(new Location(file, 1, Math.max(1, header.end() - 1)),
          "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)));
    }
  }

  private static KernelRow parseRow(CsvFile.Row row, String file, String hardwareId,
      List<InputError> errors) {
    String[] f = row.fields();
    int[] at = row.columns();
    int lineNo = row.line();
    if (f.length != COLUMNS.size()) {
      errors.add(new InputError(new Location(file, lineNo, f.length > COLUMNS.size()
          ? at[COLUMNS.size()] : row.end()), "expected " + COLUMNS.size()
          + " fields, found " + f.length + (f.length > COLUMNS.size()
          ? " (quote a field that contains a comma)" : "")));
      return null;
    }
    int before = errors.size();
    Field field = (idx, msg) -> errors.add(new InputError(new Location(file, lineNo, at[idx]),
        COLUMNS.get(idx) + ": " + msg));
    String hw = f[0].strip();
    if (hw.isEmpty()) {
      field.error(0, "hardware id is required");
    } else if (hardwareId != null && !hw.equals(hardwareId)) {
      field.error(0, "'" + hw + "' in a table for '" + hardwareId + "' (one file per hardware "
          + "id, named after it)");
    }
    Op op = Op.byId(f[1].strip());
    if (op == null) {
      field.error(1, "unknown op '" + f[1].strip() + "'" + Suggest.didYouMean(f[1].strip(),
          Arrays.stream(Op.values()).map(Op::id).toList()) + "; known: " + Op.known());
    }
    Dtype dtype = null;
    String d = f[2].strip();
    if (!d.isEmpty()) {
      dtype = Dtype.byId(d);
      if (dtype == null) {
        field.error(2, "unknown dtype '" + d + "'; known: " + Dtype.known());
      }
    } else if (op != null && op != Op.COPY && !op.collective()) {
      field.error(2, "dtype is required for " + op.id());
    }
    long[] v = new long[11];
    for (int i = 3; i <= 13; i++) {
      v[i - 3] = whole(f[i], i, field);
    }
    double seconds = seconds(f[14], field);
    long samples = whole(f[15], 15, field);
    if (samples == KernelQuery.NONE) {
      field.error(15, "number of timings is required");
    } else if (samples < 1) {
      field.error(15, "must be at least 1");
    }
    Label label = Label.byId(f[17].strip());
    if (label == null) {
      field.error(17, "unknown label '" + f[17].strip() + "'; known: measured, interpolated, "
          + "calibrated-roofline, spec-roofline");
    }
    if (errors.size() > before) {
      return null;
    }
    KernelQuery q = new KernelQuery(hw, op, dtype, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
        v[7], v[8], v[9], v[10]);
    String problem = q.problem();
    if (problem != null) {
      errors.add(new InputError(new Location(file, lineNo, at[1]), op.id() + ": " + problem));
      return null;
    }
    return new KernelRow(q, seconds, samples, f[16].strip(), label);
  }

  private interface Field {
    void error(int idx, String msg);
  }

  private static long whole(String s, int idx, Field field) {
    String t = s.strip();
    if (t.isEmpty()) {
      return KernelQuery.NONE;
    }
    try {
      long x = Long.parseLong(t);
      if (x < 0) {
        field.error(idx, "must not be negative (leave the field empty when unused)");
      }
      return x;
    } catch (NumberFormatException e) {
      field.error(idx, "'" + t + "' is not a whole number" + (t.matches("[0-9.]+[A-Za-z]+")
          ? " (plain numbers only: elements, tokens or bytes, no units)" : ""));
      return KernelQuery.NONE;
    }
  }

  private static double seconds(String s, Field field) {
    String t = s.strip();
    if (t.isEmpty()) {
      field.error(14, "time is required");
      return Double.NaN;
    }
    double x;
    try {
      x = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      field.error(14, "'" + t + "' is not a number" + (t.matches("[-+0-9.eE]+\\s*[a-zµ]+")
          ? " (plain seconds, no unit: write 2.5e-05, not 25us)" : ""));
      return Double.NaN;
    }
    if (!Double.isFinite(x)) {
      field.error(14, "must be finite");
    } else if (x < 0) {
      field.error(14, "must not be negative");
    } else if (x == 0) {
      field.error(14, "must be positive");
    } else if (x > MAX_SECONDS) {
      field.error(14, t + " s is over an hour for one call: the column is in seconds "
          + "(milliseconds or microseconds written by mistake?)");
    }
    return x;
  }

  /** Writes {@code rows} as a table file, header first, in the given order. */
  public static void write(Path file, List<KernelRow> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        CsvFile.RowWriter out = CsvFile.writer(w)) {
      out.write(COLUMNS.toArray(new String[0]));
      for (KernelRow r : rows) {
        out.write(fields(r));
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * One row's fields in column order. Commas and line ends in the source become {@code ;} and
   * a space, so a table never needs quoting (FORMAT.md) and stays readable by any CSV reader.
   */
  static String[] fields(KernelRow r) {
    KernelQuery q = r.query();
    long[] shape = {q.m(), q.n(), q.k(), q.batch(), q.tokens(), q.context(), q.heads(),
        q.kvHeads(), q.headDim(), q.bytes(), q.workers()};
    String[] f = new String[COLUMNS.size()];
    f[0] = q.hardware();
    f[1] = q.op().id();
    f[2] = q.dtype() == null ? "" : q.dtype().id();
    for (int i = 0; i < shape.length; i++) {
      f[3 + i] = shape[i] == KernelQuery.NONE ? "" : Long.toString(shape[i]);
    }
    f[14] = Num.g6(r.seconds());
    f[15] = Long.toString(r.samples());
    f[16] = r.source().replace(',', ';').replace('\n', ' ');
    f[17] = r.label().id();
    return f;
  }
}
