package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Samples two online nodes and takes the less loaded (Mitzenmacher's power of two choices):
 * nearly the balance of least-loaded at the cost of two probes.
 */
final class PowerOfTwoChoices implements Scheduler {
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
    if (n == 0) {
      return null;
    }
    Node a = cluster.online(rng.nextInt(n));
    Node b = cluster.online(rng.nextInt(n));
    return b.load() < a.load() ? b : a;
  }
}
