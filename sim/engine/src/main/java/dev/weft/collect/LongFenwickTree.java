package dev.weft.collect;

/**
 * A Fenwick (binary indexed) tree of non-negative long weights: set one weight, or find the
 * index a point of the cumulative range falls in, both in O(log n) without allocation. Integer
 * sums are exact, so the total is kept aside rather than summed.
 *
 * <p>Open so that a package can give the shared tree a name of its own (the economy's {@code
 * WeightIndex}); it adds no behaviour.
 */
public class LongFenwickTree {
  private final long[] tree; // 1-based partial sums
  private final long[] weight;
  private long total;

  /** {@code n} weights, all 0. */
  public LongFenwickTree(int n) {
    tree = new long[n + 1];
    weight = new long[n];
  }

  public final int size() {
    return weight.length;
  }

  /** Sets weight {@code i} to {@code w} ({@code >= 0}). */
  public final void set(int i, long w) {
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

  public final long get(int i) {
    return weight[i];
  }

  /** Sum of all weights. */
  public final long total() {
    return total;
  }

  /** Sum of the first {@code count} weights. */
  public final long prefixSum(int count) {
    long s = 0;
    for (int i = count; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }

  /**
   * The index whose part of the cumulative range holds {@code r}, {@code 0 <= r < total()}:
   * the {@code i} with {@code prefixSum(i) <= r < prefixSum(i + 1)}, so weights of 0 are never
   * found.
   */
  public final int find(long r) {
    int pos = 0;
    for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
      int next = pos + step;
      if (next < tree.length && tree[next] <= r) {
        pos = next;
        r -= tree[next];
      }
    }
    return pos;
  }
}
