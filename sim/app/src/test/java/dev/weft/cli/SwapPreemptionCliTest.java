package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swap preemption as a user meets it: the shipped scenarios/kv-pressure.yaml (10 simulated minutes, a third of a second), its
 * counts checked against the trace and against bounds from the request sizes, the host-full
 * fallback against a recompute run, and the input errors.
 */
class SwapPreemptionCliTest {
  static final String SCENARIO = "../../scenarios/kv-pressure.yaml";
  /** Llama-3-8B's KV cache per token on one GPU: 2 x 32 layers x 8 heads x 128 x 2 bytes. */
  static final long TOKEN_BYTES = 2L * 32 * 8 * 128 * 2;

  @TempDir
  static Path dir;
  static Path swap;
  static JsonNode summary;

  static JsonNode run(String name, String... sets) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("run", SCENARIO, "--out",
        out.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    CliTest.Result r = CliTest.weft(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return CliTest.JSON.readTree(out.resolve("summary.json").toFile());
  }

  @BeforeAll
  static void runOnce() throws Exception {
    summary = run("swap", "outputs.trace=true");
    swap = dir.resolve("swap");
  }

  /** Swaps out and in, counted from trace.csv for the requests submitted after warm-up. */
  @Test
  void countsAreTheTraceEvents() throws Exception {
    Map<String, Double> submitted = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    double warmup = summary.at("/simulated/warmup").asDouble();
    for (String[] r : CliTest.csvRows(swap.resolve("trace.csv"))) {
      if (r[1].equals("submitted")) {
        submitted.put(r[2], Double.parseDouble(r[0]));
      } else if (submitted.containsKey(r[2]) && submitted.get(r[2]) >= warmup) {
        counts.merge(r[1], 1, Integer::sum);
      }
    }
    JsonNode s = summary.get("serving");
    assertTrue(s.get("swapOuts").asLong() > 50, s.toString());  // the scenario is KV-bound
    assertEquals(counts.getOrDefault("swapped-out", 0), s.get("swapOuts").asInt());
    assertEquals(counts.getOrDefault("swapped-in", 0), s.get("swapIns").asInt());
    assertEquals(counts.getOrDefault("preempted", 0), s.get("preemptions").asInt());
    assertEquals(0, s.get("preemptions").asInt(), "4 GiB of host memory never fills here");
    JsonNode c = s.at("/preemptionsByClass/rtx4090");
    for (String k : List.of("preemptions", "swapOuts", "swapIns", "bytesSwappedOut",
        "bytesSwappedIn")) {
      assertEquals(s.get(k).asLong(), c.get(k).asLong(), k + ": the only class is the total");
    }
  }

  /**
   * A swapped request holds at least its 512 prompt tokens and fewer than its 1,536 prompt and
   * output tokens, and bytes come in whole tokens of 131,072 bytes.
   */
  @Test
  void bytesAreWholeTokensWithinTheRequestSizes() {
    JsonNode s = summary.get("serving");
    long out = s.get("bytesSwappedOut").asLong();
    long in = s.get("bytesSwappedIn").asLong();
    long n = s.get("swapOuts").asLong();
    assertEquals(0, out % TOKEN_BYTES);
    assertEquals(0, in % TOKEN_BYTES);
    assertTrue(out >= n * 512 * TOKEN_BYTES && out < n * 1536 * TOKEN_BYTES, out + " for " + n);
    assertTrue(in <= out && s.get("swapIns").asLong() <= n, s.toString());
  }

  @Test
  void reportShowsThePreemptionTable() throws Exception {
    String md = Files.readString(swap.resolve("report.md"));
    JsonNode s = summary.get("serving");
    assertTrue(md.contains("## KV-cache preemption"), md);
    assertTrue(md.contains("| rtx4090 | 0 | " + s.get("swapOuts").asLong() + " / "
        + s.get("swapIns").asLong() + " | "), md);
  }

  /**
   * With no host swap space every preemption falls back to recompute: the run is the recompute
   * run, figure for figure; with 4 GiB, swapping serves more requests in the same time.
   */
  @Test
  void noSwapSpaceIsRecompute() throws Exception {
    JsonNode full = run("full", "nodes[0].serving.swapSpace=0");
    JsonNode recompute = run("recompute", "nodes[0].serving.preemption=recompute",
        "nodes[0].serving.swapSpace=4GiB");
    assertEquals(recompute.get("jobs"), full.get("jobs"));
    assertEquals(recompute.get("serving"), full.get("serving"));
    assertTrue(full.at("/serving/preemptions").asLong() > 0);
    assertEquals(0, full.at("/serving/swapOuts").asLong());
    assertTrue(summary.at("/jobs/completed").asLong() > full.at("/jobs/completed").asLong(),
        summary.at("/jobs/completed") + " vs " + full.at("/jobs/completed"));
  }

  /** A one-minute inference scenario named {@code name} whose node classes are {@code nodes}. */
  static Path scenario(String name, String nodes) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, "name: " + name + "\nduration: 1m\nnodes:\n" + nodes + """
        workload:
          - name: w
            kind: inference
            model: llama-3-8b
            arrivals: {process: poisson, rate: 1/s}
            promptTokens: {dist: constant, value: 100}
            outputTokens: {dist: constant, value: 100}
        """);
    return f;
  }

  @Test
  void swapWithoutAHostLinkIsAnInputError() throws Exception {
    Path bad = scenario("nolink", """
          - name: cpu
            count: 1
            hardware: cpu-epyc-9654
            serving:
              preemption: swap
        """);
    Path out = dir.resolve("never");
    CliTest.Result r = CliTest.weft("run", bad.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertFalse(Files.exists(out));
    assertTrue(r.err().contains("nolink.yaml:8:19: preemption: swap copies KV caches over the"
        + " GPU's host link, and hardware cpu-epyc-9654 of class 'cpu' has no"
        + " hostLink.bandwidthGBps"), r.err());
  }

  @Test
  void swapSpaceWithoutSwapIsAnInputError() throws Exception {
    Path bad = scenario("space", """
          - name: gpu
            count: 1
            hardware: rtx-4090
            serving: {preemption: recompute, swapSpace: 8GiB}
        """);
    CliTest.Result r = CliTest.weft("validate", bad.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("space.yaml:7:49: swapSpace is the host memory of"
        + " preemption: swap; class 'gpu' has preemption: recompute"), r.err());
  }
}
