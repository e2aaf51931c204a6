package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The online node where a new job would be done soonest: the least {@link Cluster#delay}, the
 * work it holds plus the job over its throughput (shortest expected delay), so a node twice as
 * fast takes twice the queue before a slower one gets the next job. Equal delays are broken by
 * a uniform draw from the policy's own random stream, never by node id or position, so
 * placement does not depend on the order node classes are written in. A {@link TieIndex} of
 * online nodes keeps each placement and each load change at O(log n).

 */
final class LeastLoaded implements Scheduler {
  private Cluster cluster;
  private UniformRandomProvider rng;
  private TieIndex index; // online nodes by local index

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    int n = cluster.size();
    index = new TieIndex(n);
    for (int i = 0; i < n; i++) {
      Node node = cluster.node(i);
      if (node.online()) {
        index.set(i, cluster.delay(node), 0);
      }
    }
  }

  @Override
  public Node place(Job job) {
    return index.isEmpty() ? null : cluster.node(index.pick(rng));
  }

  /** Online nodes at the least delay: those {@link #place} draws among. */
  int tied() {
    return index.tied();
  }

  @Override
  public void loadChanged(Node node) {
    int i = cluster.indexOf(node);
    if (index.contains(i)) {
      index.set(i, cluster.delay(node), 0);
    }
  }

  @Override
  public void availabilityChanged(Node node) {
    int i = cluster.indexOf(node);
    if (node.online()) {
      index.set(i, cluster.delay(node), 0);
    } else {
      index.remove(i);
    }
  }
}
