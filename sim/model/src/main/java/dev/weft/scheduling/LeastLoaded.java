package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The online node where a new job would be done soonest: the least {@link Cluster#delay}, the
 * work it holds plus the job over its throughput (shortest expected delay), so a node twice as
 * fast takes twice the queue before a slower one gets the next job. Equal delays are broken by
 * a uniform draw from the policy's own random stream, never by node id or position, so
 * placement does not depend on the order node classes are written in. A {@link TieIndex} of
 * online nodes keeps each placement and each load change at O(log n).
 *
 * <p>As {@code auction}, equal delays go to the lowest bid first (then the draw): a job goes to
 * the cheapest provider among those that would finish it soonest.
 */
final class LeastLoaded implements Scheduler {
  private final boolean byBid;
  private Cluster cluster;
  private UniformRandomProvider rng;
  private TieIndex index; // online nodes by local index
  private int[] rank; // by local index: rank of the bid, 0 without bids
  private double[] bids;
  private double[] sortedBids;

  LeastLoaded() {
    this(false);
  }

  LeastLoaded(boolean byBid) {
    this.byBid = byBid;
  }

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    int n = cluster.size();
    rank = new int[n];
    index = new TieIndex(n);
    if (byBid) {
      bids = new double[n];
      sortedBids = new double[n];
      rankBids();
    }
    for (int i = 0; i < n; i++) {
      Node node = cluster.node(i);
      if (node.online()) {
        index.set(i, cluster.delay(node), rank[i]);
      }
    }
  }

  @Override
  public void weightsChanged() {
    if (!byBid) {
      return;
    }
    rankBids();
    for (int i = 0; i < cluster.size(); i++) {
      if (index.contains(i)) {
        index.set(i, cluster.delay(cluster.node(i)), rank[i]);
      }
    }
  }

  /** Ranks become the number of bids strictly lower, so equal bids share one and tie. */
  private void rankBids() {
    int n = cluster.size();
    for (int i = 0; i < n; i++) {
      bids[i] = cluster.market().bid(cluster.node(i));
    }
    System.arraycopy(bids, 0, sortedBids, 0, n);
    Arrays.sort(sortedBids);
    for (int i = 0; i < n; i++) {
      rank[i] = lowerBound(bids[i]);
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
    return index.isEmpty() ? null : cluster.node(index.pick(rng));
  }

  /** Online nodes at the least (delay, bid rank): those {@link #place} draws among. */
  int tied() {
    return index.tied();
  }

  @Override
  public void loadChanged(Node node) {
    int i = cluster.indexOf(node);
    if (index.contains(i)) {
      index.set(i, cluster.delay(node), rank[i]);
    }
  }

  @Override
  public void availabilityChanged(Node node) {
    int i = cluster.indexOf(node);
    if (node.online()) {
      index.set(i, cluster.delay(node), rank[i]);
    } else {
      index.remove(i);
    }
  }
}
