package dev.weft.scenario.data;

import dev.weft.kernels.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Ids of the entries of a catalog folder ({@code models/ai/*.yaml} and the like). */
public final class Catalog {
  private Catalog() {}

  /** File names without {@code .yaml} under {@code models/<folder>}, sorted. */
  public static List<String> ids(String folder) {
    Path models = ProjectFiles.models();
    Path dir = models == null ? null : models.resolve(folder);
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
