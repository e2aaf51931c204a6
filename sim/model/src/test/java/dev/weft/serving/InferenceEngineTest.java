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

  static final class Log implements InferenceEngine.Listener {
    final Map<Object, Double> first = new HashMap<>();
    final Map<Object, Double> done = new HashMap<>();

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

  /** Brute force: one step per iteration, exact contexts, the same admission policy. */
  static Map<Object, double[]> reference(ServingLimits lim, IterationCost cost,
      List<double[]> arrivals) {
    Map<Object, double[]> out = new HashMap<>();
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
        }
      }
      t += cost.seconds(new Batch(ps, pt, pctx, decodes, dctx));
      List<int[]> finished = new ArrayList<>();
      for (int[] r : running) {
        if (r[3] < r[1]) {
          r[3] += r[5];
          if (r[3] == r[1]) {
            r[4] = 1;
            out.put(r[0], new double[] {t, Double.NaN});
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
      }
      assertTrue(sim.eventsFired() < 12L * arrivals.size(), "a few events per request, not"
          + " one per token: " + sim.eventsFired());
    }
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
