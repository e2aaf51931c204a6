package dev.weft.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void firesInTimeOrder() {
    Simulator sim = new Simulator();
    List<Double> seen = new ArrayList<>();
    double[] times = {5, 1, 3, 2, 4, 0.5};
    for (double t : times) {
      sim.scheduleAt(t, () -> seen.add(sim.now()));
    }
    sim.run();
    assertEquals(List.of(0.5, 1.0, 2.0, 3.0, 4.0, 5.0), seen);
    assertEquals(6, sim.eventsFired());
  }

  @Test
  void equalTimesAreFirstInFirstOut() {
    Simulator sim = new Simulator(new HeapEventList(16));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int id = i;
      sim.scheduleAt(7.0, () -> order.add(id));
    }
    sim.run();
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void heapMatchesSortUnderRandomLoad() {
    HeapEventList list = new HeapEventList(16);
    SplittableRandom r = new SplittableRandom(1);
    int n = 50_000;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(500); // many ties
      list.add(t[i], i, () -> {});
    }
    double lastT = -1;
    long lastSeq = -1;
    for (int i = 0; i < n; i++) {
      double ft = list.firstTime();
      long fs = list.firstSequence();
      assertTrue(ft > lastT || (ft == lastT && fs > lastSeq), "order broken at " + i);
      lastT = ft;
      lastSeq = fs;
      list.removeFirst();
    }
    assertTrue(list.isEmpty());
  }

  @Test
  void eventsScheduledDuringRunAreFired() {
    Simulator sim = new Simulator();
    int[] count = {0};
    Event[] self = new Event[1];
    self[0] = () -> {
      if (++count[0] < 10) {
        sim.schedule(1.0, self[0]);
      }
    };
    sim.schedule(0, self[0]);
    sim.run();
    assertEquals(10, count[0]);
    assertEquals(9.0, sim.now());
  }

  @Test
  void cancelledEventsNeverFire() {
    Simulator sim = new Simulator();
    List<String> seen = new ArrayList<>();
    long a = sim.scheduleAt(1, () -> seen.add("a"));
    sim.scheduleAt(2, () -> seen.add("b"));
    long c = sim.scheduleAt(3, () -> seen.add("c"));
    assertTrue(sim.cancel(a));
    assertFalse(sim.cancel(a), "second cancel is a no-op");
    sim.scheduleAt(2.5, () -> sim.cancel(c));
    sim.run();
    assertEquals(List.of("b"), seen);
    assertEquals(2, sim.eventsFired());
  }

  @Test
  void runUntilTimeStopsAndAdvancesClock() {
    Simulator sim = new Simulator();
    List<Double> seen = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sim.scheduleAt(i, () -> seen.add(sim.now()));
    }
    sim.runUntil(4.5);
    assertEquals(4, seen.size());
    assertEquals(4.5, sim.now());
    sim.runUntil(5.0); // boundary is inclusive
    assertEquals(5, seen.size());
    sim.run();
    assertEquals(10, seen.size());
  }

  @Test
  void runUntilCondition() {
    Simulator sim = new Simulator();
    int[] n = {0};
    for (int i = 1; i <= 10; i++) {
      sim.scheduleAt(i, () -> n[0]++);
    }
    sim.runUntil(() -> n[0] == 3);
    assertEquals(3, n[0]);
    assertEquals(3.0, sim.now());
  }

  @Test
  void stopFromInsideAnEvent() {
    Simulator sim = new Simulator();
    int[] n = {0};
    for (int i = 1; i <= 10; i++) {
      int k = i;
      sim.scheduleAt(i, () -> {
        n[0]++;
        if (k == 6) {
          sim.stop();
        }
      });
    }
    sim.run();
    assertEquals(6, n[0]);
  }

  @Test
  void periodicEventsRepeatUntilCancelled() {
    Simulator sim = new Simulator();
    List<Double> ticks = new ArrayList<>();
    Simulator.Periodic[] p = new Simulator.Periodic[1];
    p[0] = sim.every(0, 2.5, () -> {
      ticks.add(sim.now());
      if (ticks.size() == 4) {
        p[0].cancel();
      }
    });
    sim.runUntil(100);
    assertArrayEquals(new double[] {0, 2.5, 5, 7.5},
        ticks.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Test
  void warmupCallbackRunsBeforeLaterEventsAtTheSameTime() {
    Simulator sim = new Simulator();
    List<String> seen = new ArrayList<>();
    sim.warmup(10, () -> seen.add("warm"));
    sim.scheduleAt(10, () -> seen.add("job"));
    sim.scheduleAt(5, () -> assertFalse(sim.isWarmedUp()));
    sim.run();
    assertEquals(List.of("warm", "job"), seen);
    assertTrue(sim.isWarmedUp());
    assertEquals(10, sim.warmupTime());
  }

  @Test
  void refusesThePast() {
    Simulator sim = new Simulator();
    sim.scheduleAt(5, () -> {});
    sim.run();
    assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(4, () -> {}));
    assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> {}));
    assertThrows(IllegalArgumentException.class, () -> sim.schedule(Double.NaN, () -> {}));
  }
}
