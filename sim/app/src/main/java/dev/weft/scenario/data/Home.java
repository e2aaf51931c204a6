package dev.weft.scenario.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where Weft's own data lives: the checkout holding {@code models/}. */
public final class Home {
  private Home() {}

  /**
   * The folder holding {@code models/}: the {@code weft.home} property (set by the launcher),
   * else the first folder upwards from the working directory that has {@code models/hardware}.
   */
  public static Path root() {
    String prop = System.getProperty("weft.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isDirectory(q.resolve("models").resolve("hardware"))) {
        return q;
      }
    }
    return p;
  }

  public static Path models() {
    return root().resolve("models");
  }
}
