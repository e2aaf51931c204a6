package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.EconomicsConfig;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verification costs real compute (#11 item 4): a re-execution occupies its checker's node for
 * the job's service time, and a lazy node that returns junk frees its node at once. Expected
 * values come from the offered load: with Poisson arrivals of rate λ, mean service S on N
 * one-slot nodes of speed 1 and no loss, the time-average share of busy slots is λ·S·m/N, where
 * m is the executions per job (1 without checks, n with n-of-n redundancy); every job is done,
 * so nothing else can absorb the work.
 */
class VerificationComputeTest {
  private static final int NODES = 10;
  private static final double RATE = 2.0; // jobs per second
  private static final double SERVICE = 1.0; // mean seconds on a node of speed 1

  private static Scenario scenario(EconomicsConfig e, List<NodeClass> classes) {
    return new Scenario("verify", "", 11, 6 * 3600, 600, classes,
        List.of(Workload.synthetic("jobs", Arrivals.poisson(RATE),
            DistSpec.exponentialMean(SERVICE), null)),
        new SchedulerConfig("least-loaded", 2), new Outputs(600, false), e);
  }

  private static NodeClass honest(int n) {
    return new NodeClass("honest", n, "abstract", 1, 1, 1.0, null, 5000, null);
  }

  private static RunResult run(String policy, Object... more) {
    Object[] kv = new Object[2 + more.length];
    kv[0] = "verification.policy";
    kv[1] = policy;
    System.arraycopy(more, 0, kv, 2, more.length);
    EconomicsConfig e = TestRecords.with(EconomicsRunTest.defaults(), kv);
    return new World(scenario(e, List.of(honest(NODES)))).run();
  }

  @Test
  void redundancyTriplesTheComputeAndTheUtilization() {
    double offered = RATE * SERVICE / NODES; // 0.2
    RunResult none = run("none");
    RunResult triple = run("redundancy", "verification.replicas", 3, "verification.quorum", 2);
    // 2% relative: about 43,000 jobs in the window, a standard error near 0.5% of the mean
    assertEquals(offered, none.nodes().utilization(), 0.02 * offered);
    assertEquals(3 * offered, triple.nodes().utilization(), 0.02 * 3 * offered);
    assertEquals(0, none.verification().ordered());

    VerificationStats v = triple.verification();
    // two re-executions per delivered job, counted a second way: by the jobs completed
    long executions = triple.jobs().completed();
    assertEquals(2.0 * executions, v.ordered(), 0.005 * 2 * executions);
    assertEquals(v.ordered(), v.completed(), 0.002 * v.ordered()); // none lost without churn
    assertEquals(0, v.dropped());
    // same demand on nodes of the same speed: each re-execution takes the original's time
    assertEquals(2 * v.workGpuHours(), v.gpuHours(), 0.01 * v.gpuHours());
    assertEquals(2.0 / 3, v.shareOfCompute(), 0.005);
    // the extra load is felt: waiting rises (M/M/10 at 0.2 vs 0.6 of capacity)
    assertTrue(triple.jobs().waitTime().mean() > 10 * none.jobs().waitTime().mean(),
        none.jobs().waitTime().mean() + " vs " + triple.jobs().waitTime().mean());
  }

  @Test
  void spotChecksAddTheirRateInCompute() {
    double rate = 0.25;
    RunResult r = run("spot-check", "verification.spotCheckRate", rate);
    double offered = RATE * SERVICE / NODES;
    assertEquals((1 + rate) * offered, r.nodes().utilization(), 0.03 * (1 + rate) * offered);
    VerificationStats v = r.verification();
    // a binomial count: 43,000 trials at 0.25 have a standard deviation near 0.5% of the mean
    assertEquals(rate * r.jobs().completed(), v.ordered(), 0.03 * rate * r.jobs().completed());
  }

  @Test
  void aLazyNodeReturnsJunkAtOnceAndItsNodeStaysFree() {
    NodeClass lazy = new NodeClass("lazy", 1, "abstract", 1, 1, 1.0, null, 5000,
        Map.of("lazy", 1.0));
    EconomicsConfig e = TestRecords.with(EconomicsRunTest.defaults(), "verification.policy",
        "none", "behaviours.lazySkipRate", 1.0);
    RunResult r = new World(scenario(e, List.of(honest(NODES - 1), lazy))).run();
    ClassStats honest = r.nodeClasses().get(0);
    ClassStats lz = r.nodeClasses().get(1);
    assertTrue(lz.completed() > 0);
    assertEquals(0.0, lz.busy(), 1e-9, "never occupied: every answer is immediate junk");
    assertEquals(0.0, lz.latencyMean(), 1e-9);
    assertTrue(honest.latencyMean() > 0.5 * SERVICE);
    VerificationStats v = r.verification();
    // every execution the lazy node answered was skipped, each claiming its service time
    assertEquals(lz.completed(), v.skipped(), 0.01 * lz.completed());
    assertEquals(v.skipped() * SERVICE / 3600, v.skippedGpuHours(),
        0.05 * v.skipped() * SERVICE / 3600);
    assertEquals(r.economics().jobs().junk(), v.skipped(), 0.01 * v.skipped());
  }
}
