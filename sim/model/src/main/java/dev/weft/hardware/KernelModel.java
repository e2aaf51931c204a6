package dev.weft.hardware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kernel times for any shape on any catalog hardware, each with its provenance. The chain,
 * first answer wins:
 * <ol>
 *   <li>{@code measured}: a table row with exactly this shape;</li>
 *   <li>{@code interpolated}: between measured rows of the same series along the op's axis
 *       (see {@link Series} for the staircase-safe rule); an attention-mixed call on the
 *       4-axis grid of its measured rows ({@link MixedGrid}), or, where this hardware and
 *       attention shape have none, as the sum of its prefill and decode calls, labelled
 *       with the worse of their labels;</li>
 *   <li>{@code calibrated-roofline}: outside a measured series, the roofline scaled from its
 *       nearest end; else the roofline fitted to this hardware's measurements of the op
 *       ({@link RooflineFit}, or a given {@link Calibration}), or of a stand-in op
 *       ({@link Op#standIns()}); a GEMM of an (n, k) no table measured gets that roofline
 *       corrected by the measured GEMMs of other shapes at the same m
 *       ({@link ShapeTransfer});</li>
 *   <li>{@code spec-roofline}: the roofline from the catalog's datasheet figures.</li>
 * </ol>
 * Predictions are memoised per query, so a shape seen before costs one hash lookup and
 * allocates nothing. Thread-safe; reads no files (loading lives in the app module).
 */
public final class KernelModel {
  private static final int MEMO_LIMIT = 4_000_000;

  private final Map<String, Hardware> hardware;
  private final KernelTable table;
  private final Map<String, EnumMap<Op, Calibration>> calibrations;
  private final ConcurrentHashMap<KernelQuery, Prediction> memo = new ConcurrentHashMap<>();
  /** Shape-local GEMM corrections by hardware and dtype group, built on first use. */
  private final ConcurrentHashMap<String, Optional<ShapeTransfer>> transfers =
      new ConcurrentHashMap<>();
  /** Attention for GPUs without attention rows, from the GPUs with them; made on first use. */
  private volatile AttentionTransfer transfer;

  private KernelModel(Map<String, Hardware> hardware, KernelTable table,
      Map<String, EnumMap<Op, Calibration>> calibrations) {
    this.hardware = hardware;
    this.table = table;
    this.calibrations = calibrations;
  }

  /**
   * A model over {@code hardware} (catalog by id) and {@code table}. {@code given}
   * calibrations are used as they are; for every hardware and op that has measured rows in
   * the table but no given calibration, one is fitted now.
   */
  public static KernelModel of(Map<String, Hardware> hardware, KernelTable table,
      Collection<Calibration> given) {
    Map<String, EnumMap<Op, Calibration>> cal = new HashMap<>();
    for (Calibration c : given) {
      cal.computeIfAbsent(c.hardware(), x -> new EnumMap<>(Op.class)).put(c.op(), c);
    }
    for (Map.Entry<String, Map<Op, Integer>> e : table.measuredCounts().entrySet()) {
      Hardware hw = hardware.get(e.getKey());
      if (hw == null) {
        continue;
      }
      List<KernelRow> rows = null;
      for (Op op : e.getValue().keySet()) {
        if (op == Op.ATTENTION_MIXED) {
          continue;  // no roofline of its own (see mixed())
        }
        EnumMap<Op, Calibration> have = cal.get(hw.id());
        if (have != null && have.containsKey(op)) {
          continue;
        }
        rows = rows != null ? rows : table.rows(hw.id());
        Calibration c = RooflineFit.fit(hw, op, rows, "fitted at load to " + hw.id()
            + " table rows");
        if (c != null) {
          cal.computeIfAbsent(hw.id(), x -> new EnumMap<>(Op.class)).put(op, c);
        }
      }
    }
    return new KernelModel(java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(hardware)), table, cal);
  }

  /** Kernel time of {@code q} with its label and source. */
  public Prediction predict(KernelQuery q) {
    Prediction p = memo.get(q);
    if (p != null) {
      return p;
    }
    p = compute(q);
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(q, p);
    return p;
  }

  /** Seconds of {@code q}. */
  public double seconds(KernelQuery q) {
    return predict(q).seconds();
  }

  /** The catalog entry, or an exception naming the known ids. */
  public Hardware hardware(String id) {
    Hardware hw = hardware.get(id);
    if (hw == null) {
      throw new IllegalArgumentException("unknown hardware '" + id + "'; known: "
          + String.join(", ", new java.util.TreeSet<>(hardware.keySet())));
    }
    return hw;
  }

  public Map<String, Hardware> catalog() {
    return hardware;
  }

  public KernelTable table() {
    return table;
  }

  /** The calibration fitted for {@code op} on {@code hw}, or null. */
  public Calibration calibration(String hw, Op op) {
    EnumMap<Op, Calibration> m = calibrations.get(hw);
    return m == null ? null : m.get(op);
  }

  /** Every calibration in use, by hardware then class. */
  public List<Calibration> calibrations() {
    List<Calibration> out = new ArrayList<>();
    calibrations.keySet().stream().sorted().forEach(h -> out.addAll(calibrations.get(h)
        .values()));
    return out;
  }

  private Prediction compute(KernelQuery raw) {
    Hardware hw = hardware(raw.hardware());
    if (!hw.hasFigures()) {
      throw new IllegalArgumentException(hw.id() + " is " + hw.kind()
          + " hardware: it has no kernel times (service times come from the workload)");
    }
    String problem = raw.problem();
    if (problem != null) {
      throw new IllegalArgumentException(raw.op().id() + ": " + problem);
    }
    KernelQuery q = raw.withDerivedBytes();
    if (q.op() == Op.ALL_REDUCE && q.workers() == 1) {
      return new Prediction(0, Label.SPEC_ROOFLINE, "no-op: one worker");
    }
    Prediction own = fromTable(q);
    if (own != null) {
      return own;
    }
    Dtype twin = q.dtype() == null ? null : q.dtype().twin16();
    if (twin != null && hw.same16BitKernels() && q.op() != Op.ATTENTION_MIXED) {
      Prediction t = fromTable(q.withDtype(twin));
      if (t != null) {
        return new Prediction(t.seconds(), t.label(), twin.id() + " timing answering "
            + q.dtype().id() + " (same kernels on " + hw.id() + "): " + t.source());
      }
    }
    if (q.op() == Op.ATTENTION_MIXED) {
      return mixed(q);
    }
    Series s = table.series(q);
    long x = q.axisValue();
    Calibration cal = calibrationFor(hw.id(), q.op());
    if (cal == null && s == null && Hardware.GPU.equals(hw.kind()) && (q.op() == Op.ATTENTION_PREFILL || q.op() == Op.ATTENTION_DECODE)) {
      Prediction t = attentionTransfer().predict(hw, q);
      if (t != null) {
        return t;
      }
    }
    if (s != null) {
      KernelRow edge = x <= s.min() ? s.first() : s.last();
      double ratio = roof(hw, q, cal) / roof(hw, edge.query().withDerivedBytes(), cal);
      double t = edge.seconds() * ratio;
      t = x <= s.min() ? Math.min(t, edge.seconds()) : Math.max(t, edge.seconds());
      return new Prediction(t, Label.CALIBRATED_ROOFLINE, (cal != null ? "calibrated"
          : "spec") + " roofline scaled from measured " + axisName(q.op()) + "="
          + edge.query().axisValue());
    }
    ShapeTransfer st = q.op() == Op.GEMM && cal != null && cal.op() == Op.GEMM
        ? transfer(hw, q.dtype(), cal) : null;
    if (st != null) {
      return new Prediction(Roofline.calibrated(hw, q, cal) * st.factor(q),
          Label.CALIBRATED_ROOFLINE, String.format(Locale.ROOT, "%s gemm roofline fit to %d "
              + "rows, corrected by the %s", hw.id(), cal.rows(), st.describe(q)));
    }
    if (cal != null) {
      return new Prediction(Roofline.calibrated(hw, q, cal), Label.CALIBRATED_ROOFLINE,
          String.format(Locale.ROOT, "%s %s roofline fit to %d rows (median error %.1f%%)",
              hw.id(), cal.op().id(), cal.rows(), 100 * cal.medianAbsError()));
    }
    return new Prediction(Roofline.spec(hw, q), Label.SPEC_ROOFLINE, "datasheet figures of "
        + hw.id());
  }

  /**
   * The answer of this hardware's own rows in {@code q}'s dtype: an exact row, or a point
   * inside a measured series (interpolated); null otherwise.
   */
  private Prediction fromTable(KernelQuery q) {
    KernelRow row = table.exact(q);
    if (row != null) {
      return new Prediction(row.seconds(), row.label(), row.source());
    }
    if (q.op() == Op.ATTENTION_MIXED) {
      return null;
    }
    Series s = table.series(q);
    long x = q.axisValue();
    if (s != null && x > s.min() && x < s.max()) {
      return new Prediction(s.interpolate(q), Label.INTERPOLATED, s.method(x,
          axisName(q.op())) + " (measured " + q.hardware() + " rows)");
    }
    return null;
  }

  private AttentionTransfer attentionTransfer() {
    AttentionTransfer t = transfer;
    if (t == null) {
      t = new AttentionTransfer(this);
      transfer = t;
    }
    return t;
  }

  /**
   * An attention-mixed call that is not a table row: interpolated on the measured grid of
   * its hardware and attention shape; beyond the grid's range, the grid's value at the
   * nearest point scaled by how the prefill-plus-decode sum grows from there; without a
   * grid, the sum of the prefill call and the decode call it serves, labelled with the worse
   * of their two labels (a sum that VALIDATION.md section 7 finds 18-40 % short of measured
   * mixed calls at the median).
   */
  private Prediction mixed(KernelQuery q) {
    Prediction p = predict(q.prefillPart());
    Prediction d = predict(q.decodePart());
    Label sumLabel = worse(p.label(), d.label());
    MixedGrid g = table.mixedGrid(q);
    Hardware hw = hardware(q.hardware());
    if (g == null && Hardware.GPU.equals(hw.kind())) {
      double ratio = attentionTransfer().mixedRatio(hw, q);
      if (!Double.isNaN(ratio)) {
        return new Prediction((p.seconds() + d.seconds()) * ratio, worse(Label.TRANSFERRED,
            sumLabel), String.format(Locale.ROOT, "prefill (%s) + decode (%s) times %.3f, the "
            + "mixed-call ratio measured on other GPUs at this shape", p.label().id(),
            d.label().id(), ratio));
      }
    }
    if (g == null) {
      return new Prediction(p.seconds() + d.seconds(), sumLabel, "sum of attention-prefill ("
          + p.label().id() + ") and attention-decode (" + d.label().id() + "): no measured "
          + "attention-mixed rows of this attention shape on " + q.hardware());
    }
    if (g.inside(q)) {
      return new Prediction(g.interpolate(q), Label.INTERPOLATED, g.describe(q.hardware()));
    }
    KernelQuery c = g.clamp(q);
    Prediction edge = predict(c);
    double sumAtEdge = seconds(c.prefillPart()) + seconds(c.decodePart());
    double t = edge.seconds() * (p.seconds() + d.seconds()) / sumAtEdge;
    return new Prediction(t, worse(Label.CALIBRATED_ROOFLINE, sumLabel), String.format(
        Locale.ROOT, "attention-mixed at the grid's nearest point (tokens=%d context=%d "
        + "batch=%d m=%d, %s) scaled by the prefill+decode sum", c.tokens(), c.context(),
        c.batch(), c.m(), edge.label().id()));
  }

  private static Label worse(Label a, Label b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /**
   * True when the table measured attention-mixed calls of the hardware, dtype and attention
   * shape (heads, KV heads, head size) of {@code q}: then a mixed call is answered from them,
   * else from a prefill and a decode call.
   */
  public boolean measuresMixed(KernelQuery q) {
    return table.mixedGrid(q) != null;
  }

  /**
   * True when a mixed call of {@code q}'s shape is answered as one call: measured on this
   * hardware, or transferred from other GPUs that measured it (a GPU without attention tables
   * of its own).
   */
  public boolean answersMixed(KernelQuery q) {
    if (measuresMixed(q)) {
      return true;
    }
    Hardware hw = hardware(q.hardware());
    return Hardware.GPU.equals(hw.kind()) && attentionTransfer().mixedSource(hw, q);
  }

  /**
   * Leave-one-out check of the mixed grid: the interpolated time of the measured
   * attention-mixed row {@code q} as if it had not been measured, interpolating along the
   * decode context between its two neighbours; empty where {@code q} is not a measured grid
   * point with neighbours on both sides in that axis.
   */
  public java.util.OptionalDouble mixedWithout(KernelQuery q) {
    MixedGrid g = q.op() == Op.ATTENTION_MIXED ? table.mixedGrid(q) : null;
    long[] p = MixedGrid.coords(q);
    if (g == null || !g.interiorPoint(p)) {
      return java.util.OptionalDouble.empty();
    }
    return java.util.OptionalDouble.of(g.interpolateWithout(q, p));
  }

  /**
   * The shape-local GEMM correction of {@code hw} for {@code dtype}, from the table's measured
   * GEMMs of that dtype, else of its group (16-bit types together, as the fit groups them);
   * null without one.
   */
  private ShapeTransfer transfer(Hardware hw, Dtype dtype, Calibration cal) {
    Dtype d = dtype == null ? Dtype.BF16 : dtype;
    ShapeTransfer own = transfer(hw, d.id(), r -> r == d, cal);
    if (own != null || (d != Dtype.BF16 && d != Dtype.FP16)) {
      return own;
    }
    return transfer(hw, "16-bit", r -> r == Dtype.BF16 || r == Dtype.FP16, cal);
  }

  private ShapeTransfer transfer(Hardware hw, String group,
      java.util.function.Predicate<Dtype> keep, Calibration cal) {
    return transfers.computeIfAbsent(hw.id() + "/" + group, x -> {
      List<KernelRow> rows = new ArrayList<>();
      for (KernelRow r : table.rows(hw.id())) {
        if (r.op() == Op.GEMM && keep.test(r.query().dtype() == null ? Dtype.BF16
            : r.query().dtype())) {
          rows.add(r);
        }
      }
      return Optional.ofNullable(ShapeTransfer.of(hw, cal, rows));
    }).orElse(null);
  }

  /** The op's own calibration on {@code hw}, else its nearest stand-in's, else null. */
  private Calibration calibrationFor(String hw, Op op) {
    Calibration c = calibration(hw, op);
    for (Op o : op.standIns()) {
      if (c != null) {
        break;
      }
      c = calibration(hw, o);
    }
    return c;
  }

  private static double roof(Hardware hw, KernelQuery q, Calibration cal) {
    return cal != null ? Roofline.calibrated(hw, q, cal) : Roofline.spec(hw, q);
  }

  private static String axisName(Op op) {
    return switch (op.axis()) {
      case M -> "m";
      case TOKENS -> "tokens";
      case CONTEXT -> "context";
      case BYTES -> "bytes";
    };
  }
}
