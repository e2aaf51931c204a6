package dev.weft.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps of replacing a report that can be interrupted, and how the next run finishes them.
 * Every step is a rename or a delete of a file Weft wrote, so after a kill at any point the
 * folder holds the old report or the new one, and the user's files are in one of the two.
 */
final class Recovery {
  private Recovery() {}

  /**
   * Run with the folder's lock held, before a new report is staged: a staging folder left by a
   * killed run is deleted (it holds only Weft's files); an old report moved aside is moved back
   * when no report took its place, else its user files are moved into the report in place and
   * the rest deleted.
   */
  static void finishInterrupted(Path target) throws IOException {
    Path parent = target.getParent();
    if (!Files.isDirectory(parent)) {
      return;
    }
    String tmp = Hidden.name(target, "tmp");
    String old = Hidden.name(target, "old");
    List<Path> staged = new ArrayList<>();
    List<Path> aside = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(tmp) || n.startsWith(old);
    })) {
      for (Path p : s) {
        (p.getFileName().toString().startsWith(tmp) ? staged : aside).add(p);
      }
    }
    for (Path p : staged) {
      deleteTree(p);
    }
    aside.sort(null);
    for (Path a : aside) {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        OutputFolder.move(a, target);
      } else {
        keepUserFiles(a, target);
        deleteWeftFiles(a);
      }
    }
  }

  /**
   * Moves what the user added to {@code old} (anything its manifest does not list) into
   * {@code target}, under the same relative path; a name the new report took gets the suffix
   * {@code .user}, so nothing is overwritten.
   */
  static void keepUserFiles(Path old, Path target) throws IOException {
    Set<String> weft = weftFiles(old);
    List<Path> users = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    Files.walkFileTree(old, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(old)) {
          dirs.add(dir);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!weft.contains(rel(old, file))) {
          users.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path d : dirs) {
      Path to = target.resolve(rel(old, d));
      if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(to);
      }
    }
    for (Path f : users) {
      Path to = target.resolve(rel(old, f));
      for (int i = 1; Files.exists(to, LinkOption.NOFOLLOW_LINKS); i++) {
        to = to.resolveSibling(f.getFileName() + (i == 1 ? ".user" : ".user-" + i));
      }
      OutputFolder.move(f, to);
    }
  }

  /** Deletes the files the manifest of {@code old} lists, then its empty folders. */
  static void deleteWeftFiles(Path old) throws IOException {
    for (String f : weftFiles(old)) {
      Path p = old.resolve(f).normalize();
      if (p.startsWith(old) && !p.equals(old)) {
        Files.deleteIfExists(p);
      }
    }
    Files.walkFileTree(old, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
          if (!s.iterator().hasNext()) {
            Files.delete(dir);
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The manifest's files plus the manifest itself and its half-written replacement. */
  private static Set<String> weftFiles(Path dir) throws IOException {
    Manifest m = Manifest.read(dir);
    Set<String> s = new HashSet<>(m == null ? List.of() : m.files());
    s.add(Manifest.FILE);
    s.add(Manifest.FILE + ".new");
    return s;
  }

  private static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** Deletes a folder Weft created and filled (a staging folder), without following links. */
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
