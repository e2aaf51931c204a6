package dev.weft.ai;

import dev.weft.hardware.Label;
import java.util.Arrays;

/**
 * Open-addressing map from a non-negative long shape key to a cost: total seconds and
 * seconds per {@link Label}. A hit allocates nothing. Not thread-safe.
 */
final class CostCache {
  static final int STRIDE = 1 + Label.values().length;
  private static final long EMPTY = -1;
  private long[] keys;
  private double[] values;
  private int size;

  CostCache() {
    keys = new long[64];
    Arrays.fill(keys, EMPTY);
    values = new double[64 * STRIDE];
  }

  /** Offset of {@code key}'s values, or -1. */
  int find(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return i * STRIDE;
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Stores {@code cost} (length {@link #STRIDE}) under {@code key}; returns its offset. */
  int put(long key, double[] cost) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      size++;
    }
    keys[i] = key;
    System.arraycopy(cost, 0, values, i * STRIDE, STRIDE);
    return i * STRIDE;
  }

  double total(int offset) {
    return values[offset];
  }

  /** Adds the cost at {@code offset}, {@code times} over, into {@code byLabel}. */
  void addLabels(int offset, double times, double[] byLabel) {
    for (int l = 0; l < STRIDE - 1; l++) {
      byLabel[l] += times * values[offset + 1 + l];
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    double[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new double[keys.length * STRIDE];
    size = 0;
    double[] tmp = new double[STRIDE];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        System.arraycopy(oldValues, i * STRIDE, tmp, 0, STRIDE);
        put(oldKeys[i], tmp);
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
