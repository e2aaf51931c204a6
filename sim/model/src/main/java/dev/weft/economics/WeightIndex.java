package dev.weft.economics;

/**
 * A Fenwick tree of non-negative integer weights: set a weight and draw an index with
 * probability proportional to its weight, both in O(log n) and without allocation.
 */
final class WeightIndex {
  private final long[] tree;
  private final long[] weight;
  private long total;

  WeightIndex(int n) {
    tree = new long[n + 1];
    weight = new long[n];
  }

  void set(int i, long w) {
    long delta = w - weight[i];
    if (delta == 0) {
      return;
    }
    weight[i] = w;
    total += delta;
    for (int k = i + 1; k < tree.length; k += k & -k) {
      tree[k] += delta;
    }
  }

  long get(int i) {
    return weight[i];
  }

  long total() {
    return total;
  }

  /** The index whose cumulative range contains {@code r}, 0 <= r < total. */
  int find(long r) {
    int pos = 0;
    int step = Integer.highestOneBit(tree.length - 1);
    for (; step > 0; step >>= 1) {
      int next = pos + step;
      if (next < tree.length && tree[next] <= r) {
        pos = next;
        r -= tree[next];
      }
    }
    return pos;
  }
}
