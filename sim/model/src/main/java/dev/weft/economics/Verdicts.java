package dev.weft.economics;

import java.util.Arrays;

/**
 * Pending verdicts: one entry per execution whose payment or penalty waits for a verdict, in a
 * slab of primitive arrays with a free list, ordered by a binary heap on (due time, sequence)
 * so equal times settle in the order they were planned. No allocation once warmed up.
 */
final class Verdicts {
  static final byte EXECUTOR = 0;
  static final byte CHECKER = 1;

  int[] op = new int[64];
  double[] gpuSeconds = new double[64];
  byte[] role = new byte[64];
  boolean[] pass = new boolean[64];
  byte[] result = new byte[64];
  long[] charge = new long[64];
  long[] burn = new long[64];
  long[] tip = new long[64];
  int[] reporter = new int[64];
  private double[] due = new double[64];
  private long[] seq = new long[64];
  private int[] heap = new int[64];
  private int size;
  private int[] free = new int[64];
  private int freeCount;
  private int slots;
  private long nextSeq;

  int size() {
    return size;
  }

  /** A new entry due at {@code at}; the caller fills the slot's fields. */
  int add(double at) {
    int s = freeCount > 0 ? free[--freeCount] : newSlot();
    due[s] = at;
    seq[s] = nextSeq++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = s;
    siftUp(size++);
    return s;
  }

  /** The slot due first, if due at or before {@code now}; else -1. */
  int pollDue(double now) {
    if (size == 0 || due[heap[0]] > now) {
      return -1;
    }
    int s = heap[0];
    heap[0] = heap[--size];
    if (size > 0) {
      siftDown(0);
    }
    return s;
  }

  double dueOf(int slot) {
    return due[slot];
  }

  /** Returns a settled slot to the free list. */
  void release(int slot) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = slot;
  }

  private int newSlot() {
    if (slots == op.length) {
      int c = slots * 2;
      op = Arrays.copyOf(op, c);
      gpuSeconds = Arrays.copyOf(gpuSeconds, c);
      role = Arrays.copyOf(role, c);
      pass = Arrays.copyOf(pass, c);
      result = Arrays.copyOf(result, c);
      charge = Arrays.copyOf(charge, c);
      burn = Arrays.copyOf(burn, c);
      tip = Arrays.copyOf(tip, c);
      reporter = Arrays.copyOf(reporter, c);
      due = Arrays.copyOf(due, c);
      seq = Arrays.copyOf(seq, c);
    }
    return slots++;
  }

  private boolean before(int a, int b) {
    return due[a] < due[b] || (due[a] == due[b] && seq[a] < seq[b]);
  }

  private void siftUp(int i) {
    int s = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!before(s, heap[p])) {
        break;
      }
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = s;
  }

  private void siftDown(int i) {
    int s = heap[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && before(heap[c + 1], heap[c])) {
        c++;
      }
      if (!before(heap[c], s)) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = s;
  }
}
