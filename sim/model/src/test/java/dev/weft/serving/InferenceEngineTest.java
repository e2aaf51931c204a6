package dev.weft.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InferenceEngineTest {

  /** A cost linear in everything, so phase stepping must match iteration stepping exactly. */
  static final IterationCost LINEAR = b -> 0.010 + 2e-5 * b.prefillTokens()
      + 1e-8 * b.prefillContext() + 1e-4 * b.decodeSeqs() + 2e-8 * b.decodeContext();

  static class Log implements InferenceEngine.Listener {
    final Map<Object, Double> scheduled = new HashMap<>();
    final Map<Object, Double> first = new HashMap<>();
    final Map<Object, Double> done = new HashMap<>();
    InferenceEngine engine; // set to integrate its occupancy
    double occupancyArea;
    double lastChange;
    double occupancy;

    @Override
    public void scheduled(Request r, double time) {
      if (scheduled.put(r.owner(), time) != null) {
        throw new AssertionError("scheduled twice: " + r.owner());
      }
    }

    @Override
    public void occupancyChanged(double time) {
      if (engine != null) {
        occupancyArea += (time - lastChange) * occupancy;
        lastChange = time;
        occupancy = engine.occupancy();
      }
    }

    @Override
    public void firstToken(Request r, double time) {
      first.put(r.owner(), time);
    }

    @Override
    public void finished(Request r, double time) {
      done.put(r.owner(), time);
    }
  }

  @Test
  void aLoneRequestIsOnePrefillThenDecodes() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 100_000),
        b -> 0.01 + 1e-5 * b.prefillTokens() + 0.002 * b.decodeSeqs(), log);
    sim.scheduleAt(1.0, () -> e.submit(new Request("r", 800, 100)));
    sim.run();
    double ttft = 0.01 + 800e-5;
    assertEquals(1.0 + ttft, log.first.get("r"), 1e-12);
    assertEquals(1.0 + ttft + 99 * 0.012, log.done.get("r"), 1e-9);
    assertEquals(100, e.iterations());
    assertTrue(e.idle());
  }

  @Test
  void longPromptsArePrefilledInChunks() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 100_000),
        b -> 0.01 + 1e-5 * b.prefillTokens() + 0.002 * b.decodeSeqs(), log);
    e.submit(new Request("r", 5000, 1));
    sim.run();
    double expected = 3 * 0.01 + 5000e-5; // chunks 2048 + 2048 + 904
    assertEquals(expected, log.first.get("r"), 1e-12);
    assertEquals(expected, log.done.get("r"), 1e-12, "one output token ends with the prefill");
  }

  @Test
  void kvCacheLimitsAdmissionFirstComeFirstServed() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 4096, 1000), LINEAR, log);
    e.submit(new Request("a", 500, 300)); // 800 reserved
    e.submit(new Request("b", 100, 150)); // 250: does not fit next to a
    e.submit(new Request("c", 10, 10));   // fits, but may not overtake b
    sim.run();
    assertTrue(log.first.get("b") >= log.done.get("a"));
    assertTrue(log.first.get("c") >= log.done.get("a"));
    assertThrows(IllegalArgumentException.class, () -> e.submit(new Request("x", 900, 200)));
  }

  @Test
  void batchSizeIsCapped() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(2, 4096, 100_000), LINEAR,
        log);
    for (int i = 0; i < 3; i++) {
      e.submit(new Request(i, 10, 50));
    }
    sim.runUntil(0.05);
    assertEquals(2, e.running());
    assertEquals(1, e.waiting());
    sim.run();
    assertTrue(log.first.get(2) >= Math.min(log.done.get(0), log.done.get(1)));
  }

  /**
   * Brute force: one step per iteration, exact contexts, the same admission policy. Per
   * request {first token, finished, first iteration with a chunk of it}; under key "area" the
   * integral of max(sequences / maxSeqs, reserved KV / kvTokens) over time.
   */
  static Map<Object, double[]> reference(ServingLimits lim, IterationCost cost,
      List<double[]> arrivals) {
    Map<Object, double[]> out = new HashMap<>();
    Map<Integer, Double> scheduled = new HashMap<>();
    double area = 0;
    List<int[]> waiting = new ArrayList<>(); // id, prompt, output
    List<int[]> running = new ArrayList<>(); // id, prompt, output, prefilled, generated, chunk
    int next = 0;
    double t = 0;
    long kv = 0;
    while (next < arrivals.size() || !waiting.isEmpty() || !running.isEmpty()) {
      if (running.isEmpty() && waiting.isEmpty()) {
        t = Math.max(t, arrivals.get(next)[0]);
      }
      while (next < arrivals.size() && arrivals.get(next)[0] <= t) {
        double[] a = arrivals.get(next);
        waiting.add(new int[] {next, (int) a[1], (int) a[2]});
        next++;
      }
      while (!waiting.isEmpty() && running.size() < lim.maxSeqs()
          && kv + waiting.get(0)[1] + waiting.get(0)[2] <= lim.kvTokens()) {
        int[] w = waiting.remove(0);
        kv += w[1] + w[2];
        running.add(new int[] {w[0], w[1], w[2], 0, 0, 0});
      }
      int decodes = 0;
      double dctx = 0;
      for (int[] r : running) {
        if (r[3] == r[1]) {
          decodes++;
          dctx += r[3] + r[4];
        }
      }
      int budget = lim.maxBatchedTokens() - decodes;
      int ps = 0;
      int pt = 0;
      double pctx = 0;
      for (int[] r : running) {
        r[5] = 0;
        if (r[3] < r[1] && budget > 0) {
          r[5] = Math.min(budget, r[1] - r[3]);
          budget -= r[5];
          ps++;
          pt += r[5];
          pctx += r[3];
          scheduled.putIfAbsent(r[0], t);
        }
      }
      double dt = cost.seconds(new Batch(ps, pt, pctx, decodes, dctx));
      area += dt * Math.max(running.size() / (double) lim.maxSeqs(),
          kv / (double) lim.kvTokens());
      t += dt;
      List<int[]> finished = new ArrayList<>();
      for (int[] r : running) {
        if (r[3] < r[1]) {
          r[3] += r[5];
          if (r[3] == r[1]) {
            r[4] = 1;
            out.put(r[0], new double[] {t, Double.NaN, scheduled.get(r[0])});
          }
        } else {
          r[4]++;
        }
        if (r[3] == r[1] && r[4] >= r[2]) {
          finished.add(r);
          out.get(r[0])[1] = t;
        }
      }
      for (int[] r : finished) {
        running.remove(r);
        kv -= r[1] + r[2];
      }
    }
    out.put("area", new double[] {area});
    return out;
  }

  @Test
  void phaseSteppingMatchesIterationSteppingUnderLinearCost() {
    for (int seed = 1; seed <= 20; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      ServingLimits lim = new ServingLimits(1 + rnd.nextInt(16), 256 + rnd.nextInt(4096),
          3000 + rnd.nextInt(20_000));
      List<double[]> arrivals = new ArrayList<>();
      double t = 0;
      for (int i = 0; i < 300; i++) {
        t += -Math.log(1 - rnd.nextDouble()) * 0.3;
        int prompt = 1 + rnd.nextInt(2000);
        int output = 1 + rnd.nextInt(400);
        if (prompt + output > lim.kvTokens()) {
          continue;
        }
        arrivals.add(new double[] {t, prompt, output});
      }
      Map<Object, double[]> ref = reference(lim, LINEAR, arrivals);
      Simulator sim = new Simulator();
      Log log = new Log();
      InferenceEngine e = new InferenceEngine(sim, lim, LINEAR, log);
      log.engine = e;
      for (int i = 0; i < arrivals.size(); i++) {
        double[] a = arrivals.get(i);
        int id = i;
        sim.scheduleAt(a[0], () -> e.submit(new Request(id, (int) a[1], (int) a[2])));
      }
      sim.run();
      assertEquals(arrivals.size(), log.done.size());
      for (int i = 0; i < arrivals.size(); i++) {
        assertEquals(ref.get(i)[0], log.first.get(i), 1e-6, "seed " + seed + " ttft " + i);
        assertEquals(ref.get(i)[1], log.done.get(i), 1e-6, "seed " + seed + " done " + i);
        assertEquals(ref.get(i)[2], log.scheduled.get(i), 1e-6,
            "seed " + seed + " first iteration of " + i);
      }
      // the time-weighted occupancy the owner integrates from the callbacks is the brute
      // force's, iteration by iteration
      double area = ref.get("area")[0];
      assertEquals(area, log.occupancyArea, 1e-6 * Math.max(1, area), "seed " + seed);
      assertEquals(0, e.occupancy(), 0, "idle at the end");
      assertTrue(sim.eventsFired() < 12L * arrivals.size(), "a few events per request, not"
          + " one per token: " + sim.eventsFired());
    }
  }

  /** 10 ms per iteration, 0.1 ms per prompt token, 1 ms per decoding sequence. */
  static final IterationCost STEP = b -> 0.01 + 1e-4 * b.prefillTokens()
      + 1e-3 * b.decodeSeqs();

  /**
   * Two requests at time 0 under a budget of 100 tokens: the first one's 100-token prompt
   * fills the first iteration, so the second (50 tokens) is first included in the second
   * iteration. Its wait is the first iteration's duration: 0.01 + 1e-4 * 100 = 0.02 s under the
   * cost below; the first request waits nothing.
   */
  @Test
  void theSecondRequestWaitsForTheFirstIteration() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 100, 10_000), STEP, log);
    e.submit(new Request("a", 100, 5));
    e.submit(new Request("b", 50, 5));
    sim.run();
    assertEquals(0.0, log.scheduled.get("a"), 0);
    double first = 0.01 + 1e-4 * 100;
    assertEquals(first, log.scheduled.get("b"), 1e-12, "b waits for iteration 1");
    // b's prefill shares iteration 2 with a's first decode: 0.01 + 1e-4 * 50 + 1e-3
    assertEquals(first + 0.016, log.first.get("b"), 1e-12);
  }

  /**
   * Admission is not service: b is admitted beside a at the end of x's prefill, but a's
   * prompt takes the whole budget of that iteration, so b's first chunk comes one iteration
   * later. Budget 101 = 1 decode (x) + 100 prompt tokens (a).
   */
  @Test
  void anAdmittedRequestStarvedOfBudgetIsStillWaiting() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 101, 10_000), STEP, log);
    e.submit(new Request("x", 10, 2));
    e.submit(new Request("a", 100, 5)); // both arrive during x's prefill: admitted after it
    e.submit(new Request("b", 50, 5));
    sim.runUntil(0.0111);
    assertEquals(3, e.running(), "a and b were admitted at the end of x's prefill");
    sim.run();
    double t1 = 0.01 + 1e-4 * 10;             // x's prefill
    double t2 = t1 + 0.01 + 1e-4 * 100 + 1e-3; // a's whole prompt beside x's decode
    assertEquals(t1, log.scheduled.get("a"), 1e-12);
    assertEquals(t2, log.scheduled.get("b"), 1e-12, "b waits for a's prefill iteration");
  }

  /** Sequences against maxSeqs and reserved KV against the cache, whichever is larger. */
  @Test
  void occupancyIsTheBindingShare() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(4, 2048, 1000), LINEAR, log);
    e.submit(new Request("a", 100, 100)); // 1 of 4 sequences, 200 of 1000 KV tokens
    assertEquals(0.25, e.occupancy(), 1e-15);
    e.submit(new Request("b", 10, 100)); // admitted at the next boundary
    sim.runUntil(0.5);
    assertEquals(2, e.running());
    assertEquals(0.5, e.occupancy(), 1e-15, "2 of 4 sequences beat 310 of 1000 tokens");
    e.submit(new Request("c", 400, 200));
    sim.runUntil(0.6);
    assertEquals(3, e.running());
    assertEquals(0.91, e.occupancy(), 1e-15, "910 of 1000 KV tokens beat 3 of 4 sequences");
    sim.run();
    assertEquals(0, e.occupancy(), 0);
  }

  @Test
  void removalFreesTheCacheAndKeepsOthersGoing() {
    Simulator sim = new Simulator();
    Log log = new Log();
    InferenceEngine e = new InferenceEngine(sim, new ServingLimits(8, 2048, 1000), LINEAR, log);
    Request a = new Request("a", 100, 800);
    Request b = new Request("b", 100, 100);
    e.submit(a);
    e.submit(b);
    sim.scheduleAt(0.5, () -> assertTrue(e.remove(a)));
    sim.run();
    assertTrue(log.done.containsKey("b"));
    assertTrue(!log.done.containsKey("a"));
    assertTrue(e.idle());
    assertTrue(!e.remove(a));
  }
}
