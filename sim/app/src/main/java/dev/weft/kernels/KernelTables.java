package dev.weft.kernels;

import dev.weft.hardware.Hardware;
import dev.weft.hardware.KernelRow;
import dev.weft.hardware.KernelTable;
import dev.weft.yaml.InputError;
import dev.weft.yaml.InputException;
import dev.weft.yaml.Location;
import dev.weft.yaml.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads kernel tables: every {@code <hardware>.csv} of the given folders, in folder order
 * then file name order, so that the project's own measurements (models/kernels/) shadow
 * imported ones (models/kernels/imported/) where both have a shape.
 */
public final class KernelTables {
  /** Imported tables, beside the project's own and ignored by git. */
  public static final String IMPORTED = "imported";

  private KernelTables() {}

  /** The project's tables: models/kernels/*.csv, then models/kernels/imported/*.csv. */
  public static KernelTable project(Path models, Map<String, Hardware> catalog)
      throws InputException {
    Path k = models.resolve("kernels");
    return load(List.of(k, k.resolve(IMPORTED)), catalog);
  }

  /** Every table of {@code folders} (missing folders are skipped). */
  public static KernelTable load(List<Path> folders, Map<String, Hardware> catalog)
      throws InputException {
    List<KernelRow> rows = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    for (Path dir : folders) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path f : csvFiles(dir)) {
        try {
          rows.addAll(file(f, catalog));
        } catch (InputException e) {
          errors.addAll(e.errors());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InputException(errors);
    }
    return KernelTable.of(rows);
  }

  /** One table file; its name must be a catalog hardware id. */
  public static List<KernelRow> file(Path f, Map<String, Hardware> catalog)
      throws InputException {
    String id = f.getFileName().toString().replaceFirst("\\.csv$", "");
    if (catalog != null && !catalog.containsKey(id)) {
      throw new InputException(new Location(f.toString(), 1, 1), "no hardware '" + id
          + "' in models/hardware/ for this table" + Suggest.didYouMean(id, catalog.keySet())
          + " (a table is named after its hardware id)");
    }
    return KernelCsv.read(f, f.toString(), id);
  }

  static List<Path> csvFiles(Path dir) throws InputException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".csv")
          && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new InputException(new Location(dir.toString(), 1, 1), "cannot list: "
          + e.getMessage());
    }
  }
}
