package dev.weft.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The incremental re-solve must give the allocation a full recomputation gives: checked after
 * every change of many random instances against an independent reference, and over simulated
 * time against the same network with incremental solving switched off.
 */
class IncrementalSolverTest {

  /** A random flow: 1 to 4 distinct links, weights 1 or random, a cap now and then. */
  record Spec(int[] links, double[] weights, double cap) {}

  static Spec randomSpec(SplittableRandom rnd, int links) {
    int hops = 1 + rnd.nextInt(Math.min(4, links));
    int[] path = rnd.ints(0, links).distinct().limit(hops).toArray();
    double[] w = new double[hops];
    for (int h = 0; h < hops; h++) {
      w[h] = rnd.nextInt(3) == 0 ? 0.5 + rnd.nextDouble() * 1.5 : 1.0;
    }
    double cap = rnd.nextInt(5) == 0 ? 1 + rnd.nextDouble() * 40 : Double.POSITIVE_INFINITY;
    return new Spec(path, w, cap);
  }

  static double randomCapacity(SplittableRandom rnd) {
    return rnd.nextInt(12) == 0 ? 0 : rnd.nextInt(3) == 0 ? 10 * (1 + rnd.nextInt(5))
        : 1 + rnd.nextDouble() * 99;
  }

  @Test
  void matchesTheReferenceAfterEveryChange() {
    int checks = 0;
    for (int seed = 0; seed < 300; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      FlowNetwork net = new FlowNetwork(new Simulator());
      int links = 2 + rnd.nextInt(14);
      for (int l = 0; l < links; l++) {
        net.addLink(randomCapacity(rnd));
      }
      List<Flow> live = new ArrayList<>();
      List<Spec> specs = new ArrayList<>();
      for (int op = 0; op < 60; op++) {
        int kind = rnd.nextInt(10);
        if (kind < 5 || live.isEmpty()) {
          Spec s = randomSpec(rnd, links);
          live.add(net.start(s.links, s.weights, 1e15, 0, s.cap, FlowListener.NONE));
          specs.add(s);
        } else if (kind < 8) {
          int i = rnd.nextInt(live.size());
          net.cancel(live.remove(i));
          specs.remove(i);
        } else {
          net.setCapacity(rnd.nextInt(links), randomCapacity(rnd));
        }
        assertMatchesReference(net, live, specs, "seed " + seed + " op " + op);
        checks++;
      }
    }
    assertTrue(checks > 10_000);
  }

  static void assertMatchesReference(FlowNetwork net, List<Flow> live, List<Spec> specs,
      String where) {
    double[] cap = new double[net.linkCount()];
    for (int l = 0; l < cap.length; l++) {
      cap[l] = net.capacity(l);
    }
    int n = live.size();
    int[][] paths = new int[n][];
    double[][] weights = new double[n][];
    double[] caps = new double[n];
    for (int i = 0; i < n; i++) {
      paths[i] = specs.get(i).links;
      weights[i] = specs.get(i).weights;
      caps[i] = specs.get(i).cap;
    }
    double[] expected = MaxMinReference.solve(cap, paths, weights, caps);
    for (int i = 0; i < n; i++) {
      double r = live.get(i).rate();
      assertEquals(expected[i], r, 1e-7 * Math.max(1, expected[i]), where + " flow " + i);
    }
    for (int l = 0; l < cap.length; l++) {
      assertTrue(net.load(l) <= cap[l] * (1 + 1e-9) + 1e-9, where + " link " + l + " overfull");
    }
  }

  @Test
  void completionTimesMatchAFullRecomputationOverTime() {
    for (int seed = 0; seed < 60; seed++) {
      TreeMap<Long, Double> incremental = simulate(seed, true);
      TreeMap<Long, Double> full = simulate(seed, false);
      assertEquals(full.keySet(), incremental.keySet(), "seed " + seed);
      for (Long id : full.keySet()) {
        assertEquals(full.get(id), incremental.get(id), 1e-9 * Math.max(1, full.get(id)),
            "seed " + seed + " flow " + id);
      }
      assertTrue(full.size() > 50);
    }
  }

  /** Random arrivals, sizes and capacity changes; returns completion time by flow id. */
  static TreeMap<Long, Double> simulate(int seed, boolean incrementalSolve) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Simulator sim = new Simulator();
    FlowNetwork net = new FlowNetwork(sim);
    net.incremental(incrementalSolve);
    int links = 3 + rnd.nextInt(20);
    for (int l = 0; l < links; l++) {
      net.addLink(1 + rnd.nextDouble() * 99);
    }
    TreeMap<Long, Double> done = new TreeMap<>();
    FlowListener record = FlowListener.of(f -> done.put(f.id(), sim.now()), f -> {});
    double t = 0;
    for (int i = 0; i < 120; i++) {
      t += rnd.nextDouble() * 0.5;
      Spec s = randomSpec(rnd, links);
      double bytes = rnd.nextDouble() * 20;
      double latency = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.1;
      sim.scheduleAt(t, () -> net.start(s.links, s.weights, bytes, latency, s.cap, record));
      if (rnd.nextInt(8) == 0) {
        int l = rnd.nextInt(links);
        double c = randomCapacity(rnd) + (rnd.nextBoolean() ? 0 : 1);
        sim.scheduleAt(t, () -> net.setCapacity(l, c));
      }
    }
    // bring every link back up so that every flow finishes
    sim.scheduleAt(t + 1, () -> {
      for (int l = 0; l < links; l++) {
        net.setCapacity(l, 50);
      }
    });
    sim.run();
    assertEquals(0, net.liveFlows());
    return done;
  }
}
