package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.ArrayDeque;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One global first-come-first-served queue: a job starts on an idle node the moment one is free,
 * otherwise it waits centrally. Idle nodes are served longest-idle first; the nodes idle at the
 * start are lined up in an order drawn from the policy's stream, not the order they were listed
 * in. With identical nodes this is the textbook M/M/c, M/D/1, G/G/c queue.
 */
final class FifoCentral implements Scheduler {
  private final ArrayDeque<Node> idle = new ArrayDeque<>();
  private Cluster cluster;
  private boolean[] listed;

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    int n = cluster.size();
    listed = new boolean[n];
    int[] order = Permutation.random(n, rng);
    for (int i : order) {
      loadChanged(cluster.node(i));
    }
  }

  @Override
  public boolean queuesCentrally() {
    return true;
  }

  @Override
  public Node place(Job job) {
    Node n;
    while ((n = idle.pollFirst()) != null) {
      listed[cluster.indexOf(n)] = false;
      if (n.hasFreeSlot() && n.queued() == 0) {
        return n;
      }
    }
    return null;
  }

  @Override
  public void loadChanged(Node node) {
    int i = cluster.indexOf(node);
    if (!listed[i] && node.hasFreeSlot() && node.queued() == 0) {
      listed[i] = true;
      idle.addLast(node);
    }
  }

  @Override
  public void availabilityChanged(Node node) {
    loadChanged(node);
  }
}
