package dev.weft.yaml;

/** One problem with the input, printed as {@code FILE:LINE:COLUMN: message}. */
public record InputError(Location where, String message) implements Comparable<InputError> {
  /** The message with what it quotes made safe to print: see {@link Text}. */
  public InputError {
    message = Text.clean(message, Text.MAX_MESSAGE);
  }

  @Override
  public String toString() {
    return where + ": " + message;
  }

  @Override
  public int compareTo(InputError o) {
    int c = where.file().compareTo(o.where.file());
    if (c == 0) {
      c = Integer.compare(where.line(), o.where.line());
    }
    if (c == 0) {
      c = Integer.compare(where.column(), o.where.column());
    }
    return c != 0 ? c : message.compareTo(o.message);
  }
}
