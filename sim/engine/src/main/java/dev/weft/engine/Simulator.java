package dev.weft.engine;

import dev.weft.collect.LongHashSet;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The simulation clock and the loop that fires events in time order.
 *
 * <p>Scheduling returns a handle (the event's sequence number) that {@link #cancel(long)}
 * accepts; cancelled entries stay in the event list and are skipped when they reach the front,
 * which keeps the list itself simple and fast.
 */
public final class Simulator {

  private final EventList events;
  private final LongHashSet cancelled = new LongHashSet();
  private double now;
  private long nextSequence;
  private long fired;
  private boolean stopRequested;
  private double warmupTime = 0.0;

  public Simulator() {
    this(new HeapEventList());
  }

  public Simulator(EventList events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Current simulated time in seconds. */
  public double now() {
    return now;
  }

  /** Number of events fired so far (cancelled ones excluded). */
  public long eventsFired() {
    return fired;
  }

  /** Number of entries in the event list, cancelled ones not yet skipped included. */
  public int pending() {
    return events.size();
  }

  /** Schedules {@code event} at absolute time {@code time}; returns its handle. */
  public long scheduleAt(double time, Event event) {
    if (!(time >= now)) { // also rejects NaN
      throw new IllegalArgumentException("cannot schedule at " + time + " before now " + now);
    }
    long seq = nextSequence++;
    events.add(time, seq, event);
    return seq;
  }

  /** Schedules {@code event} after {@code delay} seconds from now; returns its handle. */
  public long schedule(double delay, Event event) {
    if (!(delay >= 0.0)) {
      throw new IllegalArgumentException("delay must be >= 0, was " + delay);
    }
    return scheduleAt(now + delay, event);
  }

  /**
   * Cancels a pending event. Returns false if the handle was already cancelled or never issued;
   * cancelling an event that has already fired is the caller's mistake and has no effect.
   */
  public boolean cancel(long handle) {
    if (handle < 0 || handle >= nextSequence) {
      return false;
    }
    return cancelled.add(handle);
  }

  /**
   * Fires {@code event} at {@code first}, then every {@code period} seconds until the returned
   * {@link Periodic} is cancelled.
   */
  public Periodic every(double first, double period, Event event) {
    if (!(period > 0.0)) {
      throw new IllegalArgumentException("period must be > 0, was " + period);
    }
    Periodic p = new Periodic(this, period, event);
    p.handle = scheduleAt(first, p);
    return p;
  }

  /**
   * Declares the end of the warm-up period and runs {@code onEnd} at that instant, before any
   * event scheduled later for the same time.
   */
  public void warmup(double time, Event onEnd) {
    this.warmupTime = time;
    scheduleAt(time, onEnd);
  }

  public double warmupTime() {
    return warmupTime;
  }

  public boolean isWarmedUp() {
    return now >= warmupTime;
  }

  /** Asks the running loop to return after the current event. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Fires every event with time at most {@code endTime}, then leaves the clock at {@code
   * endTime} (unless stopped earlier).
   */
  public void runUntil(double endTime) {
    stopRequested = false;
    while (!stopRequested && !events.isEmpty() && events.firstTime() <= endTime) {
      fireNext();
    }
    if (!stopRequested && endTime > now && endTime != Double.POSITIVE_INFINITY) {
      now = endTime;
    }
  }

  /** Fires events until {@code condition} is true (checked after each event) or none remain. */
  public void runUntil(BooleanSupplier condition) {
    stopRequested = false;
    while (!stopRequested && !events.isEmpty() && !condition.getAsBoolean()) {
      fireNext();
    }
  }

  /** Fires events until none remain or {@link #stop()} is called. */
  public void run() {
    runUntil(Double.POSITIVE_INFINITY);
  }

  private void fireNext() {
    long seq = events.firstSequence();
    double time = events.firstTime();
    Event e = events.removeFirst();
    if (!cancelled.isEmpty() && cancelled.remove(seq)) {
      return;
    }
    now = time;
    fired++;
    e.fire();
  }

  /** A repeating event; cancel it to stop the repetitions. */
  public static final class Periodic implements Event {
    private final Simulator sim;
    private final double period;
    private final Event body;
    private long handle;
    private boolean cancelled;

    private Periodic(Simulator sim, double period, Event body) {
      this.sim = sim;
      this.period = period;
      this.body = body;
    }

    @Override
    public void fire() {
      if (cancelled) {
        return;
      }
      handle = sim.schedule(period, this);
      body.fire();
    }

    public void cancel() {
      cancelled = true;
      sim.cancel(handle);
    }
  }
}
