package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The online node with the fewest jobs per slot, ties to the lowest id. An indexed binary heap of
 * online nodes keyed by load keeps each placement and each load change at O(log n). As {@code
 * auction}, ties in load go to the lowest bid first: a job goes to the cheapest provider that
 * has room, which is a reverse auction cleared job by job.
 */
final class LeastLoaded implements Scheduler {
  private final boolean byBid;
  private Cluster cluster;
  private Node[] heap;
  private int[] pos; // heap position by local node index, -1 when not in the heap
  private double[] keys;
  private double[] bids;
  private int size;

  LeastLoaded() {
    this(false);
  }

  LeastLoaded(boolean byBid) {
    this.byBid = byBid;
  }

  @Override
  public void weightsChanged() {
    if (!byBid) {
      return;
    }
    for (int i = 0; i < cluster.size(); i++) {
      bids[i] = cluster.market().bid(cluster.node(i));
    }
    for (int i = size / 2; i >= 0; i--) {
      down(i);
    }
  }

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    bids = new double[cluster.size()];
    if (byBid) {
      for (int i = 0; i < cluster.size(); i++) {
        bids[i] = cluster.market().bid(cluster.node(i));
      }
    }
    heap = new Node[cluster.size()];
    keys = new double[cluster.size()];
    pos = new int[cluster.size()];
    java.util.Arrays.fill(pos, -1);
    for (int i = 0; i < cluster.size(); i++) {
      Node n = cluster.node(i);
      if (n.online()) {
        insert(n);
      }
    }
  }

  @Override
  public Node place(Job job) {
    return size == 0 ? null : heap[0];
  }

  @Override
  public void loadChanged(Node node) {
    int i = pos[cluster.indexOf(node)];
    if (i < 0) {
      return;
    }
    double old = keys[i];
    keys[i] = node.load();
    if (keys[i] < old) {
      up(i);
    } else {
      down(i);
    }
  }

  @Override
  public void availabilityChanged(Node node) {
    int p = pos[cluster.indexOf(node)];
    if (node.online() && p < 0) {
      insert(node);
    } else if (!node.online() && p >= 0) {
      remove(node);
    }
  }

  private void insert(Node n) {
    heap[size] = n;
    keys[size] = n.load();
    pos[cluster.indexOf(n)] = size;
    up(size++);
  }

  private void remove(Node n) {
    int i = pos[cluster.indexOf(n)];
    pos[cluster.indexOf(n)] = -1;
    int last = --size;
    if (i != last) {
      Node moved = heap[last];
      move(last, i);
      heap[last] = null;
      up(i);
      down(pos[cluster.indexOf(moved)]);
    } else {
      heap[last] = null;
    }
  }

  private boolean less(int a, int b) {
    if (keys[a] != keys[b]) {
      return keys[a] < keys[b];
    }
    double ba = bids[cluster.indexOf(heap[a])];
    double bb = bids[cluster.indexOf(heap[b])];
    return ba < bb || (ba == bb && heap[a].id() < heap[b].id());
  }

  private void up(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!less(i, p)) {
        break;
      }
      swap(i, p);
      i = p;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int best = l + 1 < size && less(l + 1, l) ? l + 1 : l;
      if (!less(best, i)) {
        return;
      }
      swap(i, best);
      i = best;
    }
  }

  private void move(int from, int to) {
    heap[to] = heap[from];
    keys[to] = keys[from];
    pos[cluster.indexOf(heap[to])] = to;
  }

  private void swap(int a, int b) {
    Node na = heap[a];
    double ka = keys[a];
    heap[a] = heap[b];
    keys[a] = keys[b];
    heap[b] = na;
    keys[b] = ka;
    pos[cluster.indexOf(heap[a])] = a;
    pos[cluster.indexOf(heap[b])] = b;
  }
}
