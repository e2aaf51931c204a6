package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with a network section: transfers, cold starts and faults against hand-computed times. */
class NetworkRunTest {
  @TempDir
  Path dir;

  static final String REGIONS = Path.of("../../models/network/regions.yaml").toAbsolutePath()
      .normalize().toString();

  ScenarioLoader.Loaded load(String yaml, String... sets) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml.replace("REGIONS", REGIONS));
    return ScenarioLoader.load(f, List.of(sets));
  }

  static final String ONE_NODE = """
      name: net
      duration: 1000s
      network: {regions: REGIONS}
      nodes:
        - {name: n, count: 1, regions: us-east, link: {up: 20Mbps, down: 100Mbps}}
      workload:
        - name: w
          arrivals: {process: renewal, interarrival: 100s}
          service: 1s
          origin: us-east
      """;

  @Test
  void movingTheSubmittersAddsTheirRoundTripTime() throws Exception {
    var base = load(ONE_NODE);
    double rtt = base.resources().regions().rtt(base.resources().regions().index("us-east"),
        base.resources().regions().index("ap-southeast"));
    double near = new World(base.scenario(), base.resources()).run().jobs().latency().mean();
    var far = load(ONE_NODE, "workload[0].origin=ap-southeast");
    double farLatency = new World(far.scenario(), far.resources()).run().jobs().latency().mean();
    // zero-byte payloads: one one-way trip in, one back, around a 1 s service
    double local = base.resources().regions().rtt(0, 0);
    assertEquals(1.0 + local, near, 1e-9);
    assertEquals(1.0 + rtt, farLatency, 1e-9);
    assertTrue(rtt > 0.1, "Singapore is far from Virginia: " + rtt);
  }

  @Test
  void anUploadBoundResultIsLimitedByTheSendersUplink() throws Exception {
    var l = load(ONE_NODE + "    output: 10MB\n    input: 10MB\n");
    RunResult r = new World(l.scenario(), l.resources()).run();
    double local = l.resources().regions().rtt(0, 0);
    double in = 10e6 * 8 / 100e6;   // over the node's 100 Mbps downlink
    double out = 10e6 * 8 / 20e6;   // over its 20 Mbps uplink
    assertEquals(local + in + 1.0 + out, r.jobs().latency().mean(), 1e-6);
    assertEquals((in + out + local) / (in + out + local + 1.0), r.network().latencyShare(), 1e-6);
  }

  @Test
  void theFirstRequestWaitsForTheModelWeights() throws Exception {
    var l = load("""
        name: cold
        duration: 4000s
        network: {regions: REGIONS}
        nodes:
          - {name: n, count: 1, hardware: rtx-4090, regions: eu-west, link: {up: 100Mbps, down: 1Gbps}}
        workload:
          - name: chat
            kind: inference
            model: llama-3-8b
            origin: eu-west
            arrivals: {process: renewal, interarrival: 1000s}
            promptTokens: 100
            outputTokens: 10
        """);
    RunResult r = new World(l.scenario(), l.resources()).run();
    assertEquals(1, r.network().coldStarts());
    double weights = l.resources().aiModels().get("llama-3-8b").weightBytes();
    double download = weights * 8 / 1e9;
    var j = r.jobs();
    assertEquals(3, j.completed());
    // the mean holds one cold request (download + service) and two warm ones
    double sum = 3 * j.latency().mean();
    assertTrue(sum > download && sum < download + 15,
        "three requests took " + sum + " s in all; the download alone " + download);
    assertTrue(j.latency().p50() < 5, "warm requests skip the download");
  }

  /**
   * Two equal idle nodes, requests 1,000 s apart: the first cold-starts one of them (a drawn
   * tie). From then on the warm node's expected delay is a fraction of a second and the cold
   * one's adds its 16 GB download over 1 Gbps (about 128 s), so every later request goes to
   * the warm node and there is exactly one cold start. Counting the download as nothing, the
   * two nodes tie again at every request and about half would cold-start the other node.
   */
  @Test
  void aWarmNodeIsPreferredToAColdOneOfTheSameSpeed() throws Exception {
    for (String policy : List.of("least-loaded", "latency-aware", "auction")) {
      var l = load("""
          name: warm
          duration: 20000s
          network: {regions: REGIONS}
          nodes:
            - {name: n, count: 2, hardware: rtx-4090, regions: eu-west, link: {up: 100Mbps, down: 1Gbps}}
          workload:
            - name: chat
              kind: inference
              model: llama-3-8b
              origin: eu-west
              arrivals: {process: renewal, interarrival: 1000s}
              promptTokens: 100
              outputTokens: 10
          """, "scheduler.policy=" + policy);
      List<Integer> nodes = new java.util.ArrayList<>();
      RunResult r = new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
        if (e == TraceEvent.COMPLETED) {
          nodes.add(node);
        }
      }).run();
      assertEquals(1, r.network().coldStarts(), policy);
      assertEquals(19, nodes.size(), policy);
      assertEquals(1, nodes.stream().distinct().count(), policy + ": " + nodes);
    }
  }

  @Test
  void latencyAwarePlacementServesSubmittersFromNearbyNodes() throws Exception {
    String yaml = """
        name: near
        duration: 2h
        network: {regions: REGIONS}
        nodes:
          - {name: us, count: 10, regions: us-east, link: {up: 1Gbps, down: 1Gbps}}
          - {name: asia, count: 10, regions: ap-southeast, link: {up: 1Gbps, down: 1Gbps}}
        workload:
          - name: w
            arrivals: {process: poisson, rate: 1/s}
            service: {dist: exponential, mean: 1s}
            origin: ap-southeast
        scheduler: {policy: latency-aware}
        """;
    var l = load(yaml);
    RunResult near = new World(l.scenario(), l.resources()).run();
    assertTrue(near.nodeClasses().get(1).completed() > 0.97 * near.jobs().completed(),
        "jobs stay in Asia: " + near.nodeClasses());
    var ll = load(yaml.replace("latency-aware", "least-loaded"));
    RunResult blind = new World(ll.scenario(), ll.resources()).run();
    double rtt = l.resources().regions().rtt(l.resources().regions().index("us-east"),
        l.resources().regions().index("ap-southeast"));
    // least-loaded sends about half the jobs across the Pacific and back
    assertTrue(blind.jobs().latency().mean() - near.jobs().latency().mean() > 0.3 * rtt);
  }

  @Test
  void spotChecksShipWorkToVerifiers() throws Exception {
    var l = load(ONE_NODE.replace("count: 1,", "count: 5,").replace("interarrival: 100s",
        "interarrival: 2s") + "    input: 1MB\n"
        + "economics: {verification: {policy: spot-check, spotCheckRate: 0.3}}\n");
    RunResult r = new World(l.scenario(), l.resources()).run();
    long checks = r.economics().jobs().checks();
    assertTrue(checks > 50);
    // a check whose drawn verifier is the executor itself sends nothing: about 1 in 5 here
    long shipped = r.network().verificationTransfers();
    assertTrue(shipped > 0.6 * checks && shipped <= checks, shipped + " of " + checks);
  }

  @Test
  void placementRecoversAfterAPartitionHeals() throws Exception {
    // eu and us nodes are alike, so least-loaded shares the work between them outside the cut;
    // transfers that fail during the cut must not leave stale loads behind that make it shun
    // the eu nodes afterwards
    var l = load("""
        name: heal
        duration: 3h
        network: {regions: REGIONS, faults: [{kind: partition, regions: [eu-west], at: 1h, duration: 20m}]}
        nodes:
          - {name: eu, count: 30, regions: eu-west, link: {up: 1Gbps, down: 1Gbps}}
          - {name: us, count: 30, regions: us-east, link: {up: 1Gbps, down: 1Gbps}}
        workload:
          - name: w
            arrivals: {process: poisson, rate: 5/s}
            service: {dist: exponential, mean: 2s}
            origin: us-east
            input: 1kB
        scheduler: {policy: least-loaded, retries: 2}
        """);
    RunResult r = new World(l.scenario(), l.resources()).run();
    double eu = r.nodeClasses().get(0).completed();
    double us = r.nodeClasses().get(1).completed();
    // eu is cut off for 20 of 180 minutes: half the work of the other 160 is 0.44 of the total.
    // Were its nodes left with stale loads after the cut, idle us nodes (about 50 of 60 are
    // idle at 5 jobs/s of 2 s) would take everything: at most half of the first hour, 0.17
    assertTrue(eu / (eu + us) > 0.35, "eu share " + eu / (eu + us));
  }

  @Test
  void aPartitionFailsTransfersAcrossItAndJobsAreConserved() throws Exception {
    var l = load("""
        name: cut
        duration: 2h
        network: {regions: REGIONS, faults: [{kind: partition, regions: [ap-southeast], at: 30m, duration: 30m}]}
        nodes:
          - {name: asia, count: 20, regions: ap-southeast, link: {up: 1Gbps, down: 1Gbps}}
          - {name: us, count: 20, regions: us-east, link: {up: 1Gbps, down: 1Gbps}}
        workload:
          - name: w
            arrivals: {process: poisson, rate: 5/s}
            service: {dist: exponential, mean: 2s}
            origin: us-east
            input: 1MB
            output: 1MB
        scheduler: {policy: random, retries: 3}
        """);
    RunResult r = new World(l.scenario(), l.resources()).run();
    var j = r.jobs();
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + j.inFlight());
    assertTrue(r.network().stats().failed() > 0, "transfers into the cut region fail");
    // during the cut, work placed in Asia bounces back to the US side; nothing crosses
    assertTrue(j.completed() > 0.95 * j.submitted());
  }

  @Test
  void latencyAwarePlacementRoutesAroundAPartition() throws Exception {
    String yaml = """
        name: around
        duration: 2h
        network: {regions: REGIONS, faults: [{kind: partition, regions: [eu-west], at: 30m, duration: 30m}]}
        nodes:
          - {name: eu, count: 20, regions: eu-west, link: {up: 1Gbps, down: 1Gbps}}
          - {name: asia, count: 20, regions: ap-southeast, link: {up: 1Gbps, down: 1Gbps}}
        workload:
          - name: w
            arrivals: {process: poisson, rate: 4/s}
            service: {dist: exponential, mean: 2s}
            origin: us-east
            input: 1MB
            output: 1MB
        scheduler: {policy: latency-aware, retries: 3}
        """;
    var l = load(yaml);
    RunResult aware = new World(l.scenario(), l.resources()).run();
    var b = load(yaml.replace("latency-aware", "least-loaded"));
    RunResult blind = new World(b.scenario(), b.resources()).run();
    // only what was under way in eu-west at the cut fails (about rate x service jobs);
    // a blind scheduler keeps sending work into the cut for half an hour
    assertTrue(aware.network().stats().failed() < 60, "aware: " + aware.network().stats());
    assertTrue(blind.network().stats().failed() > 20 * aware.network().stats().failed() + 500,
        "blind: " + blind.network().stats());
    var j = aware.jobs();
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + j.inFlight());
    assertEquals(0, j.failed());
    // eu-west is the nearer region, so it serves again once healed
    assertTrue(aware.nodeClasses().get(0).completed() > 0.6 * j.completed());
  }
}
