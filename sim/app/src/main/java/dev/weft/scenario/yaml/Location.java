package dev.weft.scenario.yaml;

/** A place in an input: file as the user named it, 1-based line and column. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
