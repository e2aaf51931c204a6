package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Each job goes to an online node drawn with probability proportional to its selection weight
 * (bonded plus delegated stake), as in proof-of-stake work assignment. A Fenwick tree over node
 * weights keeps each draw and each change at O(log n).
 */
final class StakeWeighted implements Scheduler {
  private Cluster cluster;
  private UniformRandomProvider rng;
  private double[] tree; // 1-based Fenwick sums
  private double[] weight;
  private int highBit;

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    int n = cluster.size();
    tree = new double[n + 1];
    weight = new double[n];
    highBit = Integer.highestOneBit(Math.max(1, n));
    weightsChanged();
  }

  @Override
  public Node place(Job job) {
    double total = prefix(weight.length);
    if (!(total > 0)) {
      // nobody online has stake: fall back to a uniform draw among online nodes
      int n = cluster.onlineCount();
      return n == 0 ? null : cluster.online(rng.nextInt(n));
    }
    double target = rng.nextDouble() * total;
    int pos = 0;
    for (int step = highBit; step > 0; step >>= 1) {
      int next = pos + step;
      if (next < tree.length && tree[next] <= target) {
        pos = next;
        target -= tree[next];
      }
    }
    int id = Math.min(pos, weight.length - 1);
    while (weight[id] <= 0 && id > 0) {
      id--; // guards against rounding at the very top of the range
    }
    return weight[id] > 0 ? cluster.node(id) : null;
  }

  @Override
  public void availabilityChanged(Node node) {
    set(cluster.indexOf(node),
        node.online() ? Math.max(0, cluster.market().selectionWeight(node)) : 0);
  }

  @Override
  public void weightsChanged() {
    java.util.Arrays.fill(tree, 0);
    for (int i = 0; i < weight.length; i++) {
      Node n = cluster.node(i);
      weight[i] = n.online() ? Math.max(0, cluster.market().selectionWeight(n)) : 0;
      tree[i + 1] += weight[i];
      int parent = i + 1 + ((i + 1) & -(i + 1));
      if (parent < tree.length) {
        tree[parent] += tree[i + 1];
      }
    }
  }

  private void set(int id, double w) {
    double delta = w - weight[id];
    weight[id] = w;
    for (int i = id + 1; i < tree.length; i += i & -i) {
      tree[i] += delta;
    }
  }

  private double prefix(int count) {
    double s = 0;
    for (int i = count; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }
}
