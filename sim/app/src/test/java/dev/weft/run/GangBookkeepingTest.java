package dev.weft.run;

import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gangs, single-node jobs, churn, deadlines, a partition and economics together, under
 * several schedulers and both fault policies: after each run the World's counters (slots,
 * queued and centrally queued jobs, inbound transfers) must agree with the jobs themselves.
 */
class GangBookkeepingTest {
  @TempDir
  Path dir;

  RunResult run(String yaml, String... sets) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml.replace("REGIONS", NetworkRunTest.REGIONS));
    var l = ScenarioLoader.load(f, List.of(sets));
    World w = new World(l.scenario(), l.resources());
    Bookkeeping books = new Bookkeeping(w);
    RunResult r = w.run();
    books.check(w);
    var j = r.jobs();
    org.junit.jupiter.api.Assertions.assertEquals(j.submitted(),
        j.completed() + j.failed() + j.expired() + j.inFlight(), String.join(" ", sets));
    return r;
  }

  static final String BASE = """
      name: x
      seed: SEED
      duration: 5d
      network: {regions: REGIONS, faultPolicy: POLICY, faults: [{kind: partition, regions: [eu-west], at: 10h, duration: 20h}]}
      nodes:
        - {name: a, count: 6, hardware: h100-sxm, gpus: 1, regions: {us-east: 0.5, eu-west: 0.5}, link: {up: 10Gbps, down: 10Gbps},
           availability: {uptime: {dist: exponential, mean: 6h}, downtime: {dist: exponential, mean: 30m}}}
        - {name: b, count: 4, hardware: rtx-pro-6000, gpus: 1, regions: {us-west: 0.5, eu-west: 0.5}, link: {up: 1Gbps, down: 1Gbps}, slots: 2,
           availability: {uptime: {dist: exponential, mean: 3h}, downtime: {dist: exponential, mean: 20m}}}
      workload:
        - name: gang
          kind: training
          model: phi-2
          arrivals: {process: poisson, rate: 2/h}
          steps: {dist: exponential, mean: 30}
          batchSequences: 2
          sequenceLength: 2048
          nodes: 4
          syncEvery: 3
          deadline: 3h
          input: 200MB
          origin: {us-east: 0.5, eu-west: 0.5}
        - name: solo
          kind: training
          model: phi-2
          arrivals: {process: poisson, rate: 3/h}
          steps: 20
          batchSequences: 2
          sequenceLength: 2048
          deadline: 2h
          input: 100MB
          origin: {us-east: 0.5, eu-west: 0.5}
      scheduler: {policy: POLICYS, retries: 3}
      """;

  @Test
  void hostileEdgesKeepTheBooks() throws Exception {
    String econ = "economics: {verification: {policy: spot-check, spotCheckRate: 0.5}}\n";
    String b = BASE.replace("SEED", "5").replace("POLICYS", "least-loaded").replace("POLICY", "fail");
    run(b.replace("count: 6,", "count: 6, stake: 5000, behaviour: {honest: 0.5, lazy: 0.25, flaky: 0.25},")
        .replace("count: 4,", "count: 4, stake: 5000, behaviour: {honest: 0.5, lazy: 0.25, flaky: 0.25},") + econ, "name=econ");
    run(b, "name=steps1", "workload[0].steps=1");
    run(b, "name=sync-gt-steps", "workload[0].steps=2", "workload[0].syncEvery=50");
    run(b, "name=fleet", "workload[0].nodes=10");
    run(b, "name=tight-deadline", "workload[0].deadline=30s");
    run(b, "name=tight-deadline2", "workload[0].deadline=100s", "workload[0].steps=3");
    run(b.replace("count: 6,", "count: 6, stake: 5000, behaviour: {honest: 0.5, lazy: 0.25, flaky: 0.25},")
        .replace("count: 4,", "count: 4, stake: 5000, behaviour: {honest: 0.5, lazy: 0.25, flaky: 0.25},") + econ, "name=econ-fleet", "workload[0].nodes=10", "workload[0].deadline=20m");
  }

  @Test
  void schedulersAndFaultPoliciesKeepTheBooks() throws Exception {
    String[] policies = {"least-loaded", "latency-aware", "fifo-central", "power-of-two"};
    for (String pol : policies) {
      for (String fp : new String[] {"fail", "stall"}) {
        for (int seed = 1; seed <= 1; seed++) {
          run(BASE.replace("SEED", "" + seed).replace("POLICYS", pol).replace("POLICY", fp),
              "name=" + pol + "-" + fp + "-" + seed);
        }
      }
    }
  }
}
