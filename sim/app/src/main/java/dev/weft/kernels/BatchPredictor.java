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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(new Location(shown, 1, 1), Files.exists(file)
          ? "cannot read: " + e.getMessage() : "file not found");
    }
    if (lines.isEmpty()) {
      throw new InputException(new Location(shown, 1, 1), "empty file: the header is "
          + String.join(",", REQUIRED));
    }
    String header = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1)
        : lines.get(0);
    String[] cols = header.split(",", -1);
    Map<String, Integer> at = new HashMap<>();
    List<InputError> errors = new ArrayList<>();
    int pos = 1;
    for (int i = 0; i < cols.length; i++) {
      String c = cols[i].strip();
      if (!REQUIRED.contains(c) && !OPTIONAL.contains(c) && !c.equals("seconds")
          && !c.equals("source")) {
        List<String> known = new ArrayList<>(REQUIRED);
        known.addAll(OPTIONAL);
        errors.add(new InputError(new Location(shown, 1, pos), "unknown column '" + c + "'"
            + Suggest.didYouMean(c, known)));
      } else if (at.putIfAbsent(c, i) != null) {
        errors.add(new InputError(new Location(shown, 1, pos), "column '" + c + "' twice"));
      }
      pos += cols[i].length() + 1;
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
    StringBuilder out = new StringBuilder(lines.size() * 64);
    out.append(header).append(",seconds,source").append(provenance ? ",provenance" : "")
        .append('\n');
    for (int li = 1; li < lines.size() && errors.size() < 100; li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      int[] start = new int[f.length];
      for (int i = 1; i < f.length; i++) {
        start[i] = start[i - 1] + f[i - 1].length() + 1;
      }
      int lineNo = li + 1;
      if (f.length != cols.length) {
        errors.add(new InputError(new Location(shown, lineNo, 1), "expected " + cols.length
            + " fields, found " + f.length));
        continue;
      }
      int before = errors.size();
      RowReader r = new RowReader(f, start, at, shown, lineNo, errors);
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
      if (errors.size() > before) {
        continue;
      }
      if (o != null && o.attention()) {
        int[] a = DEFAULT_ATTENTION;
        v[3] = v[3] < 0 ? 1 : v[3];
        v[4] = v[4] < 0 && o == Op.ATTENTION_DECODE ? 1 : v[4];
        v[5] = v[5] < 0 ? 0 : v[5];
        v[6] = v[6] < 0 ? a[0] : v[6];
        v[7] = v[7] < 0 ? (at.containsKey("heads") ? v[6] : a[1]) : v[7];
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
        continue;
      }
      Prediction p;
      try {
        p = kernels.model().predict(q);
      } catch (IllegalArgumentException e) {
        r.error("hardware", e.getMessage());
        continue;
      }
      out.append(line).append(',').append(Num.g6(p.seconds())).append(',')
          .append(p.label().id());
      if (provenance) {
        out.append(',').append(p.source().replace(',', ';'));
      }
      out.append('\n');
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return out.toString();
  }

  /** Field access on one --batch row, recording positioned errors. */
  private record RowReader(String[] f, int[] start, Map<String, Integer> at, String file,
      int line, List<InputError> errors) {
    String text(String col) {
      Integer i = at.get(col);
      return i == null ? "" : f[i].strip();
    }

    void error(String col, String msg) {
      Integer i = at.get(col);
      errors.add(new InputError(new Location(file, line, i == null ? 1 : start[i] + 1), msg));
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
