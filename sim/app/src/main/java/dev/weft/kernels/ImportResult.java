package dev.weft.kernels;

import dev.weft.hardware.KernelRow;
import java.util.List;
import java.util.Map;

/**
 * What an importer produced: rows per hardware id, and notes on what it skipped and why.
 */
public record ImportResult(Map<String, List<KernelRow>> rows, List<String> notes) {
  public ImportResult {
    rows = Map.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** All rows, hardware by hardware in id order. */
  public List<KernelRow> all() {
    return rows.keySet().stream().sorted().flatMap(h -> rows.get(h).stream()).toList();
  }
}
