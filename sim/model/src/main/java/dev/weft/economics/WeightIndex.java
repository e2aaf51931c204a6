package dev.weft.economics;

import dev.weft.collect.LongFenwickTree;

/**
 * The selectable operators' stakes as a shared Fenwick tree of non-negative integer weights:
 * set a weight and draw an index with probability proportional to its weight, both in O(log n)
 * and without allocation. A name of the economy's own for {@link LongFenwickTree}.
 */
final class WeightIndex extends LongFenwickTree {
  WeightIndex(int n) {
    super(n);
  }
}
