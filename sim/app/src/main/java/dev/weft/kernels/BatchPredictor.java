package dev.weft.kernels;

import dev.weft.hardware.Dtype;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft kernels predict --batch}: a CSV of kernel queries (header {@code
 * hardware,op,m,n,k,dtype} plus optional kernel-table shape columns, in any order) predicted row
 * by row, each row written back with its seconds and label. Every bad cell is reported with its
 * {@code FILE:LINE:COLUMN} before anything is written.
 */
public final class BatchPredictor {
  /** Attention shape used when a query does not say: Llama-3-8B's, as profiled. */
  private static final int[] DEFAULT_ATTENTION = {32, 8, 128};

  private BatchPredictor() {}

  /** Heads, KV heads and head size of {@link #DEFAULT_ATTENTION}, a fresh copy. */
  public static int[] defaultAttention() {
    return DEFAULT_ATTENTION.clone();
  }

  /** The columns --batch reads besides the required six. */
  static final List<String> OPTIONAL = List.of("batch", "tokens", "context", "heads", "kv_heads",
      "head_dim", "bytes", "workers");
  static final List<String> REQUIRED = List.of("hardware", "op", "m", "n", "k", "dtype");

  /** Predicts every row of {@code file}; every bad row is reported before anything prints. */
  public static String predict(Kernels kernels, Path file, boolean provenance)
      throws InputException {
    String shown = file.toString();
    List<CsvFile.Row> rows = CsvFile.read(file, shown);
    if (rows.isEmpty()) {
      throw new InputException(new Location(shown, 1, 1), "empty file: the header is "
          + String.join(",", REQUIRED));
    }
    CsvFile.Row header = rows.get(0);
    Map<String, Integer> at = columns(header, shown);
    List<InputError> errors = new ArrayList<>();
    StringWriter text = new StringWriter(rows.size() * 64);
    try (CsvFile.RowWriter out = CsvFile.writer(text)) {
      out.write(append(header.fields(), provenance ? new String[] {"seconds", "source",
          "provenance"} : new String[] {"seconds", "source"}));
      for (int li = 1; li < rows.size() && errors.size() < 100; li++) {
        CsvFile.Row row = rows.get(li);
        if (row.blank()) {
          continue;
        }
        if (row.size() != header.size()) {
          errors.add(new InputError(new Location(shown, row.line(), 1), "expected "
              + header.size() + " fields, found " + row.size()));
          continue;
        }
        RowReader r = new RowReader(row, at, shown, errors);
        KernelQuery q = query(kernels, r);
        if (q == null) {
          continue;
        }
        Prediction p;
        try {
          p = kernels.model().predict(q);
        } catch (IllegalArgumentException e) {
          r.error("hardware", e.getMessage());
          continue;
        }
        String seconds = Num.g6(p.seconds());
        out.write(append(row.fields(), provenance ? new String[] {seconds, p.label().id(),
            p.source().replace(',', ';')} : new String[] {seconds, p.label().id()}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return text.toString();
  }

  /** Column name to index; every unknown, doubled or missing column is an error. */
  private static Map<String, Integer> columns(CsvFile.Row header, String shown)
      throws InputException {
    String[] cols = header.fields();
    Map<String, Integer> at = new HashMap<>();
    List<InputError> errors = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      String c = cols[i].strip();
      Location where = new Location(shown, 1, header.columns()[i]);
      if (!REQUIRED.contains(c) && !OPTIONAL.contains(c) && !c.equals("seconds")
          && !c.equals("source")) {
        List<String> known = new ArrayList<>(REQUIRED);
        known.addAll(OPTIONAL);
        errors.add(new InputError(where, "unknown column '" + c + "'"
            + Suggest.didYouMean(c, known)));
      } else if (at.putIfAbsent(c, i) != null) {
        errors.add(new InputError(where, "column '" + c + "' twice"));
      }
    }
    for (String r : REQUIRED) {
      if (!at.containsKey(r)) {
        errors.add(new InputError(new Location(shown, 1, 1), "missing column '" + r
            + "'; the header must have " + String.join(",", REQUIRED)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return at;
  }

  /** The query one row asks, with attention and collective defaults; null after an error. */
  private static KernelQuery query(Kernels kernels, RowReader r) {
    int before = r.errors().size();
    String hw = r.text("hardware");
    if (!kernels.hardware().containsKey(hw)) {
      r.error("hardware", "unknown hardware '" + hw + "'" + Suggest.didYouMean(hw,
          kernels.hardware().keySet()) + "; known: " + String.join(", ",
          kernels.hardware().keySet()));
    } else if (!kernels.hardware().get(hw).hasFigures()) {
      r.error("hardware", hw + " has no kernel times (abstract hardware)");
    }
    Op o = Op.byId(r.text("op"));
    if (o == null) {
      r.error("op", "unknown op '" + r.text("op") + "'" + Suggest.didYouMean(r.text("op"),
          Arrays.stream(Op.values()).map(Op::id).toList()) + "; known: " + Op.known());
    }
    String ds = r.text("dtype");
    Dtype d = ds.isEmpty() ? (o != null && (o == Op.COPY || o.collective()) ? null
        : Dtype.BF16) : Dtype.byId(ds);
    if (!ds.isEmpty() && d == null) {
      r.error("dtype", "unknown dtype '" + ds + "'; known: " + Dtype.known());
    }
    long[] v = new long[11];
    String[] names = {"m", "n", "k", "batch", "tokens", "context", "heads", "kv_heads",
        "head_dim", "bytes", "workers"};
    for (int i = 0; i < names.length; i++) {
      v[i] = r.whole(names[i]);
    }
    if (r.errors().size() > before) {
      return null;
    }
    if (o.attention()) {
      int[] a = DEFAULT_ATTENTION;
      v[3] = v[3] < 0 ? 1 : v[3];
      v[4] = v[4] < 0 && o == Op.ATTENTION_DECODE ? 1 : v[4];
      v[5] = v[5] < 0 ? 0 : v[5];
      v[6] = v[6] < 0 ? a[0] : v[6];
      v[7] = v[7] < 0 ? (r.at().containsKey("heads") ? v[6] : a[1]) : v[7];
      v[8] = v[8] < 0 ? a[2] : v[8];
    }
    if (o == Op.SEND_RECV && v[10] < 0) {
      v[10] = 2;
    }
    KernelQuery q = new KernelQuery(hw, o, d, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
        v[8], v[9], v[10]);
    String problem = q.problem();
    if (problem != null) {
      r.error("op", o.id() + ": " + problem);
      return null;
    }
    return q;
  }

  private static String[] append(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Field access on one --batch row, recording positioned errors. */
  private record RowReader(CsvFile.Row row, Map<String, Integer> at, String file,
      List<InputError> errors) {
    String text(String col) {
      Integer i = at.get(col);
      return i == null ? "" : row.fields()[i].strip();
    }

    void error(String col, String msg) {
      Integer i = at.get(col);
      errors.add(new InputError(new Location(file, row.line(), i == null ? 1
          : row.columns()[i]), msg));
    }

    long whole(String col) {
      String t = text(col);
      if (t.isEmpty()) {
        return KernelQuery.NONE;
      }
      try {
        long x = Long.parseLong(t);
        if (x < 0) {
          error(col, col + " must not be negative");
        }
        return x;
      } catch (NumberFormatException e) {
        error(col, col + ": '" + t + "' is not a whole number");
        return KernelQuery.NONE;
      }
    }
  }
}
