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
  private final Path target;
  private final Path staging;
  private boolean committed;

  public OutputFolder(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    Path parent = this.target.getParent();
    Files.createDirectories(parent);
    this.staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".tmp-");
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
