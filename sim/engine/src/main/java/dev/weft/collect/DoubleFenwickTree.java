package dev.weft.collect;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A Fenwick (binary indexed) tree of non-negative double weights: set one weight, sum a prefix,
 * or find the index a point of the cumulative range falls in, each in O(log n) without
 * allocation; rebuild all weights in O(n).
 *
 * <p>Sums are floating point, so their value depends on the order of additions. That order is
 * fixed by the tree's shape and the calls made, and {@link #total()} is summed from the tree
 * rather than kept aside, so a draw of {@code u * total()} is searched with the same roundings
 * it was scaled by. For exact integer weights see {@link LongFenwickTree}; the two are separate
 * classes because Java has no generics over primitives.
 */
public final class DoubleFenwickTree {
  private final double[] tree; // 1-based partial sums
  private final double[] weight;
  private final int highBit;

  /** {@code n} weights, all 0. */
  public DoubleFenwickTree(int n) {
    tree = new double[n + 1];
    weight = new double[n];
    highBit = Integer.highestOneBit(Math.max(1, n));
  }

  public int size() {
    return weight.length;
  }

  public double get(int i) {
    return weight[i];
  }

  /** Sets weight {@code i} to {@code w}, adding the difference along the tree. */
  public void set(int i, double w) {
    double delta = w - weight[i];
    weight[i] = w;
    for (int k = i + 1; k < tree.length; k += k & -k) {
      tree[k] += delta;
    }
  }

  /** Replaces every weight by {@code weightOf.applyAsDouble(i)}, asked in index order, in O(n). */
  public void rebuild(IntToDoubleFunction weightOf) {
    Arrays.fill(tree, 0);
    for (int i = 0; i < weight.length; i++) {
      weight[i] = weightOf.applyAsDouble(i);
      // each node, complete once its own weight is in, passes its sum to its parent
      tree[i + 1] += weight[i];
      int parent = i + 1 + ((i + 1) & -(i + 1));
      if (parent < tree.length) {
        tree[parent] += tree[i + 1];
      }
    }
  }

  /** Sum of the first {@code count} weights. */
  public double prefixSum(int count) {
    double s = 0;
    for (int i = count; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }

  /** Sum of all weights, added up the tree as {@link #prefixSum} does. */
  public double total() {
    return prefixSum(weight.length);
  }

  /**
   * The index whose part of the cumulative range holds {@code target}: the largest {@code i}
   * with {@code prefixSum(i) <= target} as the descent computes it, so weights of 0 are passed
   * over. For {@code 0 <= target < total()} that is an index below {@link #size()}; rounding
   * near the top of the range can give {@link #size()} or an index of weight 0, which callers
   * step back from.
   */
  public int find(double target) {
    int pos = 0;
    for (int step = highBit; step > 0; step >>= 1) {
      int next = pos + step;
      if (next < tree.length && tree[next] <= target) {
        pos = next;
        target -= tree[next];
      }
    }
    return pos;
  }
}
