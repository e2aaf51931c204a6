package dev.weft.engine;

import java.util.Arrays;

/**
 * An implicit 4-ary min-heap over parallel primitive arrays.
 *
 * <p>Times and sequence numbers sit in {@code double[]} and {@code long[]}, so a comparison
 * touches no object and an insertion allocates nothing once the arrays have grown. A 4-ary heap
 * halves the depth of a binary one and keeps the four children of a node on one or two cache
 * lines, which pays off at hundreds of thousands of pending events. Sifting moves a hole instead
 * of swapping.
 */
public final class HeapEventList implements EventList {

  private static final int ARITY_SHIFT = 2; // 4 children per node

  private double[] times;
  private long[] sequences;
  private Event[] events;
  private int size;

  public HeapEventList() {
    this(1024);
  }

  public HeapEventList(int initialCapacity) {
    int capacity = Math.max(16, initialCapacity);
    times = new double[capacity];
    sequences = new long[capacity];
    events = new Event[capacity];
  }

  @Override
  public void add(double time, long sequence, Event event) {
    if (size == times.length) {
      grow();
    }
    int hole = size++;
    while (hole > 0) {
      int parent = (hole - 1) >>> ARITY_SHIFT;
      double pt = times[parent];
      if (pt < time || (pt == time && sequences[parent] < sequence)) {
        break;
      }
      times[hole] = pt;
      sequences[hole] = sequences[parent];
      events[hole] = events[parent];
      hole = parent;
    }
    times[hole] = time;
    sequences[hole] = sequence;
    events[hole] = event;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double firstTime() {
    return times[0];
  }

  @Override
  public long firstSequence() {
    return sequences[0];
  }

  @Override
  public Event removeFirst() {
    if (size == 0) {
      throw new IllegalStateException("event list is empty");
    }
    Event first = events[0];
    int last = --size;
    double time = times[last];
    long seq = sequences[last];
    Event event = events[last];
    events[last] = null;
    if (last > 0) {
      siftDown(time, seq, event, last);
    }
    return first;
  }

  private void siftDown(double time, long seq, Event event, int n) {
    int hole = 0;
    while (true) {
      int firstChild = (hole << ARITY_SHIFT) + 1;
      if (firstChild >= n) {
        break;
      }
      int end = Math.min(firstChild + 4, n);
      int best = firstChild;
      double bt = times[firstChild];
      long bs = sequences[firstChild];
      for (int c = firstChild + 1; c < end; c++) {
        double ct = times[c];
        if (ct < bt || (ct == bt && sequences[c] < bs)) {
          best = c;
          bt = ct;
          bs = sequences[c];
        }
      }
      if (time < bt || (time == bt && seq < bs)) {
        break;
      }
      times[hole] = bt;
      sequences[hole] = bs;
      events[hole] = events[best];
      hole = best;
    }
    times[hole] = time;
    sequences[hole] = seq;
    events[hole] = event;
  }

  private void grow() {
    int capacity = times.length * 2;
    times = Arrays.copyOf(times, capacity);
    sequences = Arrays.copyOf(sequences, capacity);
    events = Arrays.copyOf(events, capacity);
  }

  @Override
  public void clear() {
    Arrays.fill(events, 0, size, null);
    size = 0;
  }
}
