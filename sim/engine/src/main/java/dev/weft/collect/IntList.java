package dev.weft.collect;

import java.util.Arrays;

/**
 * A growable list of ints for scratch work that must not allocate per event: cleared and
 * refilled in place, it stops growing at its largest size.
 */
public final class IntList {
  private int[] items;
  private int size;

  /** An empty list with room for {@code capacity} ints (at least 4) before it grows. */
  public IntList(int capacity) {
    items = new int[Math.max(4, capacity)];
  }

  /** Appends {@code v}. */
  public void add(int v) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = v;
  }

  /** The int at {@code i}, {@code 0 <= i < size()} (not checked against the size). */
  public int get(int i) {
    return items[i];
  }

  /** Removes and returns the last int; the list must not be empty. */
  public int pop() {
    return items[--size];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Empties the list, keeping its room. */
  public void clear() {
    size = 0;
  }
}
