package dev.weft.hardware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Kernel table rows (models/kernels/FORMAT.md) indexed for lookup: by exact key, and by
 * series (all shape columns but the op's axis) for interpolation. Immutable.
 */
public final class KernelTable {
  private static final KernelTable EMPTY = new KernelTable(List.of());

  private final List<KernelRow> rows;
  private final Map<KernelQuery, KernelRow> byKey;
  private final Map<KernelQuery, Series> bySeries;
  private final Map<KernelQuery, MixedGrid> mixed;
  private final Set<String> hardwareIds;

  private KernelTable(List<KernelRow> given) {
    this.byKey = new HashMap<>(given.size() * 2);
    List<KernelRow> kept = new ArrayList<>(given.size());
    Map<KernelQuery, List<KernelRow>> groups = new HashMap<>();
    Map<KernelQuery, List<KernelRow>> mixedRows = new HashMap<>();
    for (KernelRow r : given) {
      KernelRow old = byKey.putIfAbsent(r.query().lookupKey(), r);
      if (old != null) {
        continue;  // first one wins: callers order rows by precedence
      }
      kept.add(r);
      if (r.label() == Label.MEASURED && r.op() == Op.ATTENTION_MIXED) {
        mixedRows.computeIfAbsent(MixedGrid.key(r.query()), x -> new ArrayList<>()).add(r);
      } else if (r.label() == Label.MEASURED) {
        groups.computeIfAbsent(r.query().seriesKey(), x -> new ArrayList<>()).add(r);
      }
    }
    this.rows = List.copyOf(kept);
    Set<String> ids = new TreeSet<>();
    for (KernelRow r : kept) {
      ids.add(r.hardware());
    }
    this.hardwareIds = Collections.unmodifiableSet(ids);
    this.bySeries = new HashMap<>(groups.size() * 2);
    for (Map.Entry<KernelQuery, List<KernelRow>> e : groups.entrySet()) {
      List<KernelRow> list = e.getValue();
      list.sort(Comparator.comparingLong(r -> r.query().axisValue()));
      bySeries.put(e.getKey(), new Series(list, e.getKey().op().staircase()));
    }
    this.mixed = new HashMap<>();
    for (Map.Entry<KernelQuery, List<KernelRow>> e : mixedRows.entrySet()) {
      mixed.put(e.getKey(), new MixedGrid(e.getValue()));
    }
  }

  public static KernelTable empty() {
    return EMPTY;
  }

  /**
   * A table of {@code rows}. Where two rows share a key the earlier one is kept, so list the
   * project's own measurements before imported ones.
   */
  public static KernelTable of(Collection<KernelRow> rows) {
    return new KernelTable(new ArrayList<>(rows));
  }

  /** The rows kept, in the order given: a row whose shape an earlier row has is dropped. */
  public List<KernelRow> rows() {
    return rows;
  }

  public int size() {
    return rows.size();
  }

  /** Rows of one hardware. */
  public List<KernelRow> rows(String hardware) {
    return filter(r -> r.hardware().equals(hardware)).rows();
  }

  /** The hardware ids that have rows, sorted. */
  public Set<String> hardwareIds() {
    return hardwareIds;  // asked once per transferred prediction: kept, not recounted
  }

  /** The rows that pass {@code keep}, as a new table. */
  public KernelTable filter(Predicate<KernelRow> keep) {
    List<KernelRow> out = new ArrayList<>();
    for (KernelRow r : rows) {
      if (keep.test(r)) {
        out.add(r);
      }
    }
    return new KernelTable(out);
  }

  /** This table's rows followed by {@code other}'s (ours win on equal keys). */
  public KernelTable plus(KernelTable other) {
    List<KernelRow> out = new ArrayList<>(rows);
    out.addAll(other.rows);
    return new KernelTable(out);
  }

  /** The row with exactly this shape, or null. */
  public KernelRow exact(KernelQuery q) {
    return byKey.get(q.lookupKey());
  }

  /** The measured series {@code q} belongs to, or null. */
  Series series(KernelQuery q) {
    return bySeries.get(q.seriesKey());
  }

  /**
   * The grid of measured attention-mixed rows with the hardware, dtype and attention shape
   * of {@code q}, or null.
   */
  MixedGrid mixedGrid(KernelQuery q) {
    return mixed.isEmpty() ? null : mixed.get(MixedGrid.key(q));
  }

  /** Number of measured rows per hardware and op. */
  public Map<String, Map<Op, Integer>> measuredCounts() {
    Map<String, Map<Op, Integer>> out = new LinkedHashMap<>();
    for (KernelRow r : byKey.values()) {
      if (r.label() == Label.MEASURED) {
        out.computeIfAbsent(r.hardware(), x -> new LinkedHashMap<>())
            .merge(r.op(), 1, Integer::sum);
      }
    }
    return out;
  }
}
