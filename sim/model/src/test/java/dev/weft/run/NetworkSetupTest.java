package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import dev.weft.network.FaultPolicy;
import dev.weft.network.Flow;
import dev.weft.network.FlowListener;
import dev.weft.network.Network;
import dev.weft.network.RegionTable;
import dev.weft.network.TcpModel;
import dev.weft.network.VivaldiLatency;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.BackboneLink;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NetworkConfig;
import dev.weft.scenario.NetworkFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSetupTest {
  static final RegionTable REGIONS = new RegionTable(List.of("us-east", "eu-west", "ap-south"),
      new double[][] {{0.001, 0.080, 0.200}, {0.080, 0.001, 0.120}, {0.200, 0.120, 0.001}});

  static NetworkConfig config(String latency, boolean tcp, String policy,
      List<NetworkFault> faults) {
    return new NetworkConfig("regions.yaml", latency, tcp, 4194304, policy,
        List.of(new BackboneLink("us-east", "eu-west", 1e9)), faults, null);
  }

  @Test
  void buildsWhatTheConfigurationSays() {
    Simulator sim = new Simulator();
    Network.Builder b = NetworkSetup.builder(sim, config("vivaldi", true, "stall", null),
        REGIONS, new RandomStreams(1));
    b.addNode("gpu", 0, 1e9, 1e9);
    b.addNode("gpu", 1, 1e9, 1e9);
    Network net = b.build();
    assertTrue(net.latency() instanceof VivaldiLatency);
    assertEquals(TcpModel.LV08, net.tcp());
    assertEquals(FaultPolicy.STALL, net.faultPolicy());
    assertEquals(1, net.backboneCount());
    assertEquals(0, net.backboneIndex("eu-west", "us-east"));
  }

  @Test
  void schedulesOnceRecurringAndPerNodeFaults() {
    Simulator sim = new Simulator();
    NetworkFault cut = new NetworkFault("partition", "cut", List.of("ap-south"), null, 3600.0,
        DistSpec.constant(600), null);
    NetworkFault flaky = new NetworkFault("link", null, List.of("eu-west", "us-east"), null,
        null, DistSpec.constant(10), DistSpec.constant(100));
    NetworkFault churn = new NetworkFault("disconnect", null, List.of(), "home", null,
        DistSpec.exponentialMean(60), DistSpec.exponentialMean(600));
    NetworkConfig cfg = config("matrix", false, "fail", List.of(cut, flaky, churn));
    Network.Builder b = NetworkSetup.builder(sim, cfg, REGIONS, new RandomStreams(7));
    int dc = b.addNode("dc", 0, 1e9, 1e9);
    int far = b.addNode("dc", 2, 1e9, 1e9);
    int home = b.addNode("home", 1, 1e8, 1e9);
    Network net = b.build();
    NetworkSetup.scheduleFaults(net, cfg, new RandomStreams(7));

    sim.runUntil(105);
    assertTrue(net.isConnected(dc));
    List<Flow> failed = new ArrayList<>();
    FlowListener l = FlowListener.of(f -> {}, failed::add);
    // the backbone is down from 100 s to 110 s
    Flow f = net.transfer(dc, home, 1e9, l);
    sim.runUntil(109);
    assertTrue(f.isDone());
    assertEquals(Flow.Failure.LINK_DOWN, f.failure());
    // the partition cuts ap-south off from 3600 s to 4200 s
    sim.runUntil(3700);
    Flow g = net.transfer(dc, far, 1e6, l);
    sim.runUntil(3701);
    assertEquals(Flow.Failure.PARTITION, g.failure());
    sim.runUntil(4300);
    Flow h = net.transfer(dc, far, 1e6, l);
    sim.runUntil(4301);
    assertEquals(Flow.Status.COMPLETED, h.status());
    // the home node churns on its own stream; it must have been cut at some point
    int[] cuts = {0};
    double t = sim.now();
    while (t < 50_000) {
      t += 10;
      sim.runUntil(t);
      if (!net.isConnected(home)) {
        cuts[0]++;
      }
    }
    assertTrue(cuts[0] > 10, "home node never disconnected");
  }

  @Test
  void sameSeedSameFaultTimes() {
    assertEquals(disconnectTimes(3), disconnectTimes(3));
    assertTrue(!disconnectTimes(3).equals(disconnectTimes(4)));
  }

  static List<Double> disconnectTimes(long seed) {
    Simulator sim = new Simulator();
    NetworkFault churn = new NetworkFault("disconnect", "churn", null, "home", null,
        DistSpec.exponentialMean(60), DistSpec.exponentialMean(600));
    NetworkConfig cfg = config("matrix", false, "fail", List.of(churn));
    Network.Builder b = NetworkSetup.builder(sim, cfg, REGIONS, new RandomStreams(seed));
    b.addNode("home", 0, 1e8, 1e9);
    Network net = b.build();
    NetworkSetup.scheduleFaults(net, cfg, new RandomStreams(seed));
    List<Double> times = new ArrayList<>();
    boolean was = true;
    for (int i = 0; i < 2000; i++) {
      sim.runUntil(i * 5.0);
      if (was && !net.isConnected(0)) {
        times.add(sim.now());
      }
      was = net.isConnected(0);
    }
    return times;
  }

  @Test
  void unknownRegionsAndMissingBackbonesAreNamed() {
    Simulator sim = new Simulator();
    NetworkConfig bad = new NetworkConfig("r.yaml", "matrix", false, 1, "fail",
        List.of(new BackboneLink("us-east", "mars", 1e9)), null, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkSetup.builder(sim, bad, REGIONS, new RandomStreams(1)));
    assertTrue(e.getMessage().contains("unknown region 'mars'"));
    NetworkFault noLink = new NetworkFault("link", null, List.of("us-east", "ap-south"), null,
        5.0, DistSpec.constant(1), null);
    NetworkConfig cfg = config("matrix", false, "fail", List.of(noLink));
    Network net = NetworkSetup.builder(sim, cfg, REGIONS, new RandomStreams(1)).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> NetworkSetup.scheduleFaults(net, cfg, new RandomStreams(1)));
    assertTrue(e.getMessage().contains("no backbone link between us-east and ap-south"));
  }

  @Test
  void recordsRefuseInconsistentFaults() {
    assertThrows(IllegalArgumentException.class, () -> new NetworkFault("quake", null, null,
        null, 1.0, DistSpec.constant(1), null));
    assertThrows(IllegalArgumentException.class, () -> new NetworkFault("link", null,
        List.of("a"), null, 1.0, DistSpec.constant(1), null));
    assertThrows(IllegalArgumentException.class, () -> new NetworkFault("disconnect", null,
        null, null, 1.0, DistSpec.constant(1), null));
    assertThrows(IllegalArgumentException.class, () -> new NetworkFault("partition", null,
        List.of("a"), null, null, DistSpec.constant(1), null));
    assertThrows(IllegalArgumentException.class, () -> new NetworkConfig("r", "euclid", false,
        1, "fail", null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new NetworkConfig("r", "matrix", false,
        1, "retry", null, null, null));
  }
}
