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

  /**
   * A flow over 1 to 5 distinct links, each weight 1 (half the time, so that shares tie) or
   * between 1/4 and 4; a cap of 5 (shared by many, so that caps tie), another cap, or none.
   */
  static Spec randomSpec(SplittableRandom rnd, int links) {
    int[] path = rnd.ints(0, links).distinct().limit(1 + rnd.nextInt(Math.min(5, links)))
        .toArray();
    double[] w = new double[path.length];
    for (int h = 0; h < w.length; h++) {
      w[h] = rnd.nextBoolean() ? 1.0 : Math.pow(2, -2 + 4 * rnd.nextDouble());
    }
    double cap = switch (rnd.nextInt(6)) {
      case 0 -> 5;
      case 1 -> 0.5 + rnd.nextDouble() * 30;
      default -> Double.POSITIVE_INFINITY;
    };
    return new Spec(-1, path, w, cap);
  }

  /** Down (0) now and then, often a round 20 or 40 so that shares tie, else anything to 100. */
  static double randomCapacity(SplittableRandom rnd) {
    int kind = rnd.nextInt(10);
    return kind == 0 ? 0 : kind < 4 ? 20 * (1 + rnd.nextInt(2)) : 1 + rnd.nextDouble() * 99;
  }

  /** A solver and, mirrored outside it, its capacities and live flows. */
  record Instance(MaxMinSolver s, double[] cap, List<Spec> live) {

    /** 2 to 15 links of random capacities, no flows. */
    static Instance random(SplittableRandom rnd) {
      Instance x = new Instance(new MaxMinSolver(), new double[2 + rnd.nextInt(14)],
          new ArrayList<>());
      for (int l = 0; l < x.cap.length; l++) {
        x.cap[l] = randomCapacity(rnd);
        x.s.addLink(x.cap[l]);
      }
      return x;
    }

    /** One random change: a flow added (and attached) or removed, or a capacity set. */
    void change(SplittableRandom rnd) {
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

    double[] rates() {
      return live.stream().mapToDouble(x -> s.rate(x.id())).toArray();
    }
  }

  static double tol(double x) {
    return 1e-9 * Math.abs(x) + 1e-9;
  }

  @Test
  void incrementalExactEqualsAFullSolveAndIsMaxMin() {
    int checks = 0;
    for (int seed = 0; seed < 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Instance x = Instance.random(rnd);
      for (int op = 0; op < 60; op++) {
        x.change(rnd);
        x.s().solveExact();
        String where = "seed " + seed + " op " + op;
        double[] rates = x.rates();
        assertMaxMin(x.cap(), x.live(), rates, where);
        double[] full = fullSolve(x.cap(), x.live());
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
      Instance x = Instance.random(rnd);
      MaxMinSolver s = x.s();
      for (int op = 0; op < 80; op++) {
        x.change(rnd);
        String where = "seed " + seed + " op " + op;
        if (op % 10 == 9) {
          s.invalidateAll();
          s.solveExact();
          s.resyncLoads();
          assertMaxMin(x.cap(), x.live(), x.rates(), where + " (re-anchor)");
          reanchors++;
        } else {
          s.solveLocal();
          assertFeasible(x.cap(), x.live(), x.rates(), where);
        }
        for (int l = 0; l < x.cap().length; l++) {
          assertTrue(s.load(l) <= x.cap()[l] + tol(x.cap()[l]), where + ": ledger of link " + l);
        }
      }
    }
    assertEquals(800, reanchors);
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
