package dev.weft.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A run's report folder, written in a hidden sibling and moved into place when complete, so a
 * failed or interrupted run never leaves a half-written report where the final one belongs.
 *
 * <p>Replacing a report never loses data: the old folder is moved aside, the new one moved in,
 * then the files a user added to the old one are moved across and only what Weft wrote (the
 * {@link Manifest}) is deleted. A kill at any step leaves either the old or the new report in
 * place; the next run on the same folder finishes or undoes the interrupted step ({@link
 * Recovery}). The whole write holds the folder's {@link FolderLock}, and a shutdown hook removes
 * the staging folder on SIGTERM or SIGINT.
 *
 * <p>Sweeps, which append to their folder in place, use {@link #claim} instead.
 */
public final class OutputFolder implements AutoCloseable {
  /** Marks a folder as written by Weft and lists what it wrote: the {@link Manifest}. */
  public static final String MARKER = Manifest.FILE;

  /**
   * Test hook: called with the name of each step of {@link #commit} before it is taken. By
   * default it stops the process at once, as kill -9 would, before the step named by the
   * system property {@code weft.test.haltBefore}: the end-to-end tests kill a run at every step.
   */
  static volatile Consumer<String> beforeStep = OutputFolder::haltIfAsked;

  private static final String FOREIGN = " exists and was not written by weft; choose another"
      + " --out or empty it";
  private final Path target;
  private final Path staging;
  private final FolderLock lock;
  private final Set<String> written = new LinkedHashSet<>();
  private final Thread cleanup;
  private boolean committed;
  private boolean closed;

  /**
   * Claims {@code target} for a run's report: refuses ({@link Refused}) a folder Weft did not
   * write, a sweep's folder, or one another Weft process is writing.
   */
  public OutputFolder(Path target) throws IOException {
    this.target = target.toAbsolutePath().normalize();
    refuse(this.target, Manifest.Kind.RUN);
    Path parent = this.target.getParent();
    createParents(parent);
    this.lock = FolderLock.acquire(this.target);
    try {
      Recovery.finishInterrupted(this.target);
      refuse(this.target, Manifest.Kind.RUN); // again: the recovery may have restored a folder
      this.staging = Files.createTempDirectory(parent, Hidden.name(this.target, "tmp"));
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    this.cleanup = new Thread(this::discardQuietly, "weft-output-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /** Thrown when a folder may not be written; the message says why, in one line. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  /**
   * Why {@code target} may not receive a run's report, or null if it may: an existing folder
   * is only written when it is empty or holds a Weft run's report, so a mistyped --out never
   * deletes a user's files, and a run never replaces a sweep.
   */
  public static String refusal(Path target) {
    return refusal(target, Manifest.Kind.RUN);
  }

  /** Why {@code target} may not receive output of {@code kind}, or null if it may. */
  static String refusal(Path target, Manifest.Kind kind) {
    Path t = target.toAbsolutePath().normalize();
    if (t.getParent() == null) {
      return "refusing to write a report over the file-system root";
    }
    String name = t.getFileName().toString();
    if (name.getBytes(StandardCharsets.UTF_8).length > Hidden.MAX_NAME_BYTES) {
      return Messages.path(t) + ": folder name is longer than " + Hidden.MAX_NAME_BYTES
          + " bytes";
    }
    for (Path p = t.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return Messages.path(t) + ": " + Messages.path(p) + " is a file, not a folder";
      }
    }
    if (!Files.exists(t)) {
      return null;
    }
    if (!Files.isDirectory(t)) {
      return Messages.path(t) + " exists and is not a folder";
    }
    Manifest m;
    try {
      m = Manifest.read(t);
    } catch (IOException e) {
      return "cannot read " + Messages.path(t) + ": " + Messages.reason(e);
    }
    if (m != null) {
      return m.kind() == kind ? null : Messages.path(t) + " holds a Weft " + m.kind().id()
          + ", not a " + kind.id() + "; choose another --out";
    }
    try (var entries = Files.list(t)) {
      if (entries.findAny().isEmpty()) {
        return null;
      }
    } catch (IOException e) {
      return "cannot read " + Messages.path(t) + ": " + Messages.reason(e);
    }
    return Messages.path(t) + FOREIGN;
  }

  private static void refuse(Path target, Manifest.Kind kind) throws Refused {
    String why = refusal(target, kind);
    if (why != null) {
      throw new Refused(why);
    }
  }

  private static void createParents(Path parent) throws IOException {
    try {
      Files.createDirectories(parent);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new Refused(Messages.path(parent) + " is a file, not a folder");
    }
  }

  public Path target() {
    return target;
  }

  /** Path of {@code relative} inside the staging folder, parents created; listed as written. */
  public Path file(String relative) {
    Path p = staging.resolve(relative).normalize();
    if (!p.startsWith(staging) || p.equals(staging)
        || p.getFileName().toString().equals(MARKER)) {
      throw new IllegalArgumentException("path escapes the output folder: " + relative);
    }
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written.add(staging.relativize(p).toString().replace('\\', '/'));
    return p;
  }

  public void write(String relative, String text) {
    write(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(String relative, byte[] bytes) {
    try {
      Files.write(file(relative), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Puts the staged report in place of the target: old folder aside, new folder in, the user's
   * files from the old folder across, then the old folder's Weft files deleted.
   */
  public synchronized void commit() throws IOException {
    if (closed) {
      throw new IllegalStateException("output folder already closed");
    }
    refuse(target, Manifest.Kind.RUN); // checked again: the folder may have changed meanwhile
    step("manifest");
    new Manifest(Manifest.Kind.RUN, List.copyOf(written)).write(staging);
    Path aside = null;
    if (Files.exists(target)) {
      step("aside");
      aside = Hidden.sibling(target, "old");
      move(target, aside);
    }
    step("in");
    move(staging, target);
    committed = true;
    if (aside != null) {
      step("users");
      Recovery.keepUserFiles(aside, target);
      step("delete");
      Recovery.deleteWeftFiles(aside);
    }
    step("done");
  }

  private static void step(String name) {
    beforeStep.accept(name);
  }

  private static void haltIfAsked(String step) {
    if (step.equals(System.getProperty("weft.test.haltBefore"))) {
      Runtime.getRuntime().halt(137);
    }
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Removes the staging folder unless committed, and releases the lock. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!committed && Files.exists(staging)) {
        Recovery.deleteTree(staging);
      }
    } finally {
      lock.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is this very call, or is about to run and will find the folder closed
      }
    }
  }

  private void discardQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      // the JVM is going down; the next run on this folder sweeps what is left
    }
  }

  /**
   * Claims a folder that is written in place (a sweep's): creates it if needed, refuses one Weft
   * did not write or that holds another kind of output, locks it, and records in its manifest
   * what the caller writes. Close the claim to release the lock.
   */
  public static Claim claim(Path dir) throws IOException {
    return Claim.open(dir.toAbsolutePath().normalize(), Manifest.Kind.SWEEP, false);
  }

  /**
   * Claims a folder of kernel tables ({@code kernels import --out}): unlike a sweep's, it may
   * hold other files, but {@link Claim#file} refuses to hand out one Weft did not write. With
   * {@code adopt}, files already there count as Weft's (the project's own import folder, which
   * only Weft writes).
   */
  public static Claim claimTables(Path dir, boolean adopt) throws IOException {
    return Claim.open(dir.toAbsolutePath().normalize(), Manifest.Kind.TABLES, adopt);
  }

  /** A sweep's hold on its folder: the lock and the manifest of what it wrote. */
  public static final class Claim implements AutoCloseable {
    private final Path dir;
    private final FolderLock lock;
    private final Set<String> written;

    private final Manifest.Kind kind;

    private Claim(Path dir, FolderLock lock, Set<String> written, Manifest.Kind kind) {
      this.dir = dir;
      this.lock = lock;
      this.written = written;
      this.kind = kind;
    }

    /** A shared folder (kernel tables) may hold other files; other kinds must be Weft's. */
    private static void refuseClaim(Path dir, Manifest.Kind kind, boolean shared)
        throws Refused {
      String why = refusal(dir, kind);
      if (why != null && shared && why.endsWith(FOREIGN)) {
        why = null;
      }
      if (why != null) {
        throw new Refused(why);
      }
    }

    static Claim open(Path dir, Manifest.Kind kind, boolean adopt) throws IOException {
      boolean shared = kind == Manifest.Kind.TABLES;
      refuseClaim(dir, kind, shared);
      createParents(dir.getParent());
      FolderLock lock = FolderLock.acquire(dir);
      try {
        refuseClaim(dir, kind, shared);
        Files.createDirectories(dir);
        Manifest m = Manifest.read(dir);
        Set<String> written = new LinkedHashSet<>(m == null ? List.of() : m.files());
        if (m == null && adopt) {
          try (var s = Files.list(dir)) {
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(MARKER)).sorted().forEach(written::add);
          }
        }
        new Manifest(kind, new ArrayList<>(written)).write(dir);
        return new Claim(dir, lock, written, kind);
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    }

    public Path dir() {
      return dir;
    }

    /**
     * Path of {@code relative} in the folder, recorded in the manifest before the caller writes
     * it, so a later sweep knows the file is Weft's.
     */
    public Path file(String relative) throws IOException {
      Path p = dir.resolve(relative).normalize();
      if (!p.startsWith(dir) || p.equals(dir) || p.getFileName().toString().equals(MARKER)) {
        throw new IllegalArgumentException("path escapes the output folder: " + relative);
      }
      String rel = dir.relativize(p).toString().replace('\\', '/');
      if (!written.contains(rel) && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new Refused(Messages.path(p) + " exists and was not written by weft; move it"
            + " away or choose another --out");
      }
      if (written.add(rel)) {
        new Manifest(kind, new ArrayList<>(written)).write(dir);
      }
      Files.createDirectories(p.getParent());
      return p;
    }

    @Override
    public void close() throws IOException {
      lock.close();
    }
  }
}
