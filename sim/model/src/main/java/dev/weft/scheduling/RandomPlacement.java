package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/** Each job goes to a node drawn uniformly among those online; it queues there. */
final class RandomPlacement implements Scheduler {
  private Cluster cluster;
  private UniformRandomProvider rng;

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
  }

  @Override
  public Node place(Job job) {
    int n = cluster.onlineCount();
    return n == 0 ? null : cluster.online(rng.nextInt(n));
  }
}
