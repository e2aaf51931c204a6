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

  /** Number of network regions (1 without a network). */
  default int regionCount() {
    return 1;
  }

  /** Region of {@code n} (0 without a network). */
  default int regionOf(Node n) {
    return 0;
  }

  /** Round-trip time from region {@code a} to region {@code b}, seconds (0 without a network). */
  default double rtt(int a, int b) {
    return 0;
  }

  /** What {@code n} asks per GPU-hour in a reverse auction (0 without economics). */
  default double bid(Node n) {
    return 0.0;
  }
}
