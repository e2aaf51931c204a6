package dev.weft.yaml;

import java.nio.file.Path;

/** A place in an input: file as the user named it, 1-based line and column. */
public record Location(String file, int line, int column) {
  /** A file name with control characters is printed escaped. */
  public Location {
    file = Text.clean(file, Text.MAX_MESSAGE);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }

  /**
   * The name errors give {@code p}: relative to the working directory when it lies inside it
   * (as the user would type it), else as given.
   */
  public static String shown(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    try {
      return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.normalize().toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }
}
