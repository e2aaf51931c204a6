package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Nodes take jobs in turn, skipping those offline. The turn order is a random permutation drawn
 * from the policy's stream at the start, not the order nodes were listed in, so no node class
 * is first in line because it comes first in the scenario.
 */
final class RoundRobin implements Scheduler {
  private Cluster cluster;
  private int[] order; // local indexes in turn order
  private int next;

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    int n = cluster.size();
    order = Permutation.random(n, rng);
  }

  @Override
  public Node place(Job job) {
    if (cluster.onlineCount() == 0) {
      return null;
    }
    int size = cluster.size();
    // amortised O(1) while most nodes are online; bounded by one lap otherwise
    for (int tried = 0; tried < size; tried++) {
      Node n = cluster.node(order[next]);
      next = next + 1 == size ? 0 : next + 1;
      if (n.online()) {
        return n;
      }
    }
    return null;
  }
}
