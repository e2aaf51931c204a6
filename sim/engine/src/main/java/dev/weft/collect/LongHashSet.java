package dev.weft.collect;

import java.util.Arrays;

/**
 * An open-addressing set of non-negative longs (linear probing, backward-shift deletion, so no
 * tombstones build up under churn). The simulator remembers cancelled event sequences in one;
 * adding and removing allocate nothing until the table doubles.
 */
public final class LongHashSet {
  private static final long EMPTY = -1L;
  private long[] slots = new long[64];
  private int size;

  /** An empty set. */
  public LongHashSet() {
    Arrays.fill(slots, EMPTY);
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  /** Adds {@code key} ({@code >= 0}); false when it was already there. */
  public boolean add(long key) {
    if ((size + 1) * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    int i = index(key, slots.length);
    while (true) {
      long s = slots[i];
      if (s == key) {
        return false;
      }
      if (s == EMPTY) {
        slots[i] = key;
        size++;
        return true;
      }
      i = (i + 1) & (slots.length - 1);
    }
  }

  /** Removes {@code key}; false when it was not there. */
  public boolean remove(long key) {
    int mask = slots.length - 1;
    int i = index(key, slots.length);
    while (true) {
      long s = slots[i];
      if (s == EMPTY) {
        return false;
      }
      if (s == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    // backward-shift deletion keeps probe chains intact without tombstones
    int hole = i;
    int j = (i + 1) & mask;
    while (slots[j] != EMPTY) {
      int home = index(slots[j], slots.length);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
      j = (j + 1) & mask;
    }
    slots[hole] = EMPTY;
    size--;
    return true;
  }

  public boolean contains(long key) {
    int i = index(key, slots.length);
    while (true) {
      long s = slots[i];
      if (s == key) {
        return true;
      }
      if (s == EMPTY) {
        return false;
      }
      i = (i + 1) & (slots.length - 1);
    }
  }

  public void clear() {
    Arrays.fill(slots, EMPTY);
    size = 0;
  }

  private void rehash(int capacity) {
    long[] old = slots;
    slots = new long[capacity];
    Arrays.fill(slots, EMPTY);
    size = 0;
    for (long k : old) {
      if (k != EMPTY) {
        add(k);
      }
    }
  }

  private static int index(long key, int length) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & (length - 1);
  }
}
