package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ai.Memory;
import dev.weft.kernels.Kernels;
import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.scheduling.Schedulers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request goes only to a node class whose KV cache can hold its prompt and output, and fails
 * only when no class can, at once. Cache sizes come from {@link Memory#maxKvTokens} (the
 * engine's sizing), and request sizes are set around them, so the test follows the catalog.
 */
class KvPlacementTest {
  static long small;
  static long large;

  @TempDir
  Path dir;

  @BeforeAll
  static void sizes() throws Exception {
    Kernels k = Kernels.load();
    small = Memory.maxKvTokens(k.aiModel("llama-3-8b"), k.hardware().get("rtx-4090"), 1);
    large = Memory.maxKvTokens(k.aiModel("llama-3-8b"), k.hardware().get("h100-sxm"), 1);
  }

  /** 4 small-KV RTX 4090s listed before 2 large-KV H100s; short, long and huge requests. */
  String yaml(String policy) {
    return """
        name: kv
        seed: 4
        duration: 20m
        warmup: 0s
        nodes:
          - {name: small, count: 4, hardware: rtx-4090}
          - {name: large, count: 2, hardware: h100-sxm}
        workload:
          - name: short
            kind: inference
            model: llama-3-8b
            arrivals: {process: poisson, rate: 2/s}
            promptTokens: 500
            outputTokens: 100
          - name: long
            kind: inference
            model: llama-3-8b
            arrivals: {process: poisson, rate: 0.05/s}
            promptTokens: LONG
            outputTokens: 100
          - name: huge
            kind: inference
            model: llama-3-8b
            arrivals: {process: poisson, rate: 0.02/s}
            promptTokens: HUGE
            outputTokens: 10
        scheduler: {policy: POLICY}
        """.replace("POLICY", policy).replace("LONG", Long.toString(small + 1 - 100))
        .replace("HUGE", Long.toString(large + 1 - 10));
  }

  @Test
  void requestsGoWhereTheyFitAndFailAtOnceWhereNothingFits() throws Exception {
    assertTrue(small < large, "an H100 holds more KV than an RTX 4090");
    for (String policy : Schedulers.names()) {
      Path f = dir.resolve(policy + ".yaml");
      Files.writeString(f, yaml(policy));
      var l = ScenarioLoader.load(f, List.of());
      World world = new World(l.scenario(), l.resources());
      Map<Long, Double> submittedAt = new HashMap<>();
      Map<String, Integer> startedOnSmall = new HashMap<>();
      List<String> wrong = new ArrayList<>();
      int[] tooLarge = new int[1];
      world.trace((time, event, job, node) -> {
        if (job == null) {
          return;
        }
        String w = l.scenario().workload().get(job.workload()).name();
        switch (event) {
          case SUBMITTED -> submittedAt.put(job.id(), time);
          case STARTED -> {
            if (node < 4) { // ids 0..3 are the RTX 4090s
              startedOnSmall.merge(w, 1, Integer::sum);
            }
          }
          case TOO_LARGE -> {
            tooLarge[0]++;
            if (!w.equals("huge") || node != -1 || time != submittedAt.get(job.id())) {
              wrong.add(policy + ": too-large " + w + " on node " + node + " at " + time);
            }
          }
          case FAILED -> {
            if (!w.equals("huge") || time != submittedAt.get(job.id())) {
              wrong.add(policy + ": " + w + " request " + job.id() + " failed at " + time);
            }
          }
          default -> { }
        }
      });
      RunResult r = world.run();
      assertTrue(wrong.isEmpty(), wrong.size() + " wrong, first: "
          + String.join("; ", wrong.subList(0, Math.min(4, wrong.size()))));
      var longJobs = r.workloads().get("long");
      var huge = r.workloads().get("huge");
      assertEquals(0, longJobs.failed(), policy);
      assertTrue(longJobs.completed() >= 40, policy + ": about 60 long requests in 20 minutes");
      assertEquals(null, startedOnSmall.get("long"), policy + ": a long request on a 4090");
      // the auction lets only nodes with room bid, and an H100 nearly always has room and the
      // least delay at this load, so whether a 4090 ever wins depends on the draw (none at
      // this seed): that short requests may go to the 4090s is AuctionTest's, with bids
      if (!policy.equals("auction")) {
        assertTrue(startedOnSmall.getOrDefault("short", 0) > 0,
            policy + ": short requests still use the 4090s");
      }
      assertEquals(huge.submitted(), huge.failed(), policy);
      assertEquals(huge.failed(), tooLarge[0], policy);
      assertTrue(huge.failed() >= 10, policy + ": about 24 huge requests in 20 minutes");
    }
  }
}
