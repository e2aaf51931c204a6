package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.TrainingCost;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training jobs spread over several nodes: gang placement, the ring all-reduce of gradients as
 * flows over the network (against the alpha-beta closed form where the links are free), and
 * what happens when a member or the network fails.
 */
class DataParallelTrainingTest {
  @TempDir
  Path dir;

  ScenarioLoader.Loaded load(String yaml, String... sets) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml.replace("REGIONS", NetworkRunTest.REGIONS));
    return ScenarioLoader.load(f, List.of(sets));
  }

  /** Runs the scenario; the node of every "started" event, in order. */
  static List<Integer> startedNodes(ScenarioLoader.Loaded l) {
    List<Integer> started = new ArrayList<>();
    new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (e == TraceEvent.STARTED) {
        started.add(node);
      }
    }).run();
    return started;
  }

  static final String FOUR = """
      name: dp
      duration: 30d
      network: {regions: REGIONS}
      nodes:
        - {name: dc, count: 4, hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 10Gbps, down: 10Gbps}}
      workload:
        - name: finetune
          kind: training
          model: llama-3-8b
          arrivals: {process: renewal, interarrival: 10d}
          steps: 3
          nodes: 4
          origin: us-east
      """;

  @Test
  void anUncontendedRingMatchesTheAlphaBetaClosedForm() throws Exception {
    var l = load(FOUR);
    RunResult r = new World(l.scenario(), l.resources()).run();
    assertEquals(2, r.jobs().completed());
    var regions = l.resources().regions();
    int us = regions.index("us-east");
    double oneWay = regions.rtt(us, us) / 2;
    double weights = l.resources().aiModels().get("llama-3-8b").weightBytes();
    double bandwidth = 10e9 / 8;
    double step = new TrainingCost(l.resources().kernels(), l.resources().aiModels().get(
        "llama-3-8b"), "h100-sxm", 8).step(8, 2048, 1, 0, 0).seconds();
    int n = 4;
    // ring all-reduce: 2(n-1) hops of latency, 2(n-1)/n of the gradients through each link
    double allReduce = 2 * (n - 1) * oneWay + 2.0 * (n - 1) / n * weights / bandwidth;
    double firstJob = (oneWay + weights / bandwidth) // weights to all four at once (cold)
        + 3 * (step + allReduce) + oneWay;          // three steps, then the (empty) result
    double warmJob = oneWay + 3 * (step + allReduce) + oneWay;
    assertEquals((firstJob + warmJob) / 2, r.jobs().latency().mean(), 1e-6 * firstJob);
    assertEquals(6, r.network().allReduces());
    assertEquals(allReduce, r.network().allReduceTime().mean(), 1e-9 * allReduce);
    assertEquals(4, r.network().coldStarts());
  }

  @Test
  void syncingEveryKStepsAllReducesOncePerBlock() throws Exception {
    var l = load(FOUR, "workload[0].steps=10", "workload[0].syncEvery=4");
    RunResult r = new World(l.scenario(), l.resources()).run();
    // blocks of 4, 4 and 2 steps, each followed by an all-reduce, for both jobs
    assertEquals(6, r.network().allReduces());
    var one = load(FOUR, "workload[0].steps=10");
    RunResult every = new World(one.scenario(), one.resources()).run();
    assertEquals(20, every.network().allReduces());
    double saved = every.jobs().latency().mean() - r.jobs().latency().mean();
    assertEquals(7 * every.network().allReduceTime().mean(), saved, 1e-6 * saved);
  }

  @Test
  void aSlowMemberSetsThePaceOfTheWholeRing() throws Exception {
    var base = load(FOUR);
    RunResult fast = new World(base.scenario(), base.resources()).run();
    // one member's uplink is ten times slower: its flow, and so every all-reduce, takes longer
    var l = load(FOUR.replace("  - {name: dc, count: 4,", "  - {name: slow, count: 1,"
        + " hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 1Gbps, down: 10Gbps}}\n"
        + "  - {name: dc, count: 3,"));
    assertEquals(2, l.scenario().nodes().size());
    RunResult slow = new World(l.scenario(), l.resources()).run();
    double weights = l.resources().aiModels().get("llama-3-8b").weightBytes();
    double extra = 1.5 * weights / (1e9 / 8) - 1.5 * weights / (10e9 / 8);
    assertEquals(fast.network().allReduceTime().mean() + extra,
        slow.network().allReduceTime().mean(), 1e-6 * extra);
  }

  @Test
  void aGangStaysInOneRegionWhenItCanAndPrefersTheFasterClass() throws Exception {
    var l = load("""
        name: where
        duration: 10d
        network: {regions: REGIONS}
        nodes:
          - {name: a100-asia, count: 6, hardware: a100-80gb, gpus: 8, regions: ap-southeast, link: {up: 10Gbps, down: 10Gbps}}
          - {name: h100-us, count: 2, hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 10Gbps, down: 10Gbps}}
          - {name: h100-eu, count: 2, hardware: h100-sxm, gpus: 8, regions: eu-west, link: {up: 10Gbps, down: 10Gbps}}
          - {name: h100-asia, count: 4, hardware: h100-sxm, gpus: 8, regions: ap-southeast, link: {up: 10Gbps, down: 10Gbps}}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 3d}
            steps: 2
            nodes: 4
            origin: us-east
        """);
    List<Integer> started = startedNodes(l);
    assertEquals(12, started.size(), "three jobs of four nodes");
    // node ids: a100-asia 0-5, h100-us 6-7, h100-eu 8-9, h100-asia 10-13
    for (int id : started) {
      assertTrue(id >= 10 && id <= 13, "the four H100s in one region win: node " + id);
    }
  }

  @Test
  void aClassWithoutALinkIsRankedAtTheOneGbpsTheNetworkGivesIt() throws Exception {
    // nodes without a link get 1 Gbps access links: ranking them as if unlimited would put
    // the gang on links a hundred times slower than the other class's
    var l = load("""
        name: nolink
        duration: 10d
        network: {regions: REGIONS}
        nodes:
          - {name: plain, count: 4, hardware: h100-sxm, gpus: 8, regions: us-east}
          - {name: fast, count: 4, hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 100Gbps, down: 100Gbps}}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 3d}
            steps: 2
            nodes: 4
            origin: us-east
        """);
    List<Integer> started = startedNodes(l);
    assertEquals(12, started.size(), "three jobs of four nodes");
    for (int id : started) {
      assertTrue(id >= 4, "the gang with 100 Gbps links wins: node " + id);
    }
  }

  @Test
  void losingAMemberRestartsTheJobOnFreshNodes() throws Exception {
    var l = load(FOUR.replace("count: 4,", "count: 6,")
        .replace("link: {up: 10Gbps, down: 10Gbps}}", "link: {up: 10Gbps, down: 10Gbps},"
            + " availability: {uptime: {dist: exponential, mean: 4h}, downtime: 10m}}")
        .replace("interarrival: 10d", "interarrival: 1h").replace("duration: 30d",
            "duration: 3d").replace("steps: 3", "steps: 200"));
    Set<Long> interrupted = new HashSet<>();
    RunResult r = new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (e == TraceEvent.INTERRUPTED) {
        interrupted.add(j.id());
      }
    }).run();
    var j = r.jobs();
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + j.inFlight());
    assertTrue(!interrupted.isEmpty(), "members churn during 200-step jobs: " + r.jobs());
    assertTrue(j.completed() > 0, r.jobs().toString());
    assertTrue(r.network().stats().cancelled() > 0, "the lost attempts' transfers stop");
  }

  @Test
  void aLostAttemptsTransfersReportNothingOnceItHasEnded() throws Exception {
    // a member going offline ends the attempt at once; its transfers fail a moment later (the
    // network delivers failures from an event) and must not be reported against the job
    var l = load(FOUR.replace("count: 4,", "count: 6,")
        .replace("link: {up: 10Gbps, down: 10Gbps}}", "link: {up: 10Gbps, down: 10Gbps},"
            + " availability: {uptime: {dist: exponential, mean: 4h}, downtime: 10m}}")
        .replace("interarrival: 10d", "interarrival: 1h").replace("duration: 30d",
            "duration: 3d").replace("steps: 3", "steps: 200"));
    Map<Long, Boolean> attempt = new HashMap<>();
    List<String> stale = new ArrayList<>();
    int[] lost = new int[1];
    new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (j == null) {
        return;
      }
      switch (e) {
        case STARTED -> attempt.put(j.id(), true);
        case TRANSFER_FAILED -> {
          if (!attempt.getOrDefault(j.id(), false)) {
            stale.add("job " + j.id() + " at " + t);
          }
        }
        case INTERRUPTED -> {
          lost[0]++;
          attempt.put(j.id(), false);
        }
        default -> attempt.put(j.id(), false);
      }
    }).run();
    assertTrue(lost[0] > 0, "members churn during 200-step jobs");
    assertEquals(List.of(), stale);
  }

  @Test
  void aPartitionAcrossTheRingFailsTheAttemptAndNoGangFormsAcrossIt() throws Exception {
    var l = load("""
        name: cut
        duration: 4d
        network: {regions: REGIONS, faults: [{kind: partition, regions: [eu-west], at: 1h, duration: 2d}]}
        nodes:
          - {name: us, count: 2, hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 10Gbps, down: 10Gbps}}
          - {name: eu, count: 2, hardware: h100-sxm, gpus: 8, regions: eu-west, link: {up: 10Gbps, down: 10Gbps}}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 50m}
            steps: 200
            nodes: 4
            origin: us-east
        scheduler: {retries: 100}
        """);
    List<double[]> starts = new ArrayList<>();
    Set<Long> interrupted = new HashSet<>();
    RunResult r = new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (e == TraceEvent.STARTED) {
        starts.add(new double[] {t, node});
      } else if (e == TraceEvent.INTERRUPTED) {
        interrupted.add(j.id());
      }
    }).run();
    assertTrue(r.network().stats().failed() > 0, "the ring's flows across the cut fail");
    // the retry waits for the heal: no gang forms while the two halves are apart
    for (double[] s : starts) {
      assertTrue(s[0] < 3600 || s[0] >= 3600 + 2 * 86400, "started at " + s[0]);
    }
    assertEquals(Set.of(0L), interrupted, "the job running at the cut is lost");
    assertTrue(r.jobs().completed() > 10, "after the heal the queue drains: " + r.jobs());
  }

  @Test
  void noGangFormsOnTheFarSideOfACutFromTheJobsOrigin() throws Exception {
    // every node is in eu-west, cut off from the submitters in us-east for a day: a gang there
    // could not receive its input, so the job waits for the heal rather than burn its retries
    var l = load("""
        name: far
        duration: 4d
        network: {regions: REGIONS, faults: [{kind: partition, regions: [eu-west], at: 1h, duration: 1d}]}
        nodes:
          - {name: eu, count: 4, hardware: h100-sxm, gpus: 8, regions: eu-west, link: {up: 10Gbps, down: 10Gbps}}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 2h}
            steps: 3
            nodes: 4
            input: 1GB
            origin: us-east
        scheduler: {retries: 3}
        """);
    List<Double> starts = new ArrayList<>();
    RunResult r = new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (e == TraceEvent.STARTED) {
        starts.add(t);
      }
    }).run();
    for (double t : starts) {
      assertTrue(t < 3600 || t >= 3600 + 86400, "started across the cut at " + t);
    }
    assertEquals(0, r.jobs().failed(), r.jobs().toString());
  }

  @Test
  void everyMemberIsPaidForItsGpuTimeAndTheLedgerBalances() throws Exception {
    var l = load(FOUR + "economics: {verification: {policy: spot-check, spotCheckRate: 0.5}}\n",
        "duration=1d", "workload[0].arrivals.interarrival=1h");
    RunResult r = new World(l.scenario(), l.resources()).run(); // checks the invariants
    assertTrue(r.jobs().completed() > 20, r.jobs().toString());
    var e = r.economics().jobs();
    // each member settles its share of the work: four settlements per completed job
    assertEquals(4 * r.jobs().completed(), e.completed() + e.failed());
    assertTrue(r.economics().jobs().feesFiat() > 0, e.toString());
  }

  @Test
  void aGangAndARequestColdOnTheSameNodeShareOneWeightDownload() throws Exception {
    var l = load(FOUR.replace("interarrival: 10d}", "interarrival: 1000s}")
        .replace("duration: 30d", "duration: 1500s") + """
          - name: chat
            kind: inference
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 1000s}
            promptTokens: 100
            outputTokens: 10
            origin: us-east
        """);
    RunResult r = new World(l.scenario(), l.resources()).run();
    assertEquals(1, r.workloads().get("chat").completed());
    assertEquals(1, r.workloads().get("finetune").completed());
    // four nodes, one download each: the request waits for the gang's (or the reverse)
    assertEquals(4, r.network().coldStarts());
  }

  @Test
  void noRingFormsAcrossABackboneLinkThatIsDown() throws Exception {
    // eu-west and ap-southeast both reach us-east, but not each other while their link is down
    var l = load("""
        name: ring
        duration: 3d
        network:
          regions: REGIONS
          backbone: [{from: eu-west, to: ap-southeast, capacity: 100Gbps}]
          faults: [{kind: link, regions: [eu-west, ap-southeast], at: 30m, duration: 2d}]
        nodes:
          - {name: us, count: 2, hardware: h100-sxm, gpus: 8, regions: us-east, link: {up: 10Gbps, down: 10Gbps}}
          - {name: eu, count: 1, hardware: h100-sxm, gpus: 8, regions: eu-west, link: {up: 10Gbps, down: 10Gbps}}
          - {name: asia, count: 1, hardware: h100-sxm, gpus: 8, regions: ap-southeast, link: {up: 10Gbps, down: 10Gbps}}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 1d}
            steps: 3
            nodes: 4
            origin: us-east
        """);
    List<Double> starts = new ArrayList<>();
    RunResult r = new World(l.scenario(), l.resources()).trace((t, e, j, node) -> {
      if (e == TraceEvent.STARTED) {
        starts.add(t);
      }
    }).run();
    assertEquals(0, r.network().stats().failed(), "no ring was sent across the dead link");
    assertEquals(8, starts.size(), "both jobs start, on four nodes each");
    for (double t : starts) {
      assertTrue(t >= 1800 + 2 * 86400, "after the link came back: " + t);
    }
    assertEquals(2, r.jobs().completed());
  }

  @Test
  void onlyTrainingSpreadsAndOnlyOverANetwork() throws Exception {
    var e = assertThrows(InputException.class, () -> load(FOUR.replace(
        "network: {regions: REGIONS}\n", "")));
    assertTrue(e.getMessage().contains("add a 'network' section"), e.getMessage());
    assertTrue(e.getMessage().contains(":11:12:"), "points at 'nodes: 4': " + e.getMessage());
    var many = assertThrows(InputException.class, () -> load(FOUR.replace("nodes: 4",
        "nodes: 5")));
    assertTrue(many.getMessage().contains(":12:12: workload 'finetune' runs on 5 nodes at once,"
        + " but only 4 nodes can run llama-3-8b"), many.getMessage());
    var inf = assertThrows(InputException.class, () -> load(FOUR.replace("kind: training",
        "kind: inference\n    promptTokens: 10\n    outputTokens: 10")));
    assertTrue(inf.getMessage().contains("'nodes' is a setting of training workloads, and this"
        + " one is inference"), inf.getMessage());
  }

  @Test
  void trainingMustFitOptimizerStateAndActivations() throws Exception {
    // 8B parameters x 16 bytes of Adam state need far more than one 24 GB card
    var e = assertThrows(InputException.class, () -> load(FOUR.replace(
        "hardware: h100-sxm, gpus: 8", "hardware: rtx-4090, gpus: 1")));
    assertTrue(e.getMessage().contains("training needs 201 GB"), e.getMessage());
  }
}
