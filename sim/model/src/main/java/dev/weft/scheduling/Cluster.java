package dev.weft.scheduling;

import dev.weft.node.Node;

/**
 * The nodes a scheduler may place on, with local indexes 0..size()-1: all nodes of a run, or
 * the subset able to run a group of workloads (those whose AI model fits).
 */
public interface Cluster {

  /** Number of nodes this scheduler may use. */
  int size();

  /** The node at local index {@code i}, 0 <= i < size(). */
  Node node(int i);

  /** The local index of {@code n} (its position among this cluster's nodes). */
  int indexOf(Node n);

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
