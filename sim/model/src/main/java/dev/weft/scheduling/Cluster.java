package dev.weft.scheduling;

import dev.weft.node.Node;

/** The nodes of a run as a scheduler sees them. */
public interface Cluster {

  int size();

  Node node(int id);

  /** Number of nodes online now. */
  int onlineCount();

  /** The i-th online node, 0 <= i < onlineCount(), in an order that changes with churn. */
  Node online(int i);

  /** Relative weight of {@code n} in stake-weighted selection (1 without economics). */
  default double selectionWeight(Node n) {
    return 1.0;
  }

  /** What {@code n} asks per GPU-hour in a reverse auction (0 without economics). */
  default double bid(Node n) {
    return 0.0;
  }
}
