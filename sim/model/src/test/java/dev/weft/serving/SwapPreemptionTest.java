package dev.weft.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * vLLM-style swap preemption, hand-worked on {@link PreemptionTest}'s case: a KV cache of 30
 * tokens, a and b (10 prompt + 10 output tokens each) at 0, iterations of 10 ms + 0.1 ms per
 * prefill token + 1 ms per decoding sequence.
 *
 * <p>Up to 0.071 nothing differs from recompute: a prefilled to 0.011, b prefilled beside a's
 * decode to 0.023 (b's first token), 4 decodes of both at 12 ms to 0.071, when a holds 15 and
 * b 14 tokens and the next token of each does not fit (29 + 2 > 30). b, the newer, is swapped
 * out: its 14 tokens cross the host link in 14 s (s = seconds per token), done before the model
 * runs, so a's next iteration takes 11 ms + 14 s. b cannot come back while a runs (15 + 14 + 2
 * > 30), so a decodes its last 4 tokens alone and leaves at 0.115 + 14 s. b is then copied
 * back (14 s more, in the iteration that follows) and decodes its remaining 5 tokens at 11 ms
 * each, with no prefill: done at 0.115 + 14 s + 14 s + 0.055 = 0.170 + 28 s. Recomputing
 * instead prefills b's 10 prompt and 5 output tokens again (11.5 ms) and decodes 4 (44 ms):
 * done at 0.1705. Swap wins for b when 28 s < 0.5 ms: s < 17.857 µs per token, i.e. for a
 * token of 131,072 bytes (Llama-3-8B's KV cache in bf16 on one GPU) a host link faster than
 * 131,072 x 28 / 0.0005 = 7.34 GB/s.
 */
class SwapPreemptionTest {
  /** Bytes of one token's KV cache in the crossing above. */
  static final double TOKEN_BYTES = 131_072;
  /** The host link bandwidth at which swap and recompute finish b at the same time. */
  static final double CROSSING = TOKEN_BYTES * 28 / 0.0005;

  /** The test's cost, which also records every prefill batch the engine accounts. */
  static final class Cost implements IterationCost {
    final List<Integer> prefillTokens = new ArrayList<>();

    @Override
    public double seconds(Batch b) {
      return PreemptionTest.COST.seconds(b);
    }

    @Override
    public void account(Batch b, int iterations) {
      if (b.prefillTokens() > 0) {
        prefillTokens.add(b.prefillTokens());
      }
    }
  }

  /** Every event the engine reports, per request. */
  static final class Log extends InferenceEngineTest.Log {
    final List<String> events = new ArrayList<>();
    final Map<Object, List<Double>> intervals = new HashMap<>();

    @Override
    public void preempted(Request r, double time) {
      events.add("recompute " + r.owner() + "@" + Math.round(time * 1e9));
    }

    @Override
    public void swappedOut(Request r, double time, long tokens) {
      events.add("out " + r.owner() + " " + tokens + "@" + Math.round(time * 1e9));
    }

    @Override
    public void swappedIn(Request r, double time, long tokens) {
      events.add("in " + r.owner() + " " + tokens + "@" + Math.round(time * 1e9));
    }

    @Override
    public void tokens(Request r, double first, double interval, int tokens) {
      List<Double> l = intervals.computeIfAbsent(r.owner(), k -> new ArrayList<>());
      l.add(first);
      for (int i = 1; i < tokens; i++) {
        l.add(interval);
      }
    }
  }

  record Run(Log log, Cost cost, InferenceEngine<String> engine) {}

  static Run run(KvPreemption p) {
    Simulator sim = new Simulator();
    Log log = new Log();
    Cost cost = new Cost();
    @SuppressWarnings("unchecked")
    InferenceEngine<String> e = new InferenceEngine<>(sim, new ServingLimits(8, 2048, 30),
        BatchPolicy.DECODE_FIRST_CHUNKED, p, cost, (InferenceEngine.Listener<String>) log);
    e.submit(new Request<>("a", 10, 10));
    e.submit(new Request<>("b", 10, 10));
    sim.run();
    assertEquals(0, e.kvReserved());
    assertEquals(0, e.hostReserved());
    assertTrue(e.idle());
    return new Run(log, cost, e);
  }

  /** Seconds per token over a host link of {@code bytesPerSecond}. */
  static double perToken(double bytesPerSecond) {
    return TOKEN_BYTES / bytesPerSecond;
  }

  @Test
  void newestIsSwappedOutAndBackWithoutPrefill() {
    double s = perToken(25e9);  // PCIe Gen4 x16 as the catalog has it
    Run r = run(KvPreemption.swap(1000, s));
    assertEquals(List.of("out b 14@71000000", "in b 14@" + Math.round((0.115 + 14 * s) * 1e9)),
        r.log.events);
    assertEquals(0.023, r.log.first.get("b"), 1e-12, "the first token is not produced again");
    assertEquals(0.115 + 14 * s, r.log.done.get("a"), 1e-12,
        "the swap-out copy is added to the iteration after it");
    assertEquals(0.170 + 28 * s, r.log.done.get("b"), 1e-12,
        "b ends after a's 4 iterations, two copies and its own 5 decodes");
    assertEquals(List.of(10, 10), r.cost.prefillTokens,
        "a's prefill, then b's beside a's decode; none after the swap");
    List<Double> a = r.log.intervals.get("a");
    List<Double> b = r.log.intervals.get("b");
    assertEquals(9, a.size());
    assertEquals(9, b.size());
    // a's 7th token (first after the swap-out) waited for the copy; the rest one iteration
    assertEquals(0.011 + 14 * s, a.get(5), 1e-12);
    assertEquals(0.011, a.get(6), 1e-12);
    // b's 6th token: 44 ms of a's decodes, both copies and its first decode after its 5th
    assertEquals(0.055 + 28 * s, b.get(4), 1e-12);
    assertEquals(0.011, b.get(5), 1e-12);
  }

  @Test
  void recomputeOnTheSameCasePrefillsAgain() {
    Run r = run(KvPreemption.RECOMPUTE);
    assertEquals(List.of("recompute b@71000000"), r.log.events);
    assertEquals(List.of(10, 10, 15), r.cost.prefillTokens,
        "b's prompt and 5 outputs prefilled again");
    assertEquals(0.115, r.log.done.get("a"), 1e-12);
    assertEquals(0.1705, r.log.done.get("b"), 1e-12);
  }

  /** Swap finishes b first on a host link faster than the crossing, later on a slower one. */
  @Test
  void swapBeatsRecomputeOnlyAboveTheCrossingBandwidth() {
    assertEquals(7.34e9, CROSSING, 0.01e9);
    double recompute = run(KvPreemption.RECOMPUTE).log.done.get("b");
    double fast = run(KvPreemption.swap(1000, perToken(25e9))).log.done.get("b");
    double slow = run(KvPreemption.swap(1000, perToken(5e9))).log.done.get("b");
    double at = run(KvPreemption.swap(1000, perToken(CROSSING))).log.done.get("b");
    assertTrue(fast < recompute, fast + " vs " + recompute);
    assertTrue(slow > recompute, slow + " vs " + recompute);
    assertEquals(recompute, at, 1e-12);
  }

  /**
   * A host swap space of 13 tokens cannot take b's 14: b is recomputed, exactly as under
   * recompute; 14 tokens are enough.
   */
  @Test
  void fullHostMemoryFallsBackToRecompute() {
    Run full = run(KvPreemption.swap(13, perToken(25e9)));
    assertEquals(List.of("recompute b@71000000"), full.log.events);
    assertEquals(List.of(10, 10, 15), full.cost.prefillTokens);
    assertEquals(0.115, full.log.done.get("a"), 1e-12);
    assertEquals(0.1705, full.log.done.get("b"), 1e-12);
    Run room = run(KvPreemption.swap(14, perToken(25e9)));
    assertEquals("out b 14@71000000", room.log.events.get(0));
  }

  /**
   * While b is in host memory, a request arriving later (c, 5 + 2 tokens at 0.08, which the
   * cache could hold beside a) is not admitted: b comes back first, as in vLLM.
   */
  @Test
  void swappedRequestsResumeBeforeNewAdmissions() {
    Simulator sim = new Simulator();
    Log log = new Log();
    double s = perToken(25e9);
    @SuppressWarnings("unchecked")
    InferenceEngine<String> e = new InferenceEngine<>(sim, new ServingLimits(8, 2048, 30),
        BatchPolicy.DECODE_FIRST_CHUNKED, KvPreemption.swap(1000, s), new Cost(),
        (InferenceEngine.Listener<String>) log);
    e.submit(new Request<>("a", 10, 10));
    e.submit(new Request<>("b", 10, 10));
    sim.scheduleAt(0.08, () -> e.submit(new Request<>("c", 5, 2)));
    sim.run();
    double bBack = log.done.get("a");
    assertEquals("in b 14@" + Math.round(bBack * 1e9), log.events.get(1));
    assertTrue(log.first.get("c") > bBack, log.first.get("c") + " vs " + bBack);
    assertEquals(3, log.done.size());
  }

  @Test
  void swapNeedsAPositiveCopyTime() {
    assertThrows(IllegalArgumentException.class, () -> KvPreemption.swap(10, 0));
    assertThrows(IllegalArgumentException.class, () -> KvPreemption.swap(-1, 1e-6));
  }
}
