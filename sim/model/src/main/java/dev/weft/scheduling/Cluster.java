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
}
