package dev.weft.maxmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of changes: after each, the incremental exact solve must equal a full solve
 * of the same instance in a fresh solver, and satisfy the max-min conditions checked here from
 * the rates alone; the local solve must stay feasible, and become exact at a re-anchor.
 */
class IncrementalMaxMinTest {

  /** A flow of the test instance, mirrored outside the solver. */
  record Spec(int id, int[] links, double[] weights, double cap) {}

  static Spec randomSpec(SplittableRandom rnd, int links) {
    int hops = 1 + rnd.nextInt(Math.min(4, links));
    int[] path = rnd.ints(0, links).distinct().limit(hops).toArray();
    double[] w = new double[hops];
    for (int h = 0; h < hops; h++) {
      w[h] = rnd.nextInt(3) == 0 ? 0.5 + rnd.nextDouble() * 1.5 : 1.0;
    }
    double cap = rnd.nextInt(5) == 0 ? 1 + rnd.nextDouble() * 40 : Double.POSITIVE_INFINITY;
    return new Spec(-1, path, w, cap);
  }

  static double randomCapacity(SplittableRandom rnd) {
    return rnd.nextInt(12) == 0 ? 0 : rnd.nextInt(3) == 0 ? 10 * (1 + rnd.nextInt(5))
        : 1 + rnd.nextDouble() * 99;
  }

  static double tol(double x) {
    return 1e-9 * Math.abs(x) + 1e-9;
  }

  /** Applies one random change to {@code s} and the mirror {@code live}. */
  static void change(SplittableRandom rnd, MaxMinSolver s, List<Spec> live, double[] cap) {
    int kind = rnd.nextInt(10);
    if (kind < 5 || live.isEmpty()) {
      Spec x = randomSpec(rnd, cap.length);
      int id = s.addFlow(x.links(), x.weights(), x.links().length, x.cap(), rnd.nextLong());
      s.attach(id);
      live.add(new Spec(id, x.links(), x.weights(), x.cap()));
    } else if (kind < 8) {
      s.removeFlow(live.remove(rnd.nextInt(live.size())).id());
    } else {
      int l = rnd.nextInt(cap.length);
      cap[l] = randomCapacity(rnd);
      s.setCapacity(l, cap[l]);
    }
  }

  @Test
  void incrementalExactEqualsAFullSolveAndIsMaxMin() {
    int checks = 0;
    for (int seed = 0; seed < 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      MaxMinSolver s = new MaxMinSolver();
      double[] cap = new double[2 + rnd.nextInt(14)];
      for (int l = 0; l < cap.length; l++) {
        cap[l] = randomCapacity(rnd);
        s.addLink(cap[l]);
      }
      List<Spec> live = new ArrayList<>();
      for (int op = 0; op < 60; op++) {
        change(rnd, s, live, cap);
        s.solveExact();
        String where = "seed " + seed + " op " + op;
        double[] rates = rates(s, live);
        assertMaxMin(cap, live, rates, where);
        double[] full = fullSolve(cap, live);
        for (int i = 0; i < rates.length; i++) {
          assertEquals(full[i], rates[i], tol(full[i]), where + " flow " + i);
        }
        checks++;
      }
    }
    assertTrue(checks >= 12_000);
  }

  @Test
  void localStaysFeasibleAndEachReanchorIsExact() {
    int reanchors = 0;
    for (int seed = 0; seed < 100; seed++) {
      SplittableRandom rnd = new SplittableRandom(1000 + seed);
      MaxMinSolver s = new MaxMinSolver();
      double[] cap = new double[2 + rnd.nextInt(14)];
      for (int l = 0; l < cap.length; l++) {
        cap[l] = randomCapacity(rnd);
        s.addLink(cap[l]);
      }
      List<Spec> live = new ArrayList<>();
      for (int op = 0; op < 80; op++) {
        change(rnd, s, live, cap);
        String where = "seed " + seed + " op " + op;
        if (op % 10 == 9) {
          s.invalidateAll();
          s.solveExact();
          s.resyncLoads();
          assertMaxMin(cap, live, rates(s, live), where + " (re-anchor)");
          reanchors++;
        } else {
          s.solveLocal();
          assertFeasible(cap, live, rates(s, live), where);
        }
        for (int l = 0; l < cap.length; l++) {
          assertTrue(s.load(l) <= cap[l] + tol(cap[l]), where + ": ledger of link " + l);
        }
      }
    }
    assertEquals(800, reanchors);
  }

  static double[] rates(MaxMinSolver s, List<Spec> live) {
    return live.stream().mapToDouble(x -> s.rate(x.id())).toArray();
  }

  /** The same links and flows in a fresh solver, solved once from scratch. */
  static double[] fullSolve(double[] cap, List<Spec> live) {
    MaxMinSolver s = new MaxMinSolver();
    for (double c : cap) {
      s.addLink(c);
    }
    int[] ids = new int[live.size()];
    for (int i = 0; i < ids.length; i++) {
      Spec x = live.get(i);
      ids[i] = s.addFlow(x.links(), x.weights(), x.links().length, x.cap(), i);
      s.attach(ids[i]);
    }
    s.solveFull();
    double[] r = new double[ids.length];
    for (int i = 0; i < ids.length; i++) {
      r[i] = s.rate(ids[i]);
    }
    return r;
  }

  /** Weighted load of each link, summed from the rates. */
  static double[] loads(double[] cap, List<Spec> live, double[] rates) {
    double[] load = new double[cap.length];
    for (int i = 0; i < rates.length; i++) {
      Spec x = live.get(i);
      for (int h = 0; h < x.links().length; h++) {
        load[x.links()[h]] += x.weights()[h] * rates[i];
      }
    }
    return load;
  }

  static void assertFeasible(double[] cap, List<Spec> live, double[] rates, String where) {
    double[] load = loads(cap, live, rates);
    for (int l = 0; l < cap.length; l++) {
      assertTrue(load[l] <= cap[l] + tol(cap[l]), where + ": link " + l + " over capacity");
    }
    for (int i = 0; i < rates.length; i++) {
      assertTrue(rates[i] >= 0 && rates[i] <= live.get(i).cap() + tol(rates[i]),
          where + ": flow " + i + " outside [0, cap]");
    }
  }

  /**
   * Feasible, and every flow either at its cap or crossing a saturated link on which no flow
   * is faster: then no rate can rise without lowering one that is no larger.
   */
  static void assertMaxMin(double[] cap, List<Spec> live, double[] rates, String where) {
    assertFeasible(cap, live, rates, where);
    double[] load = loads(cap, live, rates);
    double[] fastest = new double[cap.length];
    for (int i = 0; i < rates.length; i++) {
      for (int l : live.get(i).links()) {
        fastest[l] = Math.max(fastest[l], rates[i]);
      }
    }
    for (int i = 0; i < rates.length; i++) {
      Spec x = live.get(i);
      boolean held = rates[i] >= x.cap() - tol(x.cap());
      for (int l : x.links()) {
        held |= load[l] >= cap[l] - 1e-7 * Math.max(1, cap[l])
            && rates[i] >= fastest[l] - tol(fastest[l]);
      }
      assertTrue(held, where + ": flow " + i + " at " + rates[i] + " has no bottleneck");
    }
  }
}
