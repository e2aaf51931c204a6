package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.InferenceCost;
import dev.weft.ai.TrainingCost;
import dev.weft.kernels.Kernels;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs whose job times come from the kernel-time model. */
class KernelRunTest {
  static Kernels kernels;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws InputException {
    kernels = Kernels.load();
  }

  ScenarioLoader.Loaded load(String yaml, String... sets) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    return ScenarioLoader.load(f, List.of(sets));
  }

  static final String ONE_REQUEST = """
      name: one
      duration: 1h
      nodes:
        - {name: n, count: 1, hardware: h100-sxm}
      workload:
        - name: chat
          kind: inference
          model: llama-3-8b
          arrivals: {process: renewal, interarrival: 2000s}
          promptTokens: 1000
          outputTokens: 300
      """;

  double singleRequestLatency(String hardware) throws Exception {
    var l = load(ONE_REQUEST, "nodes[0].hardware=" + hardware);
    RunResult r = new World(l.scenario(), l.resources()).run();
    assertEquals(1, r.jobs().completed());
    return r.jobs().latency().mean();
  }

  @Test
  void aLoneRequestTakesWhatTheKernelModelSays() throws Exception {
    double sim = singleRequestLatency("h100-sxm");
    // one prefill of 1000 tokens, then 299 decodes: the model's own request estimate
    double model = new InferenceCost(kernels.model(), kernels.aiModel("llama-3-8b"),
        "h100-sxm", 1).requestSeconds(1000, 300, 2048);
    assertEquals(model, sim, 0.02 * model);
  }

  @Test
  void h100BeatsRtx4090ByTheKernelRatio() throws Exception {
    double h100 = singleRequestLatency("h100-sxm");
    double rtx = singleRequestLatency("rtx-4090");
    double ratio = rtx / h100;
    double expected = new InferenceCost(kernels.model(), kernels.aiModel("llama-3-8b"),
        "rtx-4090", 1).requestSeconds(1000, 300, 2048)
        / new InferenceCost(kernels.model(), kernels.aiModel("llama-3-8b"), "h100-sxm", 1)
        .requestSeconds(1000, 300, 2048);
    assertTrue(ratio > 1.5, "an H100 is much faster: " + ratio);
    assertEquals(expected, ratio, 0.03 * expected);
  }

  @Test
  void batchingRaisesThroughputAndEveryRequestHasAFirstToken() throws Exception {
    var l = load(ONE_REQUEST.replace("interarrival: 2000s", "interarrival: "
        + "{dist: exponential, mean: 50ms}").replace("outputTokens: 300",
        "outputTokens: {dist: lognormal, median: 150, sigma: 0.5}"));
    RunResult r = new World(l.scenario(), l.resources()).run();
    var j = r.jobs();
    assertEquals(j.submitted(), j.completed() + j.failed() + j.expired() + j.inFlight());
    // 20 requests/s on one H100: only batching can keep up (a lone request takes ~2 s)
    assertTrue(j.throughput() > 19, "throughput " + j.throughput());
    assertTrue(r.timeToFirstToken().mean() < j.latency().mean());
    assertTrue(r.provenanceShares().get("measured") > 0, r.provenanceShares().toString());
  }

  @Test
  void aModelThatFitsNowhereIsAnInputError() {
    InputException e = assertThrows(InputException.class, () -> load(ONE_REQUEST
        .replace("hardware: h100-sxm", "hardware: rtx-4090").replace("llama-3-8b",
            "llama-3-70b")));
    assertTrue(e.getMessage().contains("no node class can run llama-3-70b"), e.getMessage());
    assertTrue(e.getMessage().contains("weights need"), e.getMessage());
  }

  @Test
  void bigModelsGoOnlyWhereTheyFit() throws Exception {
    var l = load("""
        name: fit
        duration: 30m
        nodes:
          - {name: small, count: 5, hardware: rtx-4090}
          - {name: big, count: 2, hardware: h100-sxm, gpus: 4}
        workload:
          - name: small-chat
            kind: inference
            model: llama-3-8b
            arrivals: {process: poisson, rate: 2/s}
            promptTokens: 500
            outputTokens: 100
          - name: big-chat
            kind: inference
            model: llama-3-70b
            arrivals: {process: poisson, rate: 1/s}
            promptTokens: 500
            outputTokens: 100
        """);
    RunResult r = new World(l.scenario(), l.resources()).run();
    assertTrue(r.workloads().get("big-chat").completed() > 1000);
    // the 70B requests can only have run on the H100 servers
    long bigDone = r.nodeClasses().get(1).completed();
    assertTrue(bigDone >= r.workloads().get("big-chat").completed());
  }

  @Test
  void trainingJobsTakeStepsTimesTheStepTime() throws Exception {
    var l = load("""
        name: train
        duration: 2d
        nodes:
          - {name: box, count: 1, hardware: h100-sxm, gpus: 8}
        workload:
          - name: finetune
            kind: training
            model: llama-3-8b
            arrivals: {process: renewal, interarrival: 1d}
            steps: 100
            batchSequences: 8
            sequenceLength: 2048
        """);
    Scenario s = l.scenario();
    RunResult r = new World(s, l.resources()).run();
    assertEquals(1, r.jobs().completed());
    double step = new TrainingCost(kernels.model(), kernels.aiModel("llama-3-8b"), "h100-sxm",
        8).step(8, 2048, 1, 0, 0).seconds();
    assertEquals(100 * step, r.jobs().latency().mean(), 1e-6 * step);
  }
}
