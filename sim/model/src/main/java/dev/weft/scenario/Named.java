package dev.weft.scenario;

/**
 * A closed vocabulary of a scenario as an enum: each constant has the name a scenario file
 * spells. The loader binds such enums by {@link #id()} (with "did you mean" for a misspelling),
 * and the schema and the resolved scenario write the same names.
 */
public interface Named {
  /** The name a scenario file uses for this constant. */
  String id();
}
