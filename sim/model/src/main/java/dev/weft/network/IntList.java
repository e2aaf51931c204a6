package dev.weft.network;

import java.util.Arrays;

/** A growable list of ints for scratch work that must not allocate per event. */
final class IntList {
  int[] items;
  int size;

  IntList(int capacity) {
    items = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = v;
  }

  int get(int i) {
    return items[i];
  }

  void clear() {
    size = 0;
  }
}
