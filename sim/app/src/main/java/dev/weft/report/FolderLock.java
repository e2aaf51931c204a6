package dev.weft.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an output folder, held while a run or sweep writes it: an operating
 * system lock ({@link FileChannel#tryLock}) on a hidden file beside the folder, released by the
 * system when the process dies, so a kill -9 never leaves the folder locked. The file stays (an
 * empty file): deleting it could let two processes lock two different files of one name.
 */
final class FolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code folder}, or refuses at once when another process (or run) holds it. */
  static FolderLock acquire(Path folder) throws IOException {
    Path file = folder.resolveSibling(Hidden.lockName(folder));
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      l = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      ch.close();
      throw new OutputFolder.Refused(Messages.path(folder) + " is being written by another weft"
          + " run or sweep (it holds " + Messages.path(file) + "); wait for it to finish or"
          + " choose another --out");
    }
    return new FolderLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
