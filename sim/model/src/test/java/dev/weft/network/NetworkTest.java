package dev.weft.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nodes, routes, access and backbone links, TCP and statistics, against hand computations. */
class NetworkTest {
  static final double EXACT = 1e-9;
  static final double MBPS = 1e6;

  /** RTT ms: a-b 40, a-c 100, b-c 50, 1 within a region; a to c is faster through b (90). */
  static RegionTable abc() {
    return new RegionTable(List.of("a", "b", "c"), new double[][] {
        {0.001, 0.040, 0.100}, {0.040, 0.001, 0.050}, {0.100, 0.050, 0.001}});
  }

  final Simulator sim = new Simulator();
  final Map<Long, Double> doneAt = new LinkedHashMap<>();
  final List<Flow> failed = new ArrayList<>();
  final FlowListener record = FlowListener.of(f -> doneAt.put(f.id(), sim.now()), failed::add);

  @Test
  void routesTakeTheLowestLatencyPathAndHalveItsRtt() {
    Network.Builder b = Network.builder(sim, abc());
    int x = b.addNode(0, MBPS, MBPS);
    int y = b.addNode(2, MBPS, MBPS);
    int z = b.addNode(0, MBPS, MBPS);
    Network net = b.build();
    assertArrayEquals(new int[] {0, 1, 2}, net.graph().route(0, 2));
    assertEquals(0.045, net.oneWayLatency(x, y), EXACT);
    assertEquals(0.0005, net.oneWayLatency(x, z), EXACT);
    assertArrayEquals(new int[] {0, 1}, net.graph().route(0, 1));
    assertEquals(0, net.oneWayLatency(x, x));
  }

  @Test
  void anUploadBoundTransferIsLimitedByTheSendersUplink() {
    Network.Builder b = Network.builder(sim, abc());
    int home = b.addNode(0, 10 * MBPS, 100 * MBPS);
    int server = b.addNode(1, 1000 * MBPS, 1000 * MBPS);
    Network net = b.build();
    Flow up = net.transfer(home, server, 5e6, record);
    Flow down = net.transfer(server, home, 5e6, record);
    sim.runUntil(0.1);
    assertEquals(10 * MBPS, up.rate(), EXACT);
    assertEquals(100 * MBPS, down.rate(), EXACT);
    sim.run();
    assertEquals(0.020 + 4.0, doneAt.get(up.id()), EXACT);
    assertEquals(0.020 + 0.4, doneAt.get(down.id()), EXACT);
  }

  @Test
  void manySendersShareTheReceiversDownlink() {
    Network.Builder b = Network.builder(sim, abc());
    int sink = b.addNode(0, 100 * MBPS, 30 * MBPS);
    List<Flow> fs = new ArrayList<>();
    int[] src = {b.addNode(0, 100 * MBPS, 1), b.addNode(1, 100 * MBPS, 1),
        b.addNode(2, 5 * MBPS, 1)};
    Network net = b.build();
    for (int s : src) {
      fs.add(net.transfer(s, sink, 1e9, record));
    }
    sim.runUntil(1);
    // the slow sender keeps 5; the other two split the remaining 25
    assertEquals(12.5 * MBPS, fs.get(0).rate(), EXACT);
    assertEquals(12.5 * MBPS, fs.get(1).rate(), EXACT);
    assertEquals(5 * MBPS, fs.get(2).rate(), EXACT);
  }

  @Test
  void backboneLinksAreSharedByTheTransfersRoutedOverThem() {
    Network.Builder b = Network.builder(sim, abc());
    int[] senders = {b.addNode(0, 100 * MBPS, 100 * MBPS), b.addNode(0, 100 * MBPS, 100 * MBPS),
        b.addNode(0, 100 * MBPS, 100 * MBPS)};
    int receiver = b.addNode(1, 100 * MBPS, 100 * MBPS);
    int far = b.addNode(2, 100 * MBPS, 100 * MBPS);
    b.backbone("a", "b", 30 * MBPS);
    Network net = b.build();
    Flow f0 = net.transfer(senders[0], receiver, 1e9, record);
    Flow f1 = net.transfer(senders[1], receiver, 1e9, record);
    Flow f2 = net.transfer(senders[2], far, 1e9, record); // a to c goes through b: a-b too
    // the other direction has its own 30 Mbps (shared, it would leave 30/4)
    Flow back = net.transfer(receiver, senders[0], 1e9, record);
    sim.runUntil(1);
    for (Flow f : List.of(f0, f1, f2)) {
      assertEquals(10 * MBPS, f.rate(), EXACT);
    }
    assertEquals(30 * MBPS, back.rate(), EXACT);
    assertEquals(0, net.backboneIndex("b", "a"));
    assertEquals(-1, net.backboneIndex("b", "c"));
  }

  @Test
  void tcpReproducesSimGridsWorkedExampleOnOneSharedLink() {
    // SimGrid's LV08 example: 100 kB over one 1 Mbps link with 10 ms latency; the link carries
    // the data and its ACKs, so the flow's weight there is forward plus reverse
    FlowNetwork net = new FlowNetwork(sim);
    int link = net.addLink(1 * MBPS);
    TcpModel tcp = TcpModel.LV08;
    double w = tcp.forwardWeight() + tcp.reverseWeight();
    Flow f = net.start(new int[] {link}, new double[] {w}, 100e3, tcp.latency(0.01),
        tcp.windowCap(0.02), record);
    sim.run();
    double simgrid = 0.01 * 13.01 + 800000 / ((0.97 * 1e6) / 1.05);
    assertEquals(simgrid, doneAt.get(f.id()), EXACT);
    assertEquals(0.996079, doneAt.get(f.id()), 5e-7);
  }

  @Test
  void tcpOnFullDuplexLinksChargesAcksToTheReversePath() {
    // nodes in one region with a 20 ms RTT: one-way 10 ms, 1 Mbps each way
    RegionTable one = new RegionTable(List.of("r"), new double[][] {{0.020}});
    Network.Builder b = Network.builder(sim, one).tcp(TcpModel.LV08);
    int x = b.addNode(0, MBPS, MBPS);
    int y = b.addNode(0, MBPS, MBPS);
    Network net = b.build();
    Flow alone = net.transfer(x, y, 100e3, record);
    sim.run();
    // nothing else on the links: ACKs cost nothing that binds
    assertEquals(0.1301 + 8e5 / 0.97e6, doneAt.get(alone.id()), EXACT);
    // both ways at once: each uplink carries one transfer's data and the other's ACKs, which
    // is SimGrid's shared-link case again
    double t0 = sim.now();
    Flow there = net.transfer(x, y, 100e3, record);
    Flow back = net.transfer(y, x, 100e3, record);
    sim.run();
    assertEquals(0.996079, doneAt.get(there.id()) - t0, 5e-7);
    assertEquals(0.996079, doneAt.get(back.id()) - t0, 5e-7);
  }

  @Test
  void theTcpWindowCapsLongFatTransfers() {
    // 200 ms RTT, 4 MiB window: at most 4194304 * 8 / 0.2 bits per second
    RegionTable far = new RegionTable(List.of("x", "y"),
        new double[][] {{0.001, 0.200}, {0.200, 0.001}});
    Network.Builder b = Network.builder(sim, far).tcp(TcpModel.LV08);
    int x = b.addNode(0, 10_000 * MBPS, 10_000 * MBPS);
    int y = b.addNode(1, 10_000 * MBPS, 10_000 * MBPS);
    Network net = b.build();
    Flow f = net.transfer(x, y, 1e9, record);
    sim.runUntil(2);
    assertEquals(4194304 * 8 / 0.2, f.rate(), 1e-6);
    assertEquals(-1, net.flows().bottleneckOf(f));
  }

  Network twoSides(FaultPolicy policy) {
    Network.Builder b = Network.builder(sim, abc()).faultPolicy(policy);
    for (int r = 0; r < 3; r++) {
      b.addNode(r, 8 * MBPS, 8 * MBPS);
      b.addNode(r, 8 * MBPS, 8 * MBPS);
    }
    return b.build(); // nodes 0,1 in a; 2,3 in b; 4,5 in c
  }

  @Test
  void aPartitionFailsCrossingTransfersAndLetsNoneCrossWhileItLasts() {
    Network net = twoSides(FaultPolicy.FAIL);
    Flow across = net.transfer(0, 4, 1e6, record); // a to c, through b
    Flow inside = net.transfer(2, 3, 1e6, record); // within b
    Flow[] late = new Flow[2];
    Network.Partition[] p = new Network.Partition[1];
    sim.schedule(0.5, () -> p[0] = net.partition(1)); // b alone: a-c's route crosses it too
    sim.schedule(0.6, () -> late[0] = net.transfer(1, 5, 1e6, record));
    sim.schedule(0.6, () -> late[1] = net.transfer(0, 1, 1e6, record));
    sim.schedule(2.0, () -> p[0].heal());
    sim.schedule(2.1, () -> late[0] = net.transfer(1, 5, 1e6, record));
    sim.run();
    assertEquals(Flow.Failure.PARTITION, across.failure());
    assertEquals(0.5, across.endTime(), EXACT);
    assertEquals(Flow.Status.COMPLETED, inside.status());
    assertEquals(2, failed.size()); // across, and the a-c transfer started during the cut
    assertEquals(Flow.Status.COMPLETED, late[1].status());
    assertEquals(Flow.Status.COMPLETED, late[0].status()); // started after healing
    NetworkStats s = net.stats();
    assertEquals(5, s.started());
    assertEquals(2, s.failed());
    assertEquals(3, s.completed());
  }

  @Test
  void aStallingPartitionHoldsBytesUntilItHeals() {
    Network net = twoSides(FaultPolicy.STALL);
    Flow f = net.transfer(0, 2, 1e6, record); // a to b: 20 ms, then 1 s at 8 Mbps
    Network.Partition[] p = new Network.Partition[1];
    sim.schedule(0.52, () -> p[0] = net.partition(0));
    List<Double> remaining = new ArrayList<>();
    for (double t = 0.6; t < 3.0; t += 0.4) {
      sim.scheduleAt(t, () -> {
        remaining.add(f.remainingBytes());
        assertEquals(0, f.rate());
        assertEquals(Flow.Status.STALLED, f.status());
      });
    }
    sim.schedule(3.52, () -> p[0].heal());
    sim.run();
    for (double r : remaining) {
      assertEquals(0.5e6, r, 1e-3);
    }
    assertEquals(1.02 + 3.0, doneAt.get(f.id()), EXACT);
    assertTrue(failed.isEmpty());
  }

  @Test
  void aDisconnectedNodeFailsItsTransfersAndFreesTheOthersShare() {
    Network net = twoSides(FaultPolicy.FAIL);
    Flow gone = net.transfer(1, 0, 1e9, record);
    Flow kept = net.transfer(2, 0, 2e6, record);
    sim.schedule(0.1, () -> net.disconnect(1));
    sim.run();
    assertEquals(Flow.Failure.NODE_DISCONNECTED, gone.failure());
    // kept: 20 ms latency, 4 Mbps until 0.1 s (0.32e6 bits), then 8 Mbps for 15.68e6 bits
    assertEquals(0.1 + 15.68e6 / 8e6, doneAt.get(kept.id()), EXACT);
    Flow refused = net.transfer(3, 1, 1e3, record);
    sim.run();
    assertEquals(Flow.Failure.NODE_DISCONNECTED, refused.failure());
    net.reconnect(1);
    Flow again = net.transfer(3, 1, 1e3, record);
    sim.run();
    assertEquals(Flow.Status.COMPLETED, again.status());
  }

  @Test
  void aStallingBackboneOutageDelaysByItsLength() {
    Network.Builder b = Network.builder(sim, abc()).faultPolicy(FaultPolicy.STALL);
    int x = b.addNode(0, 100 * MBPS, 100 * MBPS);
    int y = b.addNode(1, 100 * MBPS, 100 * MBPS);
    int bb = b.backbone("a", "b", 8 * MBPS);
    Network net = b.build();
    Flow f = net.transfer(x, y, 1e6, record);
    FaultSchedule.once(sim, net.backboneFault(bb), 0.52, 2.0);
    sim.run();
    assertEquals(0.02 + 1.0 + 2.0, doneAt.get(f.id()), EXACT);
  }

  @Test
  void overlappingFaultsHealWhenTheLastEnds() {
    Network.Builder b = Network.builder(sim, abc()).faultPolicy(FaultPolicy.STALL);
    int x = b.addNode(0, 100 * MBPS, 100 * MBPS);
    int y = b.addNode(1, 100 * MBPS, 100 * MBPS);
    int bb = b.backbone("a", "b", 8 * MBPS);
    Network net = b.build();
    Flow f = net.transfer(x, y, 1e6, record);
    FaultSchedule.once(sim, net.backboneFault(bb), 0.52, 1.0); // down 0.52 to 1.52
    FaultSchedule.once(sim, net.backboneFault(bb), 1.02, 1.0); // and 1.02 to 2.02
    sim.run();
    assertEquals(0.02 + 1.0 + 1.5, doneAt.get(f.id()), EXACT);
  }

  @Test
  void recurringFaultsAlternateDrawnUpAndDownTimes() {
    List<String> log = new ArrayList<>();
    Fault probe = new Fault() {
      @Override
      public void begin() {
        log.add("down@" + sim.now());
      }

      @Override
      public void end() {
        log.add("up@" + sim.now());
      }
    };
    double[] gaps = {5, 3};
    int[] i = {0};
    FaultSchedule.recurring(sim, probe, Double.NaN, () -> gaps[i[0]++ % 2], () -> 1.0);
    sim.runUntil(20);
    assertEquals(List.of("down@5.0", "up@6.0", "down@9.0", "up@10.0", "down@15.0", "up@16.0",
        "down@19.0", "up@20.0"), log);
  }

  @Test
  void statisticsCountBytesTimesAndUtilization() {
    Network.Builder b = Network.builder(sim, abc());
    int x = b.addNode(0, 8 * MBPS, 8 * MBPS);
    int y = b.addNode(0, 8 * MBPS, 8 * MBPS);
    b.backbone("a", "b", 100 * MBPS);
    Network net = b.build();
    net.transfer(x, y, 1e6, record); // 0.5 ms latency, then 1 s at 8 Mbps
    sim.runUntil(4.0005);
    NetworkStats s = net.stats();
    assertEquals(1, s.completed());
    assertEquals(0, s.inFlight());
    assertEquals(1e6, s.bytesMoved(), 1e-3);
    assertEquals(1.0005, s.transferTime().p50(), EXACT);
    // x's uplink was full for 1 s of 4.0005, y's idle: (8 * 1) / (16 * 4.0005)
    assertEquals(8.0 / (16 * 4.0005), s.uplinkUtilization(), EXACT);
    assertEquals(8.0 / (16 * 4.0005), s.downlinkUtilization(), EXACT);
    assertEquals(0, s.backboneUtilization());
    assertEquals(2, s.backbone().size());
    assertEquals(1.0005 / 4.0005, s.meanLiveTransfers(), EXACT); // live during its latency too
    net.restartStats();
    sim.runUntil(5);
    NetworkStats after = net.stats();
    assertEquals(0, after.started());
    assertEquals(0, after.bytesMoved());
    assertEquals(0, after.uplinkUtilization());
  }

  @Test
  void badDescriptionsAreRefused() {
    Network.Builder b = Network.builder(sim, abc());
    assertThrows(IllegalArgumentException.class, () -> b.backbone("a", "a", 1));
    assertThrows(IllegalArgumentException.class, () -> b.backbone("a", "zz", 1));
    b.backbone("a", "b", 1);
    assertThrows(IllegalArgumentException.class, () -> b.backbone("b", "a", 1));
    assertThrows(IllegalArgumentException.class, () -> b.addNode(3, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> b.addNode(0, 0, 1));
  }
}
