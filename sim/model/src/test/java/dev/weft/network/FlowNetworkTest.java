package dev.weft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Single links, shared bottlenecks and capacity changes, against hand-computed answers. */
class FlowNetworkTest {
  static final double EXACT = 1e-9;
  static final double MBPS = 1e6;

  final Simulator sim = new Simulator();
  final FlowNetwork net = new FlowNetwork(sim);
  final Map<Long, Double> doneAt = new LinkedHashMap<>();
  final List<Flow> failed = new ArrayList<>();
  final FlowListener record = FlowListener.of(f -> doneAt.put(f.id(), sim.now()), failed::add);

  Flow start(double bytes, int... links) {
    return net.start(links, bytes, record);
  }

  @Test
  void oneFlowTakesLatencyPlusSizeOverBandwidth() {
    int l = net.addLink(8 * MBPS);
    Flow f = net.start(new int[] {l}, new double[] {1}, 1e6, 0.05, Double.POSITIVE_INFINITY,
        record);
    assertEquals(Flow.Status.LATENCY, f.status());
    assertEquals(0, f.rate());
    sim.run();
    assertEquals(0.05 + 1.0, doneAt.get(f.id()), EXACT);
    assertEquals(Flow.Status.COMPLETED, f.status());
    assertEquals(0, f.remainingBytes());
    assertEquals(0, net.load(l));
  }

  @Test
  void flowsOnOneBottleneckGetEqualShares() {
    int l = net.addLink(8 * MBPS);
    List<Flow> fs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fs.add(start(1e9, l));
    }
    for (Flow f : fs) {
      assertEquals(2 * MBPS, f.rate(), EXACT);
    }
    assertEquals(8 * MBPS, net.load(l), EXACT);
  }

  @Test
  void whenOneEndsTheOthersSpeedUpAndFinishOnTime() {
    // 8 Mbps shared by 1, 2 and 3 MB: each gets 8/3 Mbps until the 1 MB one ends at
    // 8e6 / (8e6/3) = 3 s; then 8e6 and 16e6 bits are left at 4 Mbps each: the second ends at
    // 5 s; the last has 8e6 bits left at 8 Mbps and ends at 6 s.
    int l = net.addLink(8 * MBPS);
    Flow a = start(1e6, l);
    Flow b = start(2e6, l);
    Flow c = start(3e6, l);
    sim.run();
    assertEquals(3.0, doneAt.get(a.id()), EXACT);
    assertEquals(5.0, doneAt.get(b.id()), EXACT);
    assertEquals(6.0, doneAt.get(c.id()), EXACT);
  }

  @Test
  void aLateArrivalSlowsTheFirstFlowExactly() {
    // 1 MB alone at 8 Mbps for 0.5 s moves 4e6 bits; then two share: the first's 4e6 bits take
    // 1 s more (ends 1.5 s); the second has moved 4e6 of its 8e6 bits, the rest alone: 2.0 s.
    int l = net.addLink(8 * MBPS);
    Flow a = start(1e6, l);
    Flow[] b = new Flow[1];
    sim.schedule(0.5, () -> b[0] = start(1e6, l));
    sim.runUntil(0.75);
    // by 0.75 s: 4e6 bits alone, then 0.25 s at 4 Mbps: 5e6 of 8e6 bits moved
    assertEquals(3e6 / 8, a.remainingBytes(), EXACT);
    sim.run();
    assertEquals(1.5, doneAt.get(a.id()), EXACT);
    assertEquals(2.0, doneAt.get(b[0].id()), EXACT);
  }

  @Test
  void dumbbellGivesTheKnownAllocation() {
    // three sources behind 1, 10 and 10 Mbps access links share a 9 Mbps bottleneck towards
    // three fast sinks: the first is held to 1 by its access link, the others split the rest.
    int bottleneck = net.addLink(9 * MBPS);
    int[] access = {net.addLink(1 * MBPS), net.addLink(10 * MBPS), net.addLink(10 * MBPS)};
    Flow[] f = new Flow[3];
    for (int i = 0; i < 3; i++) {
      f[i] = start(1e12, access[i], bottleneck, net.addLink(100 * MBPS));
    }
    assertEquals(1 * MBPS, f[0].rate(), EXACT);
    assertEquals(4 * MBPS, f[1].rate(), EXACT);
    assertEquals(4 * MBPS, f[2].rate(), EXACT);
    assertEquals(access[0], net.bottleneckOf(f[0]));
    assertEquals(bottleneck, net.bottleneckOf(f[1]));
  }

  @Test
  void parkingLotGivesTheKnownAllocation() {
    // links of 1, 2 and 3 in a row; one long flow over all, one short flow per link. Link 1
    // saturates first at 1/2 (long and first short); then link 2 leaves 1.5 to its short flow
    // and link 3 leaves 2.5 to its own.
    int[] l = {net.addLink(1 * MBPS), net.addLink(2 * MBPS), net.addLink(3 * MBPS)};
    Flow longFlow = start(1e12, l);
    Flow s1 = start(1e12, l[0]);
    Flow s2 = start(1e12, l[1]);
    Flow s3 = start(1e12, l[2]);
    assertEquals(0.5 * MBPS, longFlow.rate(), EXACT);
    assertEquals(0.5 * MBPS, s1.rate(), EXACT);
    assertEquals(1.5 * MBPS, s2.rate(), EXACT);
    assertEquals(2.5 * MBPS, s3.rate(), EXACT);
    // the equal-capacity parking lot: every flow gets half a link
    net.setCapacity(l[1], 1 * MBPS);
    net.setCapacity(l[2], 1 * MBPS);
    for (Flow f : List.of(longFlow, s1, s2, s3)) {
      assertEquals(0.5 * MBPS, f.rate(), EXACT);
    }
  }

  @Test
  void weightsShareRatesNotConsumption() {
    // a flow consuming twice its rate and a plain one on 3 Mbps: 2r + r = 3, so r = 1 each
    int l = net.addLink(3 * MBPS);
    Flow heavy = net.start(new int[] {l}, new double[] {2}, 1e12, 0, Double.POSITIVE_INFINITY,
        record);
    Flow plain = start(1e12, l);
    assertEquals(1 * MBPS, heavy.rate(), EXACT);
    assertEquals(1 * MBPS, plain.rate(), EXACT);
    assertEquals(3 * MBPS, net.load(l), EXACT);
  }

  @Test
  void aRateCapLeavesTheRestToOthers() {
    int l = net.addLink(10 * MBPS);
    Flow capped = net.start(new int[] {l}, new double[] {1}, 1e12, 0, 1 * MBPS, record);
    Flow other = start(1e12, l);
    assertEquals(1 * MBPS, capped.rate(), EXACT);
    assertEquals(9 * MBPS, other.rate(), EXACT);
    assertEquals(-1, net.bottleneckOf(capped));
  }

  @Test
  void aCapacityChangeMidTransferMovesTheCompletionExactly() {
    // 8e6 bits at 8 Mbps; at 0.5 s half is left and the link halves: 1 s more
    int l = net.addLink(8 * MBPS);
    Flow f = start(1e6, l);
    sim.schedule(0.5, () -> net.setCapacity(l, 4 * MBPS));
    sim.run();
    assertEquals(1.5, doneAt.get(f.id()), EXACT);
  }

  @Test
  void aLinkAtZeroStallsAndResumes() {
    int l = net.addLink(8 * MBPS);
    Flow f = start(1e6, l);
    sim.schedule(0.25, () -> net.setCapacity(l, 0));
    sim.schedule(2.25, () -> net.setCapacity(l, 8 * MBPS));
    sim.runUntil(1.0);
    assertEquals(0, f.rate());
    assertEquals(0.75e6, f.remainingBytes(), EXACT);
    sim.run();
    assertEquals(3.0, doneAt.get(f.id()), EXACT);
  }

  @Test
  void zeroBytesArriveAfterTheLatencyAlone() {
    int l = net.addLink(8 * MBPS);
    Flow f = net.start(new int[] {l}, new double[] {1}, 0, 0.02, Double.POSITIVE_INFINITY,
        record);
    sim.run();
    assertEquals(0.02, doneAt.get(f.id()), EXACT);
  }

  @Test
  void anEmptyPathIsLimitedOnlyByItsCap() {
    Flow f = net.start(new int[0], new double[0], 1e6, 0.1, 4 * MBPS, record);
    Flow instant = net.start(new int[0], 1e6, record);
    sim.run();
    assertEquals(0.1 + 2.0, doneAt.get(f.id()), EXACT);
    assertEquals(0.0, doneAt.get(instant.id()), EXACT);
  }

  @Test
  void cancellingGivesTheBandwidthBackWithoutACallback() {
    int l = net.addLink(8 * MBPS);
    Flow a = start(1e6, l);
    Flow b = start(1e9, l);
    sim.schedule(0.5, () -> net.cancel(b));
    sim.run();
    // 0.5 s at 4 Mbps moves 2e6 bits; the other 6e6 at 8 Mbps take 0.75 s
    assertEquals(1.25, doneAt.get(a.id()), EXACT);
    assertFalse(doneAt.containsKey(b.id()));
    assertTrue(failed.isEmpty());
    assertEquals(Flow.Status.CANCELLED, b.status());
    assertEquals(0, net.liveFlows());
  }

  @Test
  void listenersMayStartFlowsFromTheirCallback() {
    int l = net.addLink(8 * MBPS);
    List<Double> ends = new ArrayList<>();
    FlowListener chain = new FlowListener() {
      @Override
      public void completed(Flow flow) {
        ends.add(sim.now());
        if (ends.size() < 3) {
          net.start(new int[] {l}, 1e6, this);
        }
      }

      @Override
      public void failed(Flow flow) {}
    };
    net.start(new int[] {l}, 1e6, chain);
    sim.run();
    assertEquals(List.of(1.0, 2.0, 3.0), ends);
  }

  @Test
  void badArgumentsAreRefused() {
    int l = net.addLink(1);
    assertThrows(IllegalArgumentException.class, () -> net.addLink(-1));
    assertThrows(IllegalArgumentException.class, () -> net.start(new int[] {l, l}, 1, record));
    assertThrows(IllegalArgumentException.class, () -> net.start(new int[] {7}, 1, record));
    assertThrows(IllegalArgumentException.class, () -> net.start(new int[] {l}, -1, record));
    assertThrows(IllegalArgumentException.class, () -> net.setCapacity(l, Double.NaN));
  }
}
