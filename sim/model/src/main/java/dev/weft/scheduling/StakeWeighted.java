package dev.weft.scheduling;

import dev.weft.collect.DoubleFenwickTree;
import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Each job goes to an online node drawn with probability proportional to its selection weight
 * (bonded plus delegated stake), as in proof-of-stake work assignment. A Fenwick tree over node
 * weights keeps each draw and each change at O(log n).
 */
final class StakeWeighted implements Scheduler {
  private Cluster cluster;
  private UniformRandomProvider rng;
  private DoubleFenwickTree weights;
  private final IntToDoubleFunction currentWeight = i -> weightOf(cluster.node(i));

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    weights = new DoubleFenwickTree(cluster.size());
    weightsChanged();
  }

  @Override
  public Node place(Job job) {
    double total = weights.total();
    if (!(total > 0)) {
      // nobody online has stake: fall back to a uniform draw among online nodes
      int n = cluster.onlineCount();
      return n == 0 ? null : cluster.online(rng.nextInt(n));
    }
    int id = Math.min(weights.find(rng.nextDouble() * total), weights.size() - 1);
    while (weights.get(id) <= 0 && id > 0) {
      id--; // guards against rounding at the very top of the range
    }
    return weights.get(id) > 0 ? cluster.node(id) : null;
  }

  @Override
  public void availabilityChanged(Node node) {
    weights.set(cluster.indexOf(node), weightOf(node));
  }

  @Override
  public void weightsChanged() {
    weights.rebuild(currentWeight);
  }

  private double weightOf(Node n) {
    return n.online() ? Math.max(0, cluster.market().selectionWeight(n)) : 0;
  }
}
