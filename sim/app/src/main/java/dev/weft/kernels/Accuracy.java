package dev.weft.kernels;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelModel;
import dev.weft.hardware.KernelQuery;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Op;
import dev.weft.hardware.Prediction;
import dev.weft.hardware.Roofline;
import dev.weft.yaml.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out accuracy of the kernel-time model: each measured row is predicted by a model that
 * never saw it, and the absolute relative errors are summarised per hardware, op and label.
 *
 * <ul>
 *   <li>Vidur, leave one model out: per GPU, the GEMMs of one model's table are predicted
 *       from the other models' GEMMs (their shapes partly coincide: those answer as
 *       measured), the fit redone per fold. A second line per fold scores the calibrated
 *       roofline alone on the same rows.</li>
 *   <li>Our own grids, leave one row out: every row of a table is predicted without it; the
 *       calibration of its op is refitted without it whenever it could be used (an end of
 *       its series, or a series of one).</li>
 * </ul>
 */
public final class Accuracy {
  /** Label for scores of the fitted roofline alone (no table lookups). */
  public static final String ROOFLINE_ONLY = "roofline-only";
  /** Label for scores over all rows, whatever answered. */
  public static final String ALL = "all";

  private Accuracy() {}

  /** Median and 90th percentile absolute relative error over {@code n} predictions. */
  public record Score(String hardware, String heldOut, String op, String label, int n,
      double median, double p90) {}

  /** Collects errors by (hardware, held-out set, op, label). */
  static final class Errors {
    private final Map<List<String>, List<Double>> byKey = new LinkedHashMap<>();

    void add(String hw, String heldOut, String op, String label, double predicted,
        double measured) {
      double e = Math.abs(predicted / measured - 1);
      byKey.computeIfAbsent(List.of(hw, heldOut, op, label), k -> new ArrayList<>()).add(e);
      byKey.computeIfAbsent(List.of(hw, heldOut, op, ALL), k -> new ArrayList<>()).add(e);
    }

    void addOnly(String hw, String heldOut, String op, String label, double predicted,
        double measured) {
      byKey.computeIfAbsent(List.of(hw, heldOut, op, label), k -> new ArrayList<>())
          .add(Math.abs(predicted / measured - 1));
    }

    List<Score> scores() {
      List<Score> out = new ArrayList<>();
      for (Map.Entry<List<String>, List<Double>> e : byKey.entrySet()) {
        double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<String> k = e.getKey();
        out.add(new Score(k.get(0), k.get(1), k.get(2), k.get(3), v.length, quantile(v, 0.5),
            quantile(v, 0.9)));
      }
      return out;
    }
  }

  /**
   * Leave-one-model-out over Vidur's GEMMs, for every GPU folder of {@code vidur} that maps
   * to the catalog. Each fold scores under held-out name {@code <model>}; all folds of a GPU
   * together under {@code *}.
   */
  public static List<Score> vidurLeaveOneModelOut(Path vidur, Map<String, Hardware> catalog)
      throws InputException {
    Errors errors = new Errors();
    for (Map.Entry<String, String> gpu : new java.util.TreeMap<>(VidurImporter.GPUS)
        .entrySet()) {
      String hw = gpu.getValue();
      List<String> models = VidurImporter.models(vidur, gpu.getKey());
      Map<String, List<KernelRow>> gemms = new LinkedHashMap<>();
      for (String m : models) {
        List<KernelRow> rows = VidurImporter.read(vidur, m::equals, false).rows()
            .getOrDefault(hw, List.of());
        gemms.put(m, rows.stream().filter(r -> r.op() == Op.GEMM).toList());
      }
      for (String held : models) {
        RowMerger train = new RowMerger();
        for (Map.Entry<String, List<KernelRow>> e : gemms.entrySet()) {
          if (!e.getKey().equals(held)) {
            for (KernelRow r : e.getValue()) {
              train.add(r.query(), r.seconds(), "vidur", e.getKey(), r.samples());
            }
          }
        }
        KernelModel model = KernelModel.of(catalog, KernelTable.of(train.rows()), List.of());
        Calibration cal = model.calibration(hw, Op.GEMM);
        Hardware h = catalog.get(hw);
        for (KernelRow r : gemms.get(held)) {
          Prediction p = model.predict(r.query());
          for (String set : List.of(held, "*")) {
            errors.add(hw, set, "gemm", p.label().id(), p.seconds(), r.seconds());
            errors.addOnly(hw, set, "gemm", ROOFLINE_ONLY, Roofline.calibrated(h, r.query(),
                cal), r.seconds());
          }
        }
      }
    }
    return errors.scores();
  }

  /** Leave-one-row-out over the measured rows of {@code hw} in {@code table}. */
  public static List<Score> gridLeaveOneOut(Map<String, Hardware> catalog, KernelTable table,
      String hw) {
    KernelTable own = table.filter(r -> r.hardware().equals(hw));
    KernelModel full = KernelModel.of(catalog, own, List.of());
    Errors errors = new Errors();
    Map<KernelQuery, List<KernelRow>> series = new HashMap<>();
    for (KernelRow r : own.rows()) {
      series.computeIfAbsent(r.query().seriesKey(), k -> new ArrayList<>()).add(r);
    }
    for (KernelRow held : own.rows()) {
      if (held.op() == Op.ATTENTION_MIXED) {
        continue;  // thousands of grid rows: scored by mixedAttention instead
      }
      KernelTable rest = own.filter(r -> r != held);
      List<KernelRow> line = series.get(held.query().seriesKey());
      long x = held.query().axisValue();
      boolean interior = line.stream().anyMatch(r -> r.query().axisValue() < x)
          && line.stream().anyMatch(r -> r.query().axisValue() > x);
      List<Calibration> given = new ArrayList<>(full.calibrations());
      if (!interior) {
        given.removeIf(c -> c.op() == held.op());
      }
      KernelModel m = KernelModel.of(catalog, rest, given);
      Prediction p = m.predict(held.query());
      errors.add(hw, "row", held.op().id(), p.label().id(), p.seconds(), held.seconds());
    }
    return errors.scores();
  }

  /** Held-out set of the mixed-attention scores: each row left out of the grid in turn. */
  public static final String MIXED_ROW = "row";
  /** Held-out set: the prefill+decode sum, the fallback where no mixed rows exist. */
  public static final String MIXED_SUM = "sum";
  /** Held-out set: the sum times a factor fitted to the other profiles' mixed rows. */
  public static final String MIXED_FACTOR = "profile";

  /**
   * Scores of the attention-mixed rows of {@code table}, per profile (hardware and attention
   * shape): {@value #MIXED_ROW}, each interior grid row predicted from the grid without it
   * (interpolation along the decode context); {@value #MIXED_SUM}, the sum of the prefill
   * and decode predictions of a model without any mixed rows (here both exact rows of the
   * same profile, so no model error enters); {@value #MIXED_FACTOR}, that sum times the
   * median ratio measured / sum of the other profiles' mixed rows (leave one profile out).
   * The op column names the profile, e.g. {@code attention-mixed 32/8x128}.
   */
  public static List<Score> mixedAttention(Map<String, Hardware> catalog, KernelTable table) {
    KernelModel full = KernelModel.of(catalog, table, List.of());
    KernelModel sums = KernelModel.of(catalog, table.filter(r -> r.op()
        != Op.ATTENTION_MIXED), List.of());
    Map<List<Object>, List<KernelRow>> profiles = new LinkedHashMap<>();
    for (KernelRow r : table.rows()) {
      if (r.op() == Op.ATTENTION_MIXED && r.label() == dev.weft.hardware.Label.MEASURED) {
        KernelQuery q = r.query();
        profiles.computeIfAbsent(List.of(r.hardware(), q.heads(), q.kvHeads(), q.headDim()),
            k -> new ArrayList<>()).add(r);
      }
    }
    Map<List<Object>, double[]> logRatios = new LinkedHashMap<>();
    for (Map.Entry<List<Object>, List<KernelRow>> e : profiles.entrySet()) {
      double[] lr = new double[e.getValue().size()];
      for (int i = 0; i < lr.length; i++) {
        KernelRow r = e.getValue().get(i);
        lr[i] = Math.log(r.seconds() / sums.seconds(r.query()));
      }
      logRatios.put(e.getKey(), lr);
    }
    Errors errors = new Errors();
    for (Map.Entry<List<Object>, List<KernelRow>> e : profiles.entrySet()) {
      List<Object> k = e.getKey();
      String hw = (String) k.get(0);
      String op = "attention-mixed " + k.get(1) + "/" + k.get(2) + "x" + k.get(3);
      List<Double> others = new ArrayList<>();
      logRatios.forEach((key, v) -> {
        if (!key.equals(k)) {
          for (double x : v) {
            others.add(x);
          }
        }
      });
      double factor = others.isEmpty() ? Double.NaN : Math.exp(quantile(others.stream()
          .mapToDouble(Double::doubleValue).sorted().toArray(), 0.5));
      for (KernelRow r : e.getValue()) {
        java.util.OptionalDouble loo = full.mixedWithout(r.query());
        if (loo.isPresent()) {
          errors.add(hw, MIXED_ROW, op, "interpolated", loo.getAsDouble(), r.seconds());
        }
        Prediction sum = sums.predict(r.query());
        errors.addOnly(hw, MIXED_SUM, op, sum.label().id(), sum.seconds(), r.seconds());
        if (!Double.isNaN(factor)) {
          errors.addOnly(hw, MIXED_FACTOR, op, String.format(java.util.Locale.ROOT,
              "sum x %.3f", factor), sum.seconds() * factor, r.seconds());
        }
      }
    }
    return errors.scores();
  }

  /**
   * Ratios of our times to another table's at the shapes both measured (same op, m, n, k;
   * dtypes may differ, e.g. our bf16 against Vidur's fp16), sorted by m.
   */
  public static List<double[]> gemmRatios(KernelTable ours, KernelTable theirs, String hw) {
    Map<List<Long>, Double> t = new HashMap<>();
    for (KernelRow r : theirs.rows(hw)) {
      if (r.op() == Op.GEMM) {
        t.put(List.of(r.query().m(), r.query().n(), r.query().k()), r.seconds());
      }
    }
    List<double[]> out = new ArrayList<>();
    for (KernelRow r : ours.rows(hw)) {
      Double other = r.op() == Op.GEMM ? t.get(List.of(r.query().m(), r.query().n(),
          r.query().k())) : null;
      if (other != null) {
        out.add(new double[] {r.query().m(), r.query().n(), r.query().k(),
            r.seconds() / other, r.query().dtype().ordinal()});
      }
    }
    out.sort((a, b) -> Double.compare(a[0], b[0]));
    return out;
  }

  /** Linear-interpolated quantile of sorted values. */
  public static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
