package dev.weft.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder written in a hidden sibling and moved into place when complete, so a failed or
 * interrupted run never leaves a half-written report where the final one belongs.
 */
public final class OutputFolder implements AutoCloseable {
  /** Marks a folder as written by Weft, so it may be replaced by a later run. */
  public static final String MARKER = ".weft-output";
  private final Path target;
  private final Path staging;
  private boolean committed;

  public OutputFolder(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    String refusal = refusal(this.target);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    Path parent = this.target.getParent();
    Files.createDirectories(parent);
    this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".tmp-");
    Files.writeString(staging.resolve(MARKER), "written by weft; safe to replace\n");
  }

  /**
   * Why {@code target} may not receive a report, or null if it may: an existing folder is only
   * replaced when it is empty or was written by Weft, so a mistyped --out never deletes a
   * user's files.
   */
  public static String refusal(Path target) {
    Path t = target.toAbsolutePath().normalize();
    if (t.getParent() == null) {
      return "refusing to write a report over the file-system root";
    }
    if (!Files.exists(t)) {
      return null;
    }
    if (!Files.isDirectory(t)) {
      return t + " exists and is not a folder";
    }
    if (Files.exists(t.resolve(MARKER))) {
      return null;
    }
    try (var entries = Files.list(t)) {
      if (entries.findAny().isEmpty()) {
        return null;
      }
    } catch (IOException e) {
      return "cannot read " + t + ": " + e.getMessage();
    }
    return t + " exists and was not written by weft; choose another --out or empty it";
  }

  public Path target() {
    return target;
  }

  /** Path of {@code relative} inside the staging folder, parents created. */
  public Path file(String relative) {
    Path p = staging.resolve(relative).normalize();
    if (!p.startsWith(staging)) {
      throw new IllegalArgumentException("path escapes the output folder: " + relative);
    }
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  public void write(String relative, String text) {
    try {
      Files.writeString(file(relative), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(String relative, byte[] bytes) {
    try {
      Files.write(file(relative), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the target with the staged folder. */
  public void commit() throws IOException {
    String refusal = refusal(target); // checked again: the folder may have changed meanwhile
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    if (Files.exists(target)) {
      deleteTree(target);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed && Files.exists(staging)) {
      deleteTree(staging);
    }
  }

  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
