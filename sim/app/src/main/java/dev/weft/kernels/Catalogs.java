package dev.weft.kernels;

import dev.weft.ai.AiModel;
import dev.weft.hardware.Hardware;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import dev.weft.yaml.YNode;
import dev.weft.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the hardware catalog (models/hardware/*.yaml) and the AI model shapes
 * (models/ai/*.yaml), checking keys, types and ranges; errors carry file, line and column.
 */
public final class Catalogs {
  private static final List<String> HW_KEYS = List.of("id", "name", "vendor", "kind",
      "memoryGB", "memoryBandwidthGBps", "peakTflops", "tdpWatts", "idleWatts",
      "interconnect", "hostLink", "purchaseUsd", "rentalUsdPerHour", "l2CacheMB", "smCount", "cores",
      "sources");
  private static final List<String> AI_KEYS = List.of("id", "name", "source", "layers",
      "hiddenSize", "intermediateSize", "heads", "kvHeads", "headDim", "vocabSize", "gatedMlp",
      "maxContext", "paramsBillion", "dtypeBytes", "experts", "expertsPerToken",
      "expertIntermediateSize");
  private static final List<String> KINDS = List.of("gpu", "cpu", "abstract");

  private Catalogs() {}

  /** Every hardware file of {@code dir}, by id (sorted). */
  public static Map<String, Hardware> hardware(Path dir) throws InputException {
    return loadAll(dir, Catalogs::hardwareFile);
  }

  /** Every AI model file of {@code dir}, by id (sorted). */
  public static Map<String, AiModel> models(Path dir) throws InputException {
    return loadAll(dir, Catalogs::modelFile);
  }

  private interface Loader<T> {
    T load(Path file, String shownAs, List<InputError> errors) throws InputException;
  }

  private static <T> Map<String, T> loadAll(Path dir, Loader<T> loader) throws InputException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new InputException(new Location(dir.toString(), 1, 1), "cannot list catalog "
          + "folder: " + e.getMessage());
    }
    Map<String, T> out = new TreeMap<>();
    List<InputError> errors = new ArrayList<>();
    for (Path f : files) {
      String id = f.getFileName().toString().replaceFirst("\\.yaml$", "");
      try {
        T t = loader.load(f, f.toString(), errors);
        if (t != null) {
          out.put(id, t);
        }
      } catch (InputException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return out;
  }

  static Hardware hardwareFile(Path f, String shown, List<InputError> errors)
      throws InputException {
    Reader r = new Reader(YamlReader.readFile(f, shown), f, shown, HW_KEYS, errors);
    if (r.map == null) {
      return null;
    }
    String id = r.id();
    String kind = r.text("kind", true);
    if (kind != null && !KINDS.contains(kind)) {
      r.error("kind", "unknown kind '" + kind + "'; known: " + String.join(", ", KINDS));
    }
    boolean figures = "gpu".equals(kind) || "cpu".equals(kind);
    double mem = r.number("memoryGB", figures);
    double bw = r.number("memoryBandwidthGBps", figures);
    Map<String, Double> peak = new LinkedHashMap<>();
    YNode pk = r.map.get("peakTflops");
    if (pk instanceof YNode.Mapping m) {
      for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
        double v = r.numberAt(e.getValue().value(), "peakTflops." + e.getKey());
        if (!Double.isNaN(v)) {
          peak.put(e.getKey(), v);
        }
      }
    } else if (pk != null) {
      r.errors.add(new InputError(pk.where(), "peakTflops must be a map of dtype to TFLOP/s"));
    } else if (figures) {
      r.missing("peakTflops");
    }
    String linkType = "none";
    double link = 0;
    YNode ic = r.map.get("interconnect");
    if (ic instanceof YNode.Mapping m) {
      YNode t = m.get("type");
      linkType = t instanceof YNode.Scalar s && s.text() != null ? s.text() : "none";
      YNode b = m.get("bandwidthGBps");
      link = b == null ? 0 : r.numberAt(b, "interconnect.bandwidthGBps");
    }
    double hostLink = hostLink(r);
    Map<String, String> sources = new TreeMap<>();
    if (r.map.get("sources") instanceof YNode.Mapping m) {
      for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
        if (e.getValue().value() instanceof YNode.Scalar s && s.text() != null) {
          sources.put(e.getKey(), s.text());
        }
      }
    }
    if (r.failed()) {
      return null;
    }
    return new Hardware(id, r.text("name", false), r.text("vendor", false), kind, z(mem), z(bw),
        peak, z(r.number("tdpWatts", false)), z(r.number("idleWatts", false)), linkType,
        z(link), hostLink, z(r.number("purchaseUsd", false)), z(r.number("rentalUsdPerHour", false)),
        z(r.number("l2CacheMB", false)), (int) z(r.number("smCount", false)),
        (int) z(r.number("cores", false)), sources);
  }

  /**
   * {@code hostLink: {bandwidthGBps: N}}: the device's link to host memory, which swap
   * preemption copies KV blocks over; 0 when the file leaves it out (an error only where a
   * scenario asks for swapping on this hardware).
   */
  private static double hostLink(Reader r) {
    YNode h = r.map.get("hostLink");
    if (h == null) {
      return 0;
    }
    if (!(h instanceof YNode.Mapping m)) {
      r.errors.add(new InputError(h.where(), "hostLink must be a map: {bandwidthGBps: N}"));
      return 0;
    }
    for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
      if (!e.getKey().equals("bandwidthGBps")) {
        r.errors.add(new InputError(e.getValue().keyAt(), "unknown field 'hostLink."
            + e.getKey() + "'" + Suggest.didYouMean(e.getKey(), List.of("bandwidthGBps"))));
      }
    }
    YNode b = m.get("bandwidthGBps");
    if (b == null) {
      r.errors.add(new InputError(h.where(), "missing field 'hostLink.bandwidthGBps'"));
      return 0;
    }
    double v = r.numberAt(b, "hostLink.bandwidthGBps");
    if (v == 0) {
      r.errors.add(new InputError(b.where(), "hostLink.bandwidthGBps must be more than 0 (leave"
          + " hostLink out where the link is not known)"));
    }
    return z(v);
  }

  static AiModel modelFile(Path f, String shown, List<InputError> errors)
      throws InputException {
    Reader r = new Reader(YamlReader.readFile(f, shown), f, shown, AI_KEYS, errors);
    if (r.map == null) {
      return null;
    }
    String id = r.id();
    int experts = r.whole("experts", false);
    int[] v = new int[7];
    String[] req = {"layers", "hiddenSize", "heads", "kvHeads", "headDim", "vocabSize",
        "maxContext"};
    for (int i = 0; i < req.length; i++) {
      v[i] = r.whole(req[i], true);
    }
    int inter = r.whole("intermediateSize", experts <= 0);
    int dtypeBytes = r.whole("dtypeBytes", true);
    double params = r.number("paramsBillion", true);
    boolean gated = r.bool("gatedMlp");
    int perToken = r.whole("expertsPerToken", experts > 0);
    int expertWidth = r.whole("expertIntermediateSize", experts > 0);
    if (r.failed()) {
      return null;
    }
    try {
      return new AiModel(id, r.text("name", false), r.text("source", false), v[0], v[1],
          Math.max(0, inter), v[2], v[3], v[4], v[5], gated, v[6], params, dtypeBytes,
          Math.max(0, experts), Math.max(0, perToken), Math.max(0, expertWidth));
    } catch (IllegalArgumentException e) {
      errors.add(new InputError(r.map.where(), e.getMessage()));
      return null;
    }
  }

  private static double z(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** Field access on one file's top-level map, collecting errors with positions. */
  private static final class Reader {
    final YNode.Mapping map;
    final Path file;
    final String shown;
    final List<InputError> errors;
    final int before;

    Reader(YNode root, Path file, String shown, List<String> keys, List<InputError> errors) {
      this.file = file;
      this.shown = shown;
      this.errors = errors;
      this.before = errors.size();
      if (!(root instanceof YNode.Mapping m)) {
        errors.add(new InputError(root.where(), "expected a map of fields"));
        this.map = null;
        return;
      }
      this.map = m;
      for (Map.Entry<String, YNode.Entry> e : m.view().entrySet()) {
        if (!keys.contains(e.getKey())) {
          errors.add(new InputError(e.getValue().keyAt(), "unknown field '" + e.getKey() + "'"
              + Suggest.didYouMean(e.getKey(), keys)));
        }
      }
    }

    boolean failed() {
      return errors.size() > before;
    }

    String id() {
      String want = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      String id = text("id", true);
      if (id != null && !id.equals(want)) {
        error("id", "id '" + id + "' must match the file name '" + want + "'");
      }
      return id == null ? want : id;
    }

    void error(String key, String msg) {
      YNode n = map.get(key);
      errors.add(new InputError(n != null ? n.where() : map.where(), key + ": " + msg));
    }

    void missing(String key) {
      errors.add(new InputError(map.where(), "missing field '" + key + "'"));
    }

    String text(String key, boolean required) {
      YNode n = map.get(key);
      if (n == null) {
        if (required) {
          missing(key);
        }
        return null;
      }
      if (n instanceof YNode.Scalar s && s.text() != null) {
        return s.text();
      }
      errors.add(new InputError(n.where(), key + " must be a value, not " + n.describe()));
      return null;
    }

    double number(String key, boolean required) {
      YNode n = map.get(key);
      if (n == null) {
        if (required) {
          missing(key);
        }
        return Double.NaN;
      }
      return numberAt(n, key);
    }

    double numberAt(YNode n, String key) {
      if (n instanceof YNode.Scalar s && s.text() != null) {
        try {
          double v = Double.parseDouble(s.text());
          if (!Double.isFinite(v) || v < 0) {
            errors.add(new InputError(n.where(), key + " must be a finite number >= 0"));
            return Double.NaN;
          }
          return v;
        } catch (NumberFormatException e) {
          errors.add(new InputError(n.where(), key + ": '" + s.text() + "' is not a number "
              + "(plain numbers only; the unit is in the key name)"));
          return Double.NaN;
        }
      }
      errors.add(new InputError(n.where(), key + " must be a number, not " + n.describe()));
      return Double.NaN;
    }

    int whole(String key, boolean required) {
      double v = number(key, required);
      if (Double.isNaN(v)) {
        return -1;
      }
      if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
        error(key, "must be a whole number");
        return -1;
      }
      long max = key.equals("vocabSize") || key.equals("maxContext") ? 1L << 27 : 1L << 20;
      if (v > max) { // products such as (heads + 2 kvHeads) x headDim stay within an int
        error(key, String.format(java.util.Locale.ROOT, "must be at most %,d", max));
        return -1;
      }
      return (int) v;
    }

    boolean bool(String key) {
      String t = text(key, true);
      if (t == null) {
        return false;
      }
      if (!t.equals("true") && !t.equals("false")) {
        error(key, "must be true or false");
      }
      return t.equals("true");
    }
  }
}
