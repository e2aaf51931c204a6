package dev.weft.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vLLM-style recompute preemption when the KV cache runs out. */
class PreemptionTest {
  static final IterationCost COST = b -> 0.010 + 1e-4 * b.prefillTokens()
      + 0.001 * b.decodeSeqs();

  static final class Log extends TokenIntervalsTest.Intervals {
    final List<Object> preempted = new ArrayList<>();

    @Override
    public void preempted(Request r, double time) {
      preempted.add(r.owner() + "@" + Math.round(time * 1e6));
    }
  }

  /**
   * Hand-worked: a cache of 30 tokens, a and b (10 prompt + 10 output tokens each) at 0. a
   * starts alone (b arrives during its first iteration): prefill 10 + 1 ms, to 0.011. Then b
   * (holding 10) is prefilled while a decodes: 10 + 1 + 1 ms, to 0.023 (a 2 tokens, holding
   * 11; b 1). Decoding: 9 tokens free, two sequences: 4 iterations at 12 ms, to 0.071 (a 6
   * tokens holding 15, b 5 holding 14: 29, no room for two more). b, the newer, is preempted;
   * a decodes its last 4 alone at 11 ms, to 0.115, leaving. b is readmitted holding 15
   * (prompt and its 5 outputs), prefilled again in 10 + 1.5 ms (its 6th token, 55.5 ms after
   * its 5th), then 4 decodes at 11 ms: 0.1705. Without preemption (a full reservation of 20
   * each), b waits for a and ends at 0.220.
   */
  @Test
  void newestIsPreemptedAndRecomputed() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 30),
        BatchPolicy.DECODE_FIRST_CHUNKED, true, COST, log);
    e.submit(new Request("a", 10, 10));
    e.submit(new Request("b", 10, 10));
    sim.run();
    assertEquals(List.of("b@71000"), log.preempted);
    assertEquals(0.115, log.done.get("a"), 1e-12);
    assertEquals(0.1705, log.done.get("b"), 1e-12);
    assertEquals(0.023, log.first.get("b"), 1e-12, "the first token is not recomputed");
    assertTrue(log.values.stream().anyMatch(v -> Math.abs(v - 0.0555) < 1e-12),
        log.values.toString());
    assertEquals(9 + 9, log.values.size(), "output - 1 intervals each, preemption or not");
    assertEquals(0, e.kvReserved());

    Simulator plain = new Simulator();
    Log full = new Log();
    InferenceEngine f = new InferenceEngine(plain, new ServingLimits(8, 2048, 30), COST, full);
    f.submit(new Request("a", 10, 10));
    f.submit(new Request("b", 10, 10));
    plain.run();
    assertEquals(0.110, full.done.get("a"), 1e-12);
    assertEquals(0.220, full.done.get("b"), 1e-12);
    assertTrue(full.preempted.isEmpty());
  }
}
