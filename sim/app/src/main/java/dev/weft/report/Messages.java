package dev.weft.report;

import java.nio.file.Path;

/** How messages about output folders name paths and causes: escaped and in one line. */
final class Messages {
  private static final int MAX = 300;

  private Messages() {}

  static String path(Path p) {
    return clean(p.toString());
  }

  /** The reason of an I/O failure, without the exception class. */
  static String reason(Exception e) {
    String m = e.getMessage();
    return clean(m == null ? e.getClass().getSimpleName() : m);
  }

  /** Control characters escaped as \\uXXXX, cut to a bounded length. */
  static String clean(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < MAX; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= MAX && s.length() > MAX) {
      b.append("...");
    }
    return b.toString();
  }
}
