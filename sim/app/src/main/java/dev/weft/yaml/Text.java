package dev.weft.yaml;

/**
 * How messages quote what was read: control characters (and the Unicode line and paragraph
 * separators) escaped as {@code \\uXXXX}, so a value can neither break a line nor drive the
 * terminal, and long text cut with an ellipsis, so a message stays one readable line.
 */
public final class Text {
  /** The longest message printed whole. */
  public static final int MAX_MESSAGE = 500;
  /** The longest value quoted whole inside a message. */
  public static final int MAX_VALUE = 60;

  private Text() {}

  /** {@code s} escaped and cut to at most {@code max} characters (plus an ellipsis). */
  public static String clean(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (b.length() >= max) {
        b.append("...");
        break;
      }
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u202e') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A value for quoting inside a message: escaped and cut to {@link #MAX_VALUE}. */
  public static String value(String s) {
    return clean(s, MAX_VALUE);
  }
}
