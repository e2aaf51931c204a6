package dev.weft.scheduling;

import dev.weft.collect.IndexedMinHeap;
import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The online node with the fewest jobs per slot, ties to the lowest id. An indexed heap of
 * online nodes keyed by load keeps each placement and each load change at O(log n). As {@code
 * auction}, ties in load go to the lowest bid first: a job goes to the cheapest provider that
 * has room, which is a reverse auction cleared job by job.
 *
 * <p>The heap orders by (load, tie); the tie is the node id, or with bids the node's rank by
 * (bid, id), so the node on top is the least under (load, bid, id) whatever the heap's shape.
 */
final class LeastLoaded implements Scheduler {
  private final boolean byBid;
  private Cluster cluster;
  private IndexedMinHeap heap; // online nodes by local index
  private long[] tie; // by local index
  private double[] bids;
  private double[] sortedBids;

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
    rankBids();
    for (int i = 0; i < cluster.size(); i++) {
      if (heap.contains(i)) {
        heap.set(i, heap.key(i), tie[i]);
      }
    }
  }

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    int n = cluster.size();
    tie = new long[n];
    bids = new double[n];
    sortedBids = new double[n];
    heap = new IndexedMinHeap(n);
    if (byBid) {
      rankBids();
    } else {
      for (int i = 0; i < n; i++) {
        tie[i] = cluster.node(i).id();
      }
    }
    for (int i = 0; i < n; i++) {
      Node node = cluster.node(i);
      if (node.online()) {
        heap.set(i, node.load(), tie[i]);
      }
    }
  }

  /**
   * Ties become (rank of the bid, node id) packed in a long: the rank counts the bids strictly
   * lower, so equal bids share one and go by id.
   */
  private void rankBids() {
    int n = cluster.size();
    for (int i = 0; i < n; i++) {
      bids[i] = cluster.market().bid(cluster.node(i));
    }
    System.arraycopy(bids, 0, sortedBids, 0, n);
    Arrays.sort(sortedBids);
    for (int i = 0; i < n; i++) {
      tie[i] = ((long) lowerBound(bids[i]) << 32) | cluster.node(i).id();
    }
  }

  /** How many bids are below {@code b} (compared with {@code <}, so -0.0 equals 0.0). */
  private int lowerBound(double b) {
    int lo = 0;
    int hi = sortedBids.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedBids[mid] < b) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Node place(Job job) {
    return heap.isEmpty() ? null : cluster.node(heap.peek());
  }

  @Override
  public void loadChanged(Node node) {
    int i = cluster.indexOf(node);
    if (heap.contains(i)) {
      heap.set(i, node.load(), tie[i]);
    }
  }

  @Override
  public void availabilityChanged(Node node) {
    int i = cluster.indexOf(node);
    if (node.online() && !heap.contains(i)) {
      heap.set(i, node.load(), tie[i]);
    } else if (!node.online()) {
      heap.remove(i);
    }
  }
}
