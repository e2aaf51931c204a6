package dev.weft.kernels;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Op;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * models/kernels/calibration.yaml: the fitted rooflines, one entry per hardware and op, written by {@code ./weft kernels calibrate} and read at startup, so that a fresh
 * clone predicts calibrated rooflines for hardware whose measurements it does not hold.
 */
public final class CalibrationFile {
  /** File name under models/kernels/. */
  public static final String NAME = "calibration.yaml";

  private CalibrationFile() {}

  /** The calibrations of {@code file}; none when the file does not exist. */
  public static List<Calibration> read(Path file) throws InputException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String shown = file.toString();
    YNode root = YamlReader.readFile(file, shown);
    List<InputError> errors = new ArrayList<>();
    List<Calibration> out = new ArrayList<>();
    YNode list = root instanceof YNode.Mapping m ? m.get("calibrations") : null;
    if (!(list instanceof YNode.Seq seq)) {
      throw new InputException(root.where(), "expected a map with a list 'calibrations'");
    }
    for (YNode item : seq.items()) {
      if (!(item instanceof YNode.Mapping m)) {
        errors.add(new InputError(item.where(), "each calibration is a map"));
        continue;
      }
      try {
        Op op = Op.byId(text(m, "op"));
        if (op == null) {
          errors.add(new InputError(m.get("op").where(), "unknown op '" + text(m, "op")
              + "'; known: " + Op.known()));
          continue;
        }
        double[] knots = new double[0];
        double[] factors = new double[0];
        if (m.get("correction") instanceof YNode.Mapping c) {
          knots = numbers(c, "log2m");
          factors = numbers(c, "factor");
        }
        out.add(new Calibration(text(m, "hardware"), op, number(m, "etaCompute"),
            number(m, "etaMemory"), number(m, "launchSeconds"), knots, factors,
            (int) number(m, "rows"), number(m, "medianAbsError"), number(m, "p90AbsError"),
            m.get("source") == null ? "" : text(m, "source")));
      } catch (BadField e) {
        errors.add(new InputError(e.where, e.getMessage()));
      } catch (IllegalArgumentException e) {
        errors.add(new InputError(m.where(), e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return out;
  }

  /** Writes {@code cals} with a header saying how they were made. */
  public static void write(Path file, List<Calibration> cals, List<String> header)
      throws IOException {
    StringBuilder b = new StringBuilder();
    for (String h : header) {
      b.append("# ").append(h).append('\n');
    }
    b.append("version: 1\ncalibrations:\n");
    for (Calibration c : cals) {
      b.append("  - hardware: ").append(c.hardware()).append('\n');
      b.append("    op: ").append(c.op().id()).append('\n');
      b.append("    etaCompute: ").append(Num.g(c.etaCompute(), 5)).append('\n');
      b.append("    etaMemory: ").append(Num.g(c.etaMemory(), 5)).append('\n');
      b.append("    launchSeconds: ").append(Num.g(c.launchSeconds(), 5)).append('\n');
      if (c.knotsLog2M().length > 0) {
        b.append("    correction:\n      log2m: [");
        join(b, c.knotsLog2M(), 3);
        b.append("]\n      factor: [");
        join(b, c.factors(), 4);
        b.append("]\n");
      }
      b.append("    rows: ").append(c.rows()).append('\n');
      b.append("    medianAbsError: ").append(Num.g(c.medianAbsError(), 3)).append('\n');
      b.append("    p90AbsError: ").append(Num.g(c.p90AbsError(), 3)).append('\n');
      b.append("    source: \"").append(c.source().replace("\"", "'")).append("\"\n");
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, b, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void join(StringBuilder b, double[] v, int digits) {
    for (int i = 0; i < v.length; i++) {
      b.append(i > 0 ? ", " : "").append(Num.g(v[i], digits));
    }
  }

  private static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Location where;

    BadField(Location where, String msg) {
      super(msg);
      this.where = where;
    }
  }

  private static String text(YNode.Mapping m, String key) throws BadField {
    YNode n = m.get(key);
    if (n instanceof YNode.Scalar s && s.text() != null) {
      return s.text();
    }
    throw new BadField(n == null ? m.where() : n.where(), key + " is required");
  }

  private static double number(YNode.Mapping m, String key) throws BadField {
    String t = text(m, key);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new BadField(m.get(key).where(), key + ": '" + t + "' is not a number");
    }
  }

  private static double[] numbers(YNode.Mapping m, String key) throws BadField {
    if (!(m.get(key) instanceof YNode.Seq s)) {
      throw new BadField(m.where(), key + " must be a list of numbers");
    }
    double[] out = new double[s.items().size()];
    for (int i = 0; i < out.length; i++) {
      YNode n = s.items().get(i);
      try {
        out[i] = Double.parseDouble(((YNode.Scalar) n).text());
      } catch (RuntimeException e) {
        throw new BadField(n.where(), key + ": not a number");
      }
    }
    return out;
  }
}
