package dev.weft.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.scenario.load.ScenarioLoader;
import dev.weft.workload.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure of a run counts the same window, warm-up to end: counts reported in the result
 * equal the trace rows after warm-up (the count taken another way).
 */
class StatisticsWindowTest {
  @TempDir
  Path dir;

  static final double WARMUP = 100;

  @Test
  void coldStartsCountOnlyAfterWarmUp() throws Exception {
    // four nodes go cold for llama-3-8b at t = 0 (in the warm-up), and for mistral-7b from
    // t = 300 (after it; a trace replays from its first row, so these arrive by renewal):
    // only the second lot is in the window
    Files.writeString(dir.resolve("early.csv"),
        "TIMESTAMP,ContextTokens,GeneratedTokens\n" + "0,100,10\n".repeat(4));
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, """
        name: window
        duration: 2000s
        warmup: 100s
        network: {regions: REGIONS}
        nodes:
          - {name: n, count: 4, hardware: rtx-4090, regions: eu-west, modelCache: 64GB,
             link: {up: 1Gbps, down: 10Gbps}}
        workload:
          - {name: early, kind: inference, model: llama-3-8b, origin: eu-west,
             arrivals: {process: trace, file: early.csv}}
          - {name: late, kind: inference, model: mistral-7b, origin: eu-west,
             arrivals: {process: renewal, interarrival: 300s}, promptTokens: 100,
             outputTokens: 10}
        scheduler: {policy: round-robin}
        """.replace("REGIONS", NetworkRunTest.REGIONS));
    ScenarioLoader.Loaded l = ScenarioLoader.load(f, List.of());
    long[] rows = new long[2]; // weights-download rows: in the warm-up, after it
    RunResult r = new World(l.scenario(), l.resources())
        .trace((double t, TraceEvent e, Job job, int node) -> {
          if (e == TraceEvent.WEIGHTS_DOWNLOAD) {
            rows[t < WARMUP ? 0 : 1]++;
          }
        }).run();
    assertTrue(rows[0] > 0 && rows[1] > 0, "cold starts on both sides of the warm-up: "
        + rows[0] + ", " + rows[1]);
    assertEquals(rows[1], r.network().coldStarts());
  }
}
