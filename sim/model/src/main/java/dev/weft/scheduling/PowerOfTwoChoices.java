package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Samples two online nodes and takes the one where the job would be done sooner, by {@link
 * Cluster#delay} (Mitzenmacher's power of two choices, with the shortest-expected-delay index so
 * a faster node counts as less loaded): nearly the balance of least-loaded at the cost of two
 * probes. Equal delays go to the first draw, itself uniform, so no node order matters.
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
    return cluster.delay(b) < cluster.delay(a) ? b : a;
  }
}
