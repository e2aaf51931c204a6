package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/** Nodes take jobs in turn, by id, skipping those offline. */
final class RoundRobin implements Scheduler {
  private Cluster cluster;
  private int next;

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
  }

  @Override
  public Node place(Job job) {
    if (cluster.onlineCount() == 0) {
      return null;
    }
    int size = cluster.size();
    // amortised O(1) while most nodes are online; bounded by one lap otherwise
    for (int tried = 0; tried < size; tried++) {
      Node n = cluster.node(next);
      next = next + 1 == size ? 0 : next + 1;
      if (n.online()) {
        return n;
      }
    }
    return null;
  }
}
