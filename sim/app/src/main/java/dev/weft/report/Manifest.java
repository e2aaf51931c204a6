package dev.weft.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Weft wrote into an output folder, and whether the folder holds a run's report or a
 * sweep: kept in the folder's {@code .weft-output} file, one {@code file:} line per path
 * relative to the folder. A later run replaces or deletes only the listed files; anything else
 * is the user's and survives.
 */
record Manifest(Kind kind, List<String> files) {
  static final String FILE = ".weft-output";
  private static final String HEADER = "# Written by Weft. The files listed below are Weft's and"
      + " a later run may replace them;\n# anything else in this folder is left alone.\n";
  /** Files of a run's report written before manifests existed (Weft 0.x markers). */
  private static final List<String> LEGACY_RUN = List.of("summary.json", "report.html",
      "report.md", "scenario.resolved.yaml", "trace.csv");
  private static final List<String> LEGACY_RUN_FOLDERS = List.of("metrics", "charts");
  /** Files of a sweep written before manifests existed. */
  private static final List<String> LEGACY_SWEEP = List.of("results.csv", "report.html",
      ".weft-sweep");

  /** The two kinds of output folder. */
  enum Kind {
    RUN("run"), SWEEP("sweep"), TABLES("kernel tables folder");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }
  }

  Manifest {
    files = List.copyOf(files);
  }

  /** Writes the manifest into {@code dir}, replacing it atomically. */
  void write(Path dir) throws IOException {
    StringBuilder b = new StringBuilder(HEADER).append("kind: ").append(kind.id()).append('\n');
    for (String f : files) {
      b.append("file: ").append(f).append('\n');
    }
    Path tmp = dir.resolve(FILE + ".new");
    Files.writeString(tmp, b, StandardCharsets.UTF_8);
    OutputFolder.move(tmp, dir.resolve(FILE));
  }

  /**
   * The manifest of {@code dir}, or null when Weft did not write it. A marker from before
   * manifests existed stands for the files such a version wrote, as far as they exist.
   */
  static Manifest read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    if (Files.size(f) > 16L * 1024 * 1024) {
      throw new IOException(FILE + " is larger than 16 MiB; it was not written by weft");
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    Kind kind = null;
    List<String> files = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("kind: ")) {
        String k = line.substring(6).strip();
        for (Kind c : Kind.values()) {
          kind = c.id().equals(k) ? c : kind;
        }
      } else if (line.startsWith("file: ")) {
        files.add(line.substring(6));
      }
    }
    return kind != null ? new Manifest(kind, files) : legacy(dir);
  }

  private static Manifest legacy(Path dir) throws IOException {
    if (Files.exists(dir.resolve("results.csv")) || Files.exists(dir.resolve(".weft-sweep"))) {
      return new Manifest(Kind.SWEEP, LEGACY_SWEEP.stream()
          .filter(n -> Files.exists(dir.resolve(n))).toList());
    }
    List<String> files = new ArrayList<>(LEGACY_RUN.stream()
        .filter(n -> Files.exists(dir.resolve(n))).toList());
    for (String sub : LEGACY_RUN_FOLDERS) {
      Path d = dir.resolve(sub);
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.list(d)) {
          s.filter(Files::isRegularFile).map(p -> sub + "/" + p.getFileName())
              .filter(n -> n.endsWith(".csv") || n.endsWith(".svg")).sorted()
              .forEach(files::add);
        }
      }
    }
    return new Manifest(Kind.RUN, files);
  }
}
