package dev.weft.economics;

import dev.weft.collect.IndexedMinHeap;
import dev.weft.collect.IntList;
import java.util.Arrays;

/**
 * Pending verdicts: one entry per execution whose payment or penalty waits for a verdict, in a
 * slab of primitive arrays with a free list, ordered by an indexed heap of slots on (due time,
 * sequence) so equal times settle in the order they were planned. No allocation once warmed up.
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
  /** The unburned charge goes straight to the executor (an auction's price), not the pool. */
  boolean[] toWinner = new boolean[64];
  /** Whether the job's fee was set in fiat when it was priced (for the break-even split). */
  boolean[] fiatPriced = new boolean[64];
  int[] reporter = new int[64];
  private double[] due = new double[64];
  private final IndexedMinHeap heap = new IndexedMinHeap(64);
  private final IntList free = new IntList(64);
  private int slots;
  private long nextSeq;

  int size() {
    return heap.size();
  }

  /** A new entry due at {@code at}; the caller fills the slot's fields. */
  int add(double at) {
    int s = free.isEmpty() ? newSlot() : free.pop();
    due[s] = at;
    heap.set(s, at, nextSeq++);
    return s;
  }

  /** The slot due first, if due at or before {@code now}; else -1. */
  /** When the earliest pending verdict is due; infinity when none is. */
  double nextDue() {
    return heap.isEmpty() ? Double.POSITIVE_INFINITY : heap.peekKey();
  }

  int pollDue(double now) {
    if (heap.isEmpty() || heap.peekKey() > now) {
      return -1;
    }
    return heap.poll();
  }

  double dueOf(int slot) {
    return due[slot];
  }

  /** Returns a settled slot to the free list. */
  void release(int slot) {
    free.add(slot);
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
      toWinner = Arrays.copyOf(toWinner, c);
      fiatPriced = Arrays.copyOf(fiatPriced, c);
      reporter = Arrays.copyOf(reporter, c);
      due = Arrays.copyOf(due, c);
    }
    return slots++;
  }
}
