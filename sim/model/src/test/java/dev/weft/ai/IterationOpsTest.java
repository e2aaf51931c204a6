package dev.weft.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.hardware.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KV-cache write op, and an iteration's time taken apart op by op. */
class IterationOpsTest {
  private static final AiModel LLAMA = AiWorkloadTest.LLAMA_8B;

  /**
   * Spec roofline (no tables) of Llama-3-8B on the H100 fixture: a decode batch of 256
   * sequences writes 256 x 2 (K, V) x 8 KV heads x 128 x 2 bytes = 1,048,576 bytes per layer,
   * read and written once: 2,097,152 bytes at 3.35 TB/s = 0.626 us, plus the 3 us launch.
   */
  @Test
  void kvWriteIsMemoryBoundAndItsShareIsSmall() {
    InferenceCost c = new InferenceCost(AiWorkloadTest.SPEC, LLAMA, "h100-sxm", 1);
    assertEquals(1_048_576, c.kvWriteBytes(256));
    Batch b = new Batch();
    for (int i = 0; i < 256; i++) {
      b.decode(1000);
    }
    Step kv = c.steps(b).stream().filter(s -> s.name().equals("kv_cache_write")).findFirst()
        .orElseThrow();
    double perLayer = 3e-6 + 2_097_152 / 3.35e12;
    assertEquals(perLayer, kv.seconds() / 32, 1e-12);
    // its share of a decode iteration: 32 x 3.63 us = 116 us, next to attention reading
    // 256 x 1,000 cached tokens x 128 KiB = 33.6 GB (10 ms at 3.35 TB/s) and 16 GB of
    // weights (4.8 ms): about 116 us / 15 ms = 0.8 %; between 0.5 % and 1.5 %
    double share = kv.seconds() / c.seconds(b);
    assertTrue(share > 0.005 && share < 0.015, "share " + share);
  }

  /**
   * A request alone (512-token prompt in chunks of 256, then 127 decodes): the time of each
   * iteration is the sum of its ops, and the ops summed over all iterations give back the
   * request's time (up to the order of floating-point additions).
   */
  @Test
  void isolatedRequestDecomposesPerOpExactly() {
    InferenceCost c = new InferenceCost(AiWorkloadTest.SPEC, LLAMA, "h100-sxm", 1);
    Map<String, Double> byOp = new LinkedHashMap<>();
    double iterations = 0;
    Batch b = new Batch();
    for (int done = 0; done < 512; done += 256) {
      iterations += add(c, b.clear().prefill(256, done), byOp);
    }
    for (int i = 1; i < 128; i++) {
      iterations += add(c, b.clear().decode(512 + i - 1), byOp);
    }
    double ops = byOp.values().stream().mapToDouble(Double::doubleValue).sum();
    double request = c.requestSeconds(512, 128, 256);
    assertEquals(request, iterations, 1e-12 * request);
    assertEquals(request, ops, 1e-12 * request);
    assertTrue(byOp.containsKey("kv_cache_write") && byOp.containsKey("attention_decode")
        && byOp.containsKey("lm_head"), byOp.keySet().toString());
  }

  private static double add(InferenceCost c, Batch b, Map<String, Double> byOp) {
    List<Step> steps = c.steps(b);
    double sum = 0;
    for (Step s : steps) {
      byOp.merge(s.name(), s.seconds(), Double::sum);
      sum += s.seconds();
    }
    assertEquals(c.seconds(b), sum, 1e-12 * sum, "iteration = sum of its ops");
    return sum;
  }
}
