package dev.weft.scenario.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/data (the reference measurements beside the checkout) for tests. */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder, or null when this machine has none. */
  public static Path root() {
    String p = System.getProperty("weft.shared", System.getenv("WEFT_SHARED"));
    if (p != null && !p.isBlank()) {
      Path d = Path.of(p);
      return Files.isDirectory(d.resolve("data")) ? d.resolve("data") : d;
    }
    for (Path q = Path.of("").toAbsolutePath(); q != null; q = q.getParent()) {
      Path d = q.resolve("shared").resolve("data");
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }
}
