package dev.weft.network;

/**
 * Something that can break and heal: a backbone link, a node's connection, a partition. Begins
 * and ends nest, so overlapping faults on the same target heal only when the last one ends.
 */
public interface Fault {
  void begin();

  void end();
}
