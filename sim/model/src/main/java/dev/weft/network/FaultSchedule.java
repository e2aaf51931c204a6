package dev.weft.network;

import dev.weft.engine.Simulator;
import dev.weft.random.Distribution;

/** Puts faults on the simulation clock: once at a given time, or again and again at random. */
public final class FaultSchedule {
  private FaultSchedule() {}

  /** The fault begins at {@code at} and ends {@code duration} seconds later. */
  public static void once(Simulator sim, Fault fault, double at, double duration) {
    if (!(duration >= 0)) {
      throw new IllegalArgumentException("duration must be >= 0, was " + duration);
    }
    sim.scheduleAt(at, () -> {
      fault.begin();
      sim.schedule(duration, fault::end);
    });
  }

  /**
   * An alternating renewal process: the fault begins at {@code firstAt} (NaN: after a first
   * draw of {@code interval}), lasts a draw of {@code duration}, then the next one begins a draw
   * of {@code interval} after that one ended; mean interval and duration are the MTBF and MTTR.
   * Negative draws count as zero.
   */
  public static void recurring(Simulator sim, Fault fault, double firstAt,
      Distribution.Sampler interval, Distribution.Sampler duration) {
    double first = Double.isNaN(firstAt) ? sim.now() + Math.max(0, interval.sample()) : firstAt;
    sim.scheduleAt(first, new Cycle(sim, fault, interval, duration)::begin);
  }

  private record Cycle(Simulator sim, Fault fault, Distribution.Sampler interval,
      Distribution.Sampler duration) {
    void begin() {
      fault.begin();
      sim.schedule(Math.max(0, duration.sample()), this::end);
    }

    void end() {
      fault.end();
      sim.schedule(Math.max(0, interval.sample()), this::begin);
    }
  }
}
