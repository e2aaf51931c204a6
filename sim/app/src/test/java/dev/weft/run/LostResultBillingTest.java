package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result lost on its way home is not billed: the economy prices an execution when its result
 * reaches the submitters, so a job whose output transfer failed and which ran again is paid for
 * once. Counted from the trace: a transfer that fails while the job's attempt has started is a
 * lost result; a completed row is a delivered one.
 */
class LostResultBillingTest {
  @TempDir
  Path dir;

  static final String YAML = """
      name: lost-results
      duration: 4h
      warmup: 0s
      network:
        regions: REGIONS
        faultPolicy: fail
        faults:
          - {kind: partition, regions: [ap-southeast], duration: 2m, interval: 10m}
      nodes:
        - {name: us, count: 10, regions: us-east, link: {up: 1Gbps, down: 1Gbps}}
        - {name: asia, count: 10, regions: ap-southeast, link: {up: 1Gbps, down: 1Gbps}}
      workload:
        - name: jobs
          arrivals: {process: poisson, rate: 0.25/s}
          service: {dist: exponential, mean: 60s}
          origin: us-east
          input: 1kB
          output: 1MB
      scheduler: {policy: least-loaded, retries: 6}
      economics:
        verification: {policy: none}
        fees: {model: fixed, pricePerGpuHour: 2.0}
      """;

  @Test
  void onlyDeliveredResultsArePaidFor() throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, YAML.replace("REGIONS", NetworkRunTest.REGIONS));
    var loaded = ScenarioLoader.load(f, List.of());
    Map<Long, Boolean> running = new HashMap<>();
    long[] delivered = {0};
    long[] lost = {0};
    RunResult r = new World(loaded.scenario(), loaded.resources())
        .trace((time, event, job, node) -> {
          if (job == null) {
            return;
          }
          switch (event) {
            case STARTED -> running.put(job.id(), true);
            case TRANSFER_FAILED -> {
              if (running.getOrDefault(job.id(), false)) {
                lost[0]++; // the output transfer: the attempt had run
              }
              running.put(job.id(), false);
            }
            case COMPLETED -> {
              delivered[0]++;
              running.put(job.id(), false);
            }
            default -> running.put(job.id(), running.getOrDefault(job.id(), false)
                && event != TraceEvent.INTERRUPTED && event != TraceEvent.FAILED
                && event != TraceEvent.EXPIRED && event != TraceEvent.QUEUED);
          }
        }).run();
    var jobs = r.economics().jobs();
    assertTrue(lost[0] > 20, "the partition must cut results off on their way home: "
        + lost[0]);
    assertEquals(r.jobs().completed(), delivered[0], "warm-up 0: every delivery counts");
    // fees charged: one priced execution per delivered result, none for a lost one
    assertEquals(delivered[0], jobs.completed(), "priced executions");
    assertEquals(delivered[0], jobs.paid(), "without verification every priced job is paid");
    // a lost result is work done and not paid for, as a failed execution is
    assertEquals(lost[0], jobs.failed(), "unpaid executions");
  }
}
