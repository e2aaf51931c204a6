package dev.weft.kernels;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's files are: the models/ folder (the launcher's weft.home, else above the
 * working directory) and the checkout beside it.
 */
public final class ProjectFiles {
  private ProjectFiles() {}

  /** The models/ folder, or null when none is found. */
  public static Path models() {
    String home = System.getProperty("weft.home");
    if (home != null && !home.isBlank()) {
      Path p = Path.of(home, "models");
      if (Files.isDirectory(p.resolve("hardware"))) {
        return p;
      }
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("models");
      if (Files.isDirectory(p.resolve("hardware")) && Files.isDirectory(p.resolve("kernels"))) {
        return p;
      }
    }
    return null;
  }

  /**
   * The bench module's JMH jar in the checkout that holds {@link #models()} (built or not), or
   * null when no checkout is found.
   */
  public static Path benchJar() {
    Path m = models();
    Path root = m == null ? null : m.toAbsolutePath().normalize().getParent();
    return root == null ? null : root.resolve("sim/bench/target/benchmarks.jar");
  }
}
