package dev.weft.kernels;

import dev.weft.hardware.Calibration;
import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.hardware.Op;
import dev.weft.hardware.RooflineFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits one {@link Calibration} per hardware and op from every measured row a table
 * holds. Rows are put in a canonical order first, so the same measurements give the same
 * file whatever order they were loaded in.
 */
public final class Calibrator {
  private Calibrator() {}

  /** Calibrations for every hardware of {@code table} known to {@code catalog}. */
  public static List<Calibration> fit(Map<String, Hardware> catalog, KernelTable table) {
    List<Calibration> out = new ArrayList<>();
    for (String id : table.hardwareIds()) {
      Hardware hw = catalog.get(id);
      if (hw == null || !hw.hasFigures()) {
        continue;
      }
      List<KernelRow> rows = new ArrayList<>(table.rows(id));
      rows.sort(RowMerger.ORDER);
      for (Op op : Op.values()) {
        List<KernelRow> used = RooflineFit.select(hw, op, rows);
        Calibration c = RooflineFit.fit(hw, op, rows, origins(used));
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Where rows came from, briefly: the first two words of each distinct source (the tool
   * and version, or repository@commit and GPU), with counts.
   */
  static String origins(List<KernelRow> rows) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (KernelRow r : rows) {
      String[] w = r.source().split("\\s+");
      String o = w.length >= 2 ? w[0] + " " + w[1] : w[0];
      counts.merge(o, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      parts.add(e.getKey() + " (" + e.getValue() + ")");
    }
    return String.join("; ", new TreeSet<>(parts));
  }
}
