package dev.weft.engine;

/** Something that happens at a point in simulated time. */
@FunctionalInterface
public interface Event {
  void fire();
}
