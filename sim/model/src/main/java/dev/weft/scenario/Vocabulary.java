package dev.weft.scenario;

/** Kinds of closed name lists a scenario may draw on; the registries that own them answer. */
public enum Vocabulary {
  SCHEDULER_POLICY,
  HARDWARE,
  AI_MODEL
}
