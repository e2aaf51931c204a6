package dev.weft.engine;

/**
 * Pending events ordered by time, ties broken by a sequence number the caller assigns in
 * increasing order (so equal times run first-in first-out).
 *
 * <p>Implementations need not know about cancellation: the {@link Simulator} handles it lazily.
 */
public interface EventList {

  void add(double time, long sequence, Event event);

  /** Number of entries held, cancelled ones included. */
  int size();

  default boolean isEmpty() {
    return size() == 0;
  }

  /** Time of the first entry; undefined when empty. */
  double firstTime();

  /** Sequence number of the first entry; undefined when empty. */
  long firstSequence();

  /** Removes and returns the first entry's event. */
  Event removeFirst();

  void clear();
}
