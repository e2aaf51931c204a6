package dev.weft.economics;

/** What an execution returned, as far as comparing results can tell. */
public enum Result {
  /** The correct output. */
  CORRECT,
  /** Junk of one's own: matches nothing else. */
  JUNK,
  /** The cartel's agreed junk: matches other colluders' junk. */
  CARTEL_JUNK
}
