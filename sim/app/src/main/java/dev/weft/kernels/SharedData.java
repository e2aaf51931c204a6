package dev.weft.kernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared reference data (the published Vidur and LLMServingSim profiles), which
 * the project reads in place and never copies: system property {@code weft.shared}, else
 * environment variable {@code WEFT_SHARED}, else a folder {@code shared/data} beside the
 * working directory or one of its parents (CI clones with {@code ../shared} beside the
 * clone). Either the {@code shared} folder or its {@code data} folder may be named.
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} folder, if there is one. */
  public static Optional<Path> locate() {
    String p = System.getProperty("weft.shared");
    if (p == null || p.isBlank()) {
      p = System.getenv("WEFT_SHARED");
    }
    if (p != null && !p.isBlank()) {
      return dataUnder(Path.of(p));
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path data = d.resolve("shared").resolve("data");
      if (Files.isDirectory(data.resolve("kernels"))) {
        return Optional.of(data);
      }
    }
    return Optional.empty();
  }

  /** The Vidur profile folder, if the shared data has it. */
  public static Optional<Path> vidur() {
    return locate().map(d -> d.resolve("kernels/vidur")).filter(Files::isDirectory);
  }

  /** The LLMServingSim profile folder, if the shared data has it. */
  public static Optional<Path> llmServingSim() {
    return locate().map(d -> d.resolve("kernels/llmservingsim")).filter(Files::isDirectory);
  }

  private static Optional<Path> dataUnder(Path p) {
    if (Files.isDirectory(p.resolve("data").resolve("kernels"))) {
      return Optional.of(p.resolve("data"));
    }
    return Files.isDirectory(p.resolve("kernels")) ? Optional.of(p) : Optional.empty();
  }
}
