package dev.weft.cli;

import dev.weft.report.OutputFolder;
import dev.weft.yaml.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Turns what escapes a command into one line on the error stream and an exit code, never a
 * stack trace on the terminal: a refused output folder is bad input (2); a failure of the
 * environment (disk full or read-only, a name too long, out of memory, a stack overflow) and a
 * bug are 1, with the full trace written to a log file whose path the line gives.
 */
final class Failures {
  private Failures() {}

  /** Prints the line for {@code t} and returns the exit code. */
  static int report(Throwable t, PrintWriter err) {
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutputFolder.Refused refused) {
        err.println("weft: " + refused.getMessage());
        return Main.BAD_INPUT;
      }
      if (c instanceof OutOfMemoryError || c instanceof StackOverflowError
          || c instanceof IOException) {
        root = c;
        break;
      }
      root = c;
    }
    String log = writeLog(t);
    String where = log == null ? "" : " (details in " + log + ")";
    err.println("weft: " + describe(root) + where);
    return Main.INTERNAL;
  }

  /** One line saying what went wrong, in the user's terms where the failure is known. */
  static String describe(Throwable t) {
    if (t instanceof OutOfMemoryError) {
      return "out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB); give it more with WEFT_HEAP=8g, or shorten the run or its series";
    }
    if (t instanceof StackOverflowError) {
      return "stack overflow: the input nests too deeply";
    }
    if (t instanceof UncheckedIOException u) {
      return describe(u.getCause());
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + clean(e.getFile()) + " (read-only folder or disk?)";
    }
    if (t instanceof NoSuchFileException e) {
      return "no such file or folder: " + clean(e.getFile());
    }
    if (t instanceof FileSystemException e) {
      return "cannot write " + clean(e.getFile()) + ": " + clean(e.getReason());
    }
    if (t instanceof IOException e) {
      String m = e.getMessage();
      return m == null ? "input/output error (" + e.getClass().getSimpleName() + ")" : clean(m);
    }
    String m = t.getMessage();
    return "internal error: " + t.getClass().getSimpleName() + (m == null ? "" : ": "
        + clean(m));
  }

  /** Control characters escaped, one line, at most 300 characters (see {@link Text}). */
  static String clean(String s) {
    return Text.clean(s == null ? "" : s, 300);
  }

  /** The full trace in a temporary file; null when even that cannot be written. */
  private static String writeLog(Throwable t) {
    try {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      Path f = Files.createTempFile("weft-error-", ".log");
      Files.writeString(f, w.toString(), StandardCharsets.UTF_8);
      return f.toString();
    } catch (IOException | RuntimeException | Error e) {
      return null;
    }
  }
}
