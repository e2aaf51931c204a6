package dev.weft.kernels;

import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import java.util.ArrayList;
import java.util.TreeMap;

import dev.weft.hardware.KernelRow;
import java.util.List;
import java.util.Map;

/**
 * What an importer produced: rows per hardware id, and notes on what it skipped and why.
 */
public record ImportResult(Map<String, List<KernelRow>> rows, List<String> notes) {
  public ImportResult {
    rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    notes = List.copyOf(notes);
  }

  /**
   * The result of an import: the merged rows per hardware in {@link RowMerger#ORDER}, or every
   * collected error at once.
   */
  static ImportResult of(Map<String, RowMerger> merged, List<String> notes,
      List<InputError> errors) throws InputException {
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    Map<String, List<KernelRow>> rows = new TreeMap<>();
    for (Map.Entry<String, RowMerger> e : merged.entrySet()) {
      List<KernelRow> l = new ArrayList<>(e.getValue().rows());
      l.sort(RowMerger.ORDER);
      rows.put(e.getKey(), l);
    }
    return new ImportResult(rows, notes);
  }

  /** All rows, hardware by hardware in id order. */
  public List<KernelRow> all() {
    return rows.keySet().stream().sorted().flatMap(h -> rows.get(h).stream()).toList();
  }
}
