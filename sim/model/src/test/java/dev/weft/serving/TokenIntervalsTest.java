package dev.weft.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time between tokens as the engine reports it, and the histogram that summarises it. */
class TokenIntervalsTest {

  /** Records every token interval, one value per token. */
  static class Intervals extends InferenceEngineTest.Log {
    final List<Double> values = new ArrayList<>();

    @Override
    public void tokens(Request r, double first, double interval, int tokens) {
      values.add(first);
      for (int i = 1; i < tokens; i++) {
        values.add(interval);
      }
    }
  }

  /**
   * Hand-worked: "a" (prompt 100, output 4) at 0, "b" (prompt 100, output 3) at 0.05, cost
   * 10 ms + 1 ms per decoding sequence + 0.1 ms per prefill token. Iterations: [0, 0.02) a's
   * prefill; then a decodes at 11 ms per iteration until b arrives mid-iteration, the
   * iteration in flight ends at 0.031 + 0.011 = 0.042 < 0.05, one more to 0.053; b's prefill
   * with a decoding: 10 + 1 + 10 = 21 ms, to 0.074, which gives a its last token (a had
   * tokens at 0.02, 0.031, 0.042, 0.053: that was its 4th, so a left at 0.053 and b's prefill
   * runs alone: 20 ms, to 0.073); b then decodes twice at 11 ms. Intervals: a 11, 11, 11 ms;
   * b 11, 11 ms.
   */
  @Test
  void intervalsAreTheIterationsBetweenTokens() {
    Simulator sim = new Simulator();
    Intervals log = new Intervals();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 100_000),
        b -> 0.010 + 0.001 * b.decodeSeqs() + 1e-4 * b.prefillTokens(), log);
    e.submit(new Request("a", 100, 4));
    sim.scheduleAt(0.05, () -> e.submit(new Request("b", 100, 3)));
    sim.run();
    assertEquals(5, log.values.size());
    for (double v : log.values) {
      assertEquals(0.011, v, 1e-12);
    }
    assertEquals(0.053, log.done.get("a"), 1e-12);
    assertEquals(0.053 + 0.020 + 0.022, log.done.get("b"), 1e-12);
  }

  /** Decodes sharing iterations with a prefill get the prefill iteration as their interval. */
  @Test
  void aPrefillIterationIsTheDecodersInterval() {
    Simulator sim = new Simulator();
    Intervals log = new Intervals();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 100_000),
        b -> 0.010 + 0.001 * b.decodeSeqs() + 1e-4 * b.prefillTokens(), log);
    e.submit(new Request("a", 100, 10));
    sim.scheduleAt(0.021, () -> e.submit(new Request("b", 500, 2)));
    sim.run();
    // a: prefill to 0.020, decode 0.020-0.031 (b arrives in flight), then b's prefill with a
    // decoding: 10 + 1 + 50 = 61 ms, then both decode at 12 ms
    assertEquals(0.011, log.values.get(0), 1e-12);
    assertEquals(0.061, log.values.get(1), 1e-12);
    // then both decode at 12 ms: a's next interval, then b's only one (its first token came
    // with its prefill, which is no interval); a's remaining 7 follow
    assertEquals(0.012, log.values.get(2), 1e-12);
    assertEquals(0.012, log.values.get(3), 1e-12);
    assertEquals(9 + 1, log.values.size(), "output - 1 intervals per request");
  }

  /**
   * vLLM's prefill-first mode, same case: b's prompt is prefilled alone while a waits (10 + 50
   * ms, from 0.031 to 0.091), so b's first token comes 1 ms sooner than under Sarathi (where a
   * decodes in that iteration: 61 ms) and a's second interval spans the pause and its next
   * iteration: 0.091 + 0.012 - 0.031 = 72 ms.
   */
  @Test
  void prefillFirstPausesTheDecodes() {
    Simulator sim = new Simulator();
    Intervals log = new Intervals();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 100_000),
        BatchPolicy.PREFILL_FIRST, false, b -> 0.010 + 0.001 * b.decodeSeqs()
        + 1e-4 * b.prefillTokens(), log);
    e.submit(new Request("a", 100, 10));
    sim.scheduleAt(0.021, () -> e.submit(new Request("b", 500, 2)));
    sim.run();
    assertEquals(0.091, log.first.get("b"), 1e-12);
    assertEquals(0.011, log.values.get(0), 1e-12);
    assertEquals(0.072, log.values.get(1), 1e-12);
    assertEquals(0.012, log.values.get(2), 1e-12);
    assertEquals(9 + 1, log.values.size());
    // a: tokens at 0.020, 0.031, then 8 more from 0.091 at 12 ms while b decodes once, then
    // alone at 11 ms: 0.091 + 0.012 (both) + 7 x 0.011
    assertEquals(0.091 + 0.012 + 7 * 0.011, log.done.get("a"), 1e-12);
  }

  /** A prompt longer than the budget is prefilled alone, in budget-sized parts. */
  @Test
  void prefillFirstChunksOnlyAnOversizedPromptAlone() {
    Simulator sim = new Simulator();
    Intervals log = new Intervals();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 1000, 100_000),
        BatchPolicy.PREFILL_FIRST, false, b -> 0.010 + 1e-4 * b.prefillTokens()
        + 0.001 * b.decodeSeqs(), log);
    e.submit(new Request("big", 1500, 1));
    e.submit(new Request("small", 600, 1));
    sim.run();
    // iteration 1: big 1000 (small's 600 does not fit beside it and is not split);
    // iteration 2: big's last 500 (small still does not fit the 500 left); iteration 3: small
    // (10 ms + 0.1 ms per prompt token each)
    assertEquals(0.110 + 0.060, log.first.get("big"), 1e-12);
    assertEquals(0.110 + 0.060 + 0.070, log.first.get("small"), 1e-12);
  }

  /** The histogram's quantiles against exact type-1 quantiles of the same values. */
  @Test
  void histogramQuantilesWithinItsBinWidth() {
    IntervalHistogram h = new IntervalHistogram();
    double[] v = new double[10_000];
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.exp(rnd.nextGaussian() - 4);
      h.add(v[i], 1);
    }
    Arrays.sort(v);
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      double exact = v[(int) Math.ceil(p * v.length) - 1];
      assertEquals(exact, h.quantile(p), exact * 0.0024, "p" + p);
    }
    assertEquals(Arrays.stream(v).average().orElseThrow(), h.mean(), 1e-12);
    h.add(0.5, 10_000);  // weights count like repeated values
    assertEquals(0.5, h.quantile(0.51), 0.5 * 0.0024);
  }
}
