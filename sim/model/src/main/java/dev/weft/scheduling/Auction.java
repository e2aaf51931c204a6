package dev.weft.scheduling;

import dev.weft.node.Node;
import dev.weft.workload.Job;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A reverse auction per job: the online nodes that can take the job and finish it in time bid,
 * and the cheapest bid wins. A node bids when it has room to start the job at once (it holds
 * fewer jobs than it has slots) and its expected delay ({@link Cluster#delay}) fits in the time
 * left to the job's deadline ({@link Cluster#timeLeft}; any delay without one). Among bidders
 * at the cheapest bid the soonest wins, and equal delays are drawn from the policy's own
 * stream. With no bidder the job goes where it would be done soonest (the cheapest bid
 * breaking equal delays), as {@code least-loaded} would place it, and is paid as though it won
 * alone. Why room and not only the deadline: an expected delay within the deadline still
 * misses it about half the time once the job must queue, so cheap nodes with queues would
 * take jobs from idle dearer ones and miss deadlines for it.
 *
 * <p>The job carries the auction's second price ({@link Job#secondBid}): the cheapest bid of
 * another bidder (equal to the winner's when one shares its bid), or infinity when none, so a
 * second-price fee rule pays the winner the price it had to beat (Vickrey) and the reserve when
 * nobody competed.
 *
 * <p>Nodes sit in a segment tree in bid order, each leaf holding the node's delay while it is
 * online with room and infinity otherwise, with the minimum and the number of leaves at it per
 * subtree: the cheapest bidder is the leftmost leaf within the time left, the soonest of its
 * bid level a range minimum and a counted descent, all O(log² n) at most. Bids change only at an epoch's end
 * ({@link #weightsChanged}), which re-sorts.
 */
final class Auction implements Scheduler {
  private static final double INF = Double.POSITIVE_INFINITY;

  private Cluster cluster;
  private UniformRandomProvider rng;
  private TieIndex soonest; // every online node by (delay, bid level): the fallback
  private int n;
  private MinTree bidders; // by leaf position: delay of each online node with room
  private int[] pos; // by local index: leaf position in bid order
  private int[] at; // by leaf position: local index
  private int[] level; // by local index: number of distinct bids below its bid
  private int[] levelStart; // by level: first leaf position
  private double[] bidOf; // by local index

  @Override
  public void attach(Cluster cluster, UniformRandomProvider rng) {
    this.cluster = cluster;
    this.rng = rng;
    n = cluster.size();
    bidders = new MinTree(n);
    pos = new int[n];
    at = new int[n];
    level = new int[n];
    levelStart = new int[n + 1];
    bidOf = new double[n];
    soonest = new TieIndex(n);
    rebuild();
  }

  /** Re-sorts only when a bid moved: fixed bids cost one pass over the nodes per epoch. */
  @Override
  public void weightsChanged() {
    for (int i = 0; i < n; i++) {
      if (cluster.market().bid(cluster.node(i)) + 0.0 != bidOf[i]) {
        rebuild();
        return;
      }
    }
  }

  /** Sorts the nodes by bid, numbers the bid levels and refills the trees and the fallback. */
  private void rebuild() {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      bidOf[i] = cluster.market().bid(cluster.node(i)) + 0.0; // -0.0 bids as 0.0
    }
    Arrays.sort(order, (a, b) -> Double.compare(bidOf[a], bidOf[b]));
    int levels = 0;
    for (int p = 0; p < n; p++) {
      int i = order[p];
      if (p == 0 || bidOf[i] != bidOf[order[p - 1]]) {
        levelStart[levels++] = p;
      }
      level[i] = levels - 1;
      pos[i] = p;
      at[p] = i;
    }
    levelStart[levels] = n;
    bidders.clear();
    for (int i = 0; i < n; i++) {
      update(i);
    }
  }

  @Override
  public Node place(Job job) {
    double budget = cluster.timeLeft(job);
    MinTree t = bidders;
    int p = t.leftmostAtMost(budget);
    if (p < 0) {
      if (soonest.isEmpty()) {
        return null;
      }
      job.secondBid(INF);
      return cluster.node(soonest.pick(rng));
    }
    int lv = level[at[p]];
    int lo = levelStart[lv];
    int hi = levelStart[lv + 1];
    double best = t.rangeMin(lo, hi);
    int ties = t.rangeCount(lo, hi, best);
    int winner = at[t.select(lo, hi, best, ties == 1 ? 0 : rng.nextInt(ties))];
    // the second price: the cheapest other bidder, found with the winner left out
    double saved = t.get(pos[winner]);
    t.set(pos[winner], INF);
    int next = t.leftmostAtMost(budget);
    t.set(pos[winner], saved);
    job.secondBid(next < 0 ? INF : bidOf[at[next]]);
    return cluster.node(winner);
  }

  @Override
  public void loadChanged(Node node) {
    update(cluster.indexOf(node));
  }

  @Override
  public void availabilityChanged(Node node) {
    update(cluster.indexOf(node));
  }

  private void update(int i) {
    Node node = cluster.node(i);
    if (node.online()) {
      double d = cluster.delay(node);
      bidders.set(pos[i], node.load() < 1 ? d : INF);
      soonest.set(i, d, level[i]);
    } else {
      bidders.set(pos[i], INF);
      soonest.remove(i);
    }
  }

  /**
   * A segment tree of values by leaf position with each subtree's minimum and how many leaves
   * hold it: point updates, the leftmost leaf at most a bound (any finite one for an infinite
   * bound), and a range's minimum, its count and its k-th holder.
   */
  private static final class MinTree {
    private final int size;
    private final double[] min;
    private final int[] count;

    MinTree(int leaves) {
      size = Integer.highestOneBit(Math.max(1, leaves - 1)) << 1;
      min = new double[2 * size];
      count = new int[2 * size];
      clear();
    }

    void clear() {
      Arrays.fill(min, INF);
      Arrays.fill(count, 0, size, 0);
      Arrays.fill(count, size, 2 * size, 1);
      for (int v = size - 1; v >= 1; v--) {
        count[v] = count[2 * v] + count[2 * v + 1];
      }
    }

    double get(int p) {
      return min[size + p];
    }

    void set(int p, double value) {
      int v = size + p;
      if (min[v] == value) {
        return;
      }
      min[v] = value;
      for (v >>= 1; v >= 1; v >>= 1) {
        double a = min[2 * v];
        double b = min[2 * v + 1];
        double m = Math.min(a, b);
        min[v] = m;
        count[v] = (a == m ? count[2 * v] : 0) + (b == m ? count[2 * v + 1] : 0);
      }
    }

    /** The leftmost leaf whose value is at most {@code bound} (finite when it is infinite). */
    int leftmostAtMost(double bound) {
      if (!(min[1] <= bound) || min[1] == INF) {
        return -1;
      }
      int v = 1;
      while (v < size) {
        double left = min[2 * v];
        v = left <= bound && left != INF ? 2 * v : 2 * v + 1;
      }
      return v - size;
    }

    double rangeMin(int from, int to) {
      return rangeMin(1, 0, size, from, to);
    }

    private double rangeMin(int v, int lo, int hi, int from, int to) {
      if (to <= lo || hi <= from) {
        return INF;
      }
      if (from <= lo && hi <= to) {
        return min[v];
      }
      int mid = (lo + hi) >>> 1;
      return Math.min(rangeMin(2 * v, lo, mid, from, to), rangeMin(2 * v + 1, mid, hi, from, to));
    }

    int rangeCount(int from, int to, double m) {
      return rangeCount(1, 0, size, from, to, m);
    }

    private int rangeCount(int v, int lo, int hi, int from, int to, double m) {
      if (to <= lo || hi <= from || min[v] > m) {
        return 0;
      }
      if (from <= lo && hi <= to) {
        return min[v] == m ? count[v] : 0;
      }
      int mid = (lo + hi) >>> 1;
      return rangeCount(2 * v, lo, mid, from, to, m)
          + rangeCount(2 * v + 1, mid, hi, from, to, m);
    }

    /** The position of the {@code k}-th (from 0) leaf holding {@code m} within [from, to). */
    int select(int from, int to, double m, int k) {
      int v = 1;
      int lo = 0;
      int hi = size;
      while (v < size) {
        int mid = (lo + hi) >>> 1;
        int left = rangeCount(2 * v, lo, mid, from, to, m);
        if (k < left) {
          v = 2 * v;
          hi = mid;
        } else {
          k -= left;
          v = 2 * v + 1;
          lo = mid;
        }
      }
      return lo;
    }
  }
}
