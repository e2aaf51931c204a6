package dev.weft.collect;

import java.util.Arrays;

/**
 * A 4-ary min-heap of int ids keyed by a double, ties broken by a long, with the position of
 * every id remembered so a key can be changed or an id removed in O(log n). Four children per
 * node halve the depth a changed key sifts through, and siblings sit side by side in memory;
 * a flow solver changes many completion times per event. Primitive arrays only: changing a key
 * allocates nothing once the arrays have grown to the largest id and size.
 *
 * <p>The order is (key, tie) compared with {@code <} on both: when no two ids present share a
 * (key, tie) pair and no key is NaN it is a strict total order, so the id on top, and the
 * order {@link #poll()} returns ids in, depend only on the pairs and not on the order of
 * insertion or on the heap's arity. Callers that need reproducible runs give every id a
 * distinct tie (a sequence number, the id itself).
 *
 * <p>Ids are small non-negative ints (slots, indices); the position table grows to the largest
 * id seen.
 */
public final class IndexedMinHeap {
  private int[] heap;
  private double[] keys;
  private long[] ties;
  private int[] pos; // by id; -1 when absent
  private int size;

  /** An empty heap with room for ids below {@code idCapacity} before it grows. */
  public IndexedMinHeap(int idCapacity) {
    int c = Math.max(16, idCapacity);
    heap = new int[c];
    keys = new double[c];
    ties = new long[c];
    pos = new int[c];
    Arrays.fill(pos, -1);
  }

  /** Number of ids in the heap. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean contains(int id) {
    return id < pos.length && pos[id] >= 0;
  }

  /** The id with the least (key, tie); the heap must not be empty. */
  public int peek() {
    return heap[0];
  }

  /** The key of {@link #peek()}; the heap must not be empty. */
  public double peekKey() {
    return keys[0];
  }

  /** The key of {@code id}, which must be in the heap. */
  public double key(int id) {
    return keys[pos[id]];
  }

  /** Inserts {@code id} ({@code >= 0}) or moves it to its new key and tie. */
  public void set(int id, double key, long tie) {
    if (id >= pos.length) {
      int old = pos.length;
      pos = Arrays.copyOf(pos, Math.max(id + 1, old * 2));
      Arrays.fill(pos, old, pos.length, -1);
    }
    int p = pos[id];
    if (p < 0) {
      if (size == heap.length) {
        int c = size * 2;
        heap = Arrays.copyOf(heap, c);
        keys = Arrays.copyOf(keys, c);
        ties = Arrays.copyOf(ties, c);
      }
      siftUp(size++, id, key, tie);
      return;
    }
    if (less(key, tie, keys[p], ties[p])) {
      siftUp(p, id, key, tie);
    } else {
      siftDown(p, id, key, tie);
    }
  }

  /** Removes and returns {@link #peek()}. */
  public int poll() {
    int top = heap[0];
    removeAt(0);
    return top;
  }

  /** Removes {@code id} if present. */
  public void remove(int id) {
    if (contains(id)) {
      removeAt(pos[id]);
    }
  }

  /** Removes every id, in time proportional to the size. */
  public void clear() {
    for (int i = 0; i < size; i++) {
      pos[heap[i]] = -1;
    }
    size = 0;
  }

  private void removeAt(int p) {
    pos[heap[p]] = -1;
    int last = --size;
    if (p == last) {
      return;
    }
    int id = heap[last];
    double key = keys[last];
    long tie = ties[last];
    if (p > 0 && less(key, tie, keys[(p - 1) >>> 2], ties[(p - 1) >>> 2])) {
      siftUp(p, id, key, tie);
    } else {
      siftDown(p, id, key, tie);
    }
  }

  private static boolean less(double k1, long t1, double k2, long t2) {
    return k1 < k2 || (k1 == k2 && t1 < t2);
  }

  private void siftUp(int hole, int id, double key, long tie) {
    while (hole > 0) {
      int parent = (hole - 1) >>> 2;
      if (!less(key, tie, keys[parent], ties[parent])) {
        break;
      }
      move(parent, hole);
      hole = parent;
    }
    place(hole, id, key, tie);
  }

  private void siftDown(int hole, int id, double key, long tie) {
    while (true) {
      int first = 4 * hole + 1;
      if (first >= size) {
        break;
      }
      int child = first;
      int end = Math.min(first + 4, size);
      for (int c = first + 1; c < end; c++) {
        if (less(keys[c], ties[c], keys[child], ties[child])) {
          child = c;
        }
      }
      if (!less(keys[child], ties[child], key, tie)) {
        break;
      }
      move(child, hole);
      hole = child;
    }
    place(hole, id, key, tie);
  }

  private void move(int from, int to) {
    heap[to] = heap[from];
    keys[to] = keys[from];
    ties[to] = ties[from];
    pos[heap[to]] = to;
  }

  private void place(int at, int id, double key, long tie) {
    heap[at] = id;
    keys[at] = key;
    ties[at] = tie;
    pos[id] = at;
  }
}
