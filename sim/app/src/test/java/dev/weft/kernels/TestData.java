package dev.weft.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.hardware.Hardware;
import dev.weft.yaml.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The project's models/ folder and the shared reference data, for tests. */
public final class TestData {
  private TestData() {}

  /** The checkout's models/ folder. */
  public static Path models() {
    Path m = ProjectFiles.models();
    if (m == null) {
      throw new IllegalStateException("no models/ folder above " + Path.of("").toAbsolutePath());
    }
    return m;
  }

  /** The Vidur folder of the shared data; skips the test when it is absent. */
  public static Path vidur() {
    assumeTrue(SharedData.vidur().isPresent(), "shared data not found (WEFT_SHARED)");
    return SharedData.vidur().get();
  }

  /** The LLMServingSim folder of the shared data; skips the test when it is absent. */
  public static Path llmServingSim() {
    assumeTrue(SharedData.llmServingSim().isPresent(), "shared data not found (WEFT_SHARED)");
    return SharedData.llmServingSim().get();
  }

  public static Map<String, Hardware> catalog() throws InputException {
    return Catalogs.hardware(models().resolve("hardware"));
  }

  /**
   * A copy of what a fresh clone has under models/: the committed files, without the
   * git-ignored imported/ tables.
   */
  public static Path freshModels(Path dir) {
    Path dst = dir.resolve("models");
    copyTree(models(), dst, rel -> rel.startsWith(Path.of("kernels", KernelTables.IMPORTED)));
    return dst;
  }

  /** Copies the folder {@code src} to {@code dst}, replacing what was there, for breaking. */
  public static void copyTree(Path src, Path dst) {
    copyTree(src, dst, rel -> false);
  }

  private static void copyTree(Path src, Path dst,
      java.util.function.Predicate<Path> skip) {
    try {
      if (Files.exists(dst)) {
        try (Stream<Path> old = Files.walk(dst).sorted(java.util.Comparator.reverseOrder())) {
          for (Path p : (Iterable<Path>) old::iterator) {
            Files.delete(p);
          }
        }
      }
      try (Stream<Path> s = Files.walk(src)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Path rel = src.relativize(p);
          if (skip.test(rel)) {
            continue;
          }
          Path t = dst.resolve(rel.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
