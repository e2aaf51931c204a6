package dev.weft.maxmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The solver on small instances whose max-min rates are worked out by hand in the comments.
 * Weights are consumption weights: a flow of rate r and weight w uses w × r of a link, so
 * progressive filling raises every unfixed rate at the same pace and a link fills when the
 * common rate reaches residual / (sum of the unfixed flows' weights).
 */
class MaxMinSolverTest {
  static final double INF = Double.POSITIVE_INFINITY;
  static final double EPS = 1e-12;

  /** Defines and attaches a flow of weight 1 on each of {@code links}. */
  static int flow(MaxMinSolver s, double cap, int... links) {
    double[] w = new double[links.length];
    Arrays.fill(w, 1.0);
    return weighted(s, cap, links, w);
  }

  static int weighted(MaxMinSolver s, double cap, int[] links, double[] w) {
    int f = s.addFlow(links, w, links.length, cap, s.idBound());
    s.attach(f);
    return f;
  }

  @Test
  void oneLinkSharedByNFlowsGivesEachAnNth() {
    for (int n : new int[] {1, 2, 3, 4, 6}) {
      MaxMinSolver s = new MaxMinSolver();
      int l = s.addLink(12);
      int[] f = new int[n];
      for (int i = 0; i < n; i++) {
        f[i] = flow(s, INF, l);
      }
      s.solveExact();
      for (int i = 0; i < n; i++) {
        assertEquals(12.0 / n, s.rate(f[i]), EPS, n + " flows");
        assertEquals(l, s.bottleneck(f[i]));
      }
      assertEquals(12, s.load(l), 1e-9);
      assertEquals(n, s.degree(l));
    }
  }

  @Test
  void consumptionWeightsShareOneRateAndUseCapacityInProportion() {
    // weights 1 and 4 on a link of 10: the rates meet at 10 / (1 + 4) = 2; they use 2 and 8
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(10);
    int a = weighted(s, INF, new int[] {l}, new double[] {1});
    int b = weighted(s, INF, new int[] {l}, new double[] {4});
    s.solveExact();
    assertEquals(2, s.rate(a), EPS);
    assertEquals(2, s.rate(b), EPS);
    assertEquals(10, s.load(l), EPS);
  }

  @Test
  void aWeightedFlowTakesWhatAFlowHeldElsewhereLeaves() {
    // link 0 (10): a with weight 2, b with weight 1; link 1 (3): b alone. Shares: link 0
    // 10 / 3 = 3.33, link 1 3 / 1 = 3. Link 1 fills first: b = 3. Link 0 has 10 - 3 = 7 left
    // for a's weight 2: a = 3.5
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(10);
    int l1 = s.addLink(3);
    int a = weighted(s, INF, new int[] {l0}, new double[] {2});
    int b = weighted(s, INF, new int[] {l0, l1}, new double[] {1, 1});
    s.solveExact();
    assertEquals(3, s.rate(b), EPS);
    assertEquals(l1, s.bottleneck(b));
    assertEquals(3.5, s.rate(a), EPS);
    assertEquals(l0, s.bottleneck(a));
    assertEquals(10, s.load(l0), EPS);
  }

  @Test
  void aCapBelowTheFairShareLeavesTheRestToTheOthers() {
    // 12 among three is 4 each; a cap of 1 holds one flow, the other two share 11: 5.5 each
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(12);
    int capped = flow(s, 1, l);
    int b = flow(s, INF, l);
    int c = flow(s, INF, l);
    s.solveExact();
    assertEquals(1, s.rate(capped), EPS);
    assertEquals(MaxMinSolver.CAPPED, s.bottleneck(capped));
    assertEquals(5.5, s.rate(b), EPS);
    assertEquals(5.5, s.rate(c), EPS);
    assertEquals(l, s.bottleneck(b));
  }

  @Test
  void aCapAboveTheFairShareChangesNothing() {
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(12);
    int a = flow(s, 10, l);
    int b = flow(s, INF, l);
    int c = flow(s, INF, l);
    s.solveExact();
    for (int f : new int[] {a, b, c}) {
      assertEquals(4, s.rate(f), EPS);
      assertEquals(l, s.bottleneck(f));
    }
  }

  @Test
  void parkingLot() {
    // links 0, 1, 2 in a row of capacities 1, 2, 3; a long flow crosses all three, and one
    // short flow each link. Shares 1/2, 2/2, 3/2: link 0 fills at 0.5 (long and s0). Then s1
    // gets 2 - 0.5 = 1.5 and s2 gets 3 - 0.5 = 2.5
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(1);
    int l1 = s.addLink(2);
    int l2 = s.addLink(3);
    int lng = flow(s, INF, l0, l1, l2);
    int s0 = flow(s, INF, l0);
    int s1 = flow(s, INF, l1);
    int s2 = flow(s, INF, l2);
    s.solveExact();
    assertEquals(0.5, s.rate(lng), EPS);
    assertEquals(0.5, s.rate(s0), EPS);
    assertEquals(1.5, s.rate(s1), EPS);
    assertEquals(2.5, s.rate(s2), EPS);
    assertEquals(l0, s.bottleneck(lng));
    for (int l : new int[] {l0, l1, l2}) {
      assertEquals(s.capacity(l), s.load(l), EPS, "every link full");
    }
  }

  @Test
  void threeLinksThreeFlowsEachOnTwo() {
    // links of 4, 6, 10; A crosses 0 and 1, B crosses 1 and 2, C crosses 0 and 2. Shares
    // 4/2 = 2, 6/2 = 3, 10/2 = 5: link 0 fills at 2 (A, C). Link 1 has 6 - 2 = 4 for B, link 2
    // has 10 - 2 = 8: B = 4, held by link 1. Link 2 carries 2 + 4 = 6 of its 10
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(4);
    int l1 = s.addLink(6);
    int l2 = s.addLink(10);
    int a = flow(s, INF, l0, l1);
    int b = flow(s, INF, l1, l2);
    int c = flow(s, INF, l0, l2);
    s.solveExact();
    assertEquals(2, s.rate(a), EPS);
    assertEquals(4, s.rate(b), EPS);
    assertEquals(2, s.rate(c), EPS);
    assertEquals(l1, s.bottleneck(b));
    assertEquals(4, s.load(l0), EPS);
    assertEquals(6, s.load(l1), EPS);
    assertEquals(6, s.load(l2), EPS);
  }

  @Test
  void aFlowOnTwoBottlenecks() {
    // links of 4 and 4; f crosses both, g only the first, h only the second. Both links fill
    // at 2 together; f is held by either, and the first link in order is named
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(4);
    int l1 = s.addLink(4);
    int f = flow(s, INF, l0, l1);
    int g = flow(s, INF, l0);
    int h = flow(s, INF, l1);
    s.solveExact();
    for (int x : new int[] {f, g, h}) {
      assertEquals(2, s.rate(x), EPS);
    }
    assertEquals(l0, s.bottleneck(f));
    assertEquals(4, s.load(l0), EPS);
    assertEquals(4, s.load(l1), EPS);
  }

  @Test
  void theTighterOfTwoLinksHoldsAFlow() {
    // link 0 (10): f and g; link 1 (3): f. f = 3 held by link 1, g = 10 - 3 = 7
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(10);
    int l1 = s.addLink(3);
    int f = flow(s, INF, l0, l1);
    int g = flow(s, INF, l0);
    s.solveExact();
    assertEquals(3, s.rate(f), EPS);
    assertEquals(l1, s.bottleneck(f));
    assertEquals(7, s.rate(g), EPS);
  }

  @Test
  void aZeroCapacityLinkStopsItsFlowsAndFreesTheirOtherLinks() {
    // link 0 (0): f and g; link 1 (5): g and h. f = g = 0 at link 0, h takes all 5
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(0);
    int l1 = s.addLink(5);
    int f = flow(s, INF, l0);
    int g = flow(s, 3, l0, l1); // a cap does not lift a rate off a link of 0
    int h = flow(s, INF, l1);
    s.solveExact();
    assertEquals(0, s.rate(f));
    assertEquals(0, s.rate(g));
    assertEquals(l0, s.bottleneck(g));
    assertEquals(5, s.rate(h), EPS);
    // link 0 comes up at 4: shares 4/2 = 2 and 5/2 = 2.5; link 0 fills at 2, h gets 5 - 2 = 3
    assertTrue(s.setCapacity(l0, 4));
    s.solveExact();
    assertEquals(2, s.rate(f), EPS);
    assertEquals(2, s.rate(g), EPS);
    assertEquals(3, s.rate(h), EPS);
    // and down again
    s.setCapacity(l0, 0);
    s.solveExact();
    assertEquals(0, s.rate(f));
    assertEquals(0, s.rate(g));
    assertEquals(5, s.rate(h), EPS);
    assertEquals(0, s.load(l0), EPS);
  }

  @Test
  void detachingReturnsCapacityToTheOthers() {
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(12);
    int a = flow(s, INF, l);
    int b = flow(s, INF, l);
    int c = flow(s, INF, l);
    s.solveExact();
    s.detach(b);
    assertEquals(0, s.rate(b));
    assertFalse(s.isAttached(b));
    assertEquals(8, s.load(l), EPS); // a and c still at 4 until the solve
    s.solveExact();
    assertEquals(6, s.rate(a), EPS);
    assertEquals(6, s.rate(c), EPS);
    s.attach(b); // back, at rate 0 until the next solve
    assertEquals(0, s.rate(b));
    s.solveExact();
    assertEquals(4, s.rate(b), EPS);
    assertEquals(3, s.attachedCount());
  }

  @Test
  void aFlowOverNoLinksRunsAtItsCapAtOnce() {
    MaxMinSolver s = new MaxMinSolver();
    double[] total = {0};
    s.listener(new MaxMinSolver.Listener() {
      @Override
      public void totalRateChanged(double delta) {
        total[0] += delta;
      }
    });
    int capped = s.addFlow(new int[0], new double[0], 0, 7, 0);
    int free = s.addFlow(new int[0], new double[0], 0, INF, 1);
    s.attach(capped);
    s.attach(free);
    assertEquals(7, s.rate(capped));
    assertEquals(MaxMinSolver.CAPPED, s.bottleneck(capped));
    assertEquals(INF, s.rate(free));
    assertEquals(7, total[0], "an infinite rate is left out of the total");
    assertFalse(s.hasChanges());
  }

  @Test
  void theListenerSeesEveryRateAndLoadChange() {
    MaxMinSolver s = new MaxMinSolver();
    int l0 = s.addLink(10);
    int l1 = s.addLink(3);
    double[] load = new double[2];
    double[] rate = new double[8];
    double[] total = {0};
    s.listener(new MaxMinSolver.Listener() {
      @Override
      public void rateChanged(int flow, double oldRate) {
        assertEquals(rate[flow], oldRate);
        rate[flow] = s.rate(flow);
      }

      @Override
      public void loadChanged(int link, double delta) {
        load[link] += delta;
      }

      @Override
      public void totalRateChanged(double delta) {
        total[0] += delta;
      }
    });
    int a = flow(s, INF, l0, l1);
    int b = flow(s, INF, l0);
    s.solveExact(); // a = 3, b = 7
    int c = flow(s, INF, l0);
    s.solveExact(); // a = 3, b = c = 3.5
    s.detach(a);
    rate[a] = 0; // detach reports loads and the total, not the rate
    s.solveExact(); // b = c = 5
    assertEquals(5, rate[b], EPS);
    assertEquals(5, rate[c], EPS);
    assertEquals(s.load(l0), load[0]);
    assertEquals(s.load(l1), load[1]);
    assertEquals(0, load[1]);
    assertEquals(10, total[0], EPS);
  }

  @Test
  void idsAreRecycledMostRecentFirst() {
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(1);
    int a = flow(s, INF, l);
    int b = flow(s, INF, l);
    int c = flow(s, INF, l);
    s.removeFlow(a); // detaches it too
    s.removeFlow(c);
    assertEquals(1, s.flowCount());
    assertEquals(1, s.degree(l));
    assertEquals(c, flow(s, INF, l));
    assertEquals(a, flow(s, INF, l));
    assertEquals(3, s.idBound());
    s.solveExact();
    assertEquals(1.0 / 3, s.rate(b), EPS);
  }

  @Test
  void refusesMalformedInput() {
    MaxMinSolver s = new MaxMinSolver();
    int l = s.addLink(1);
    double[] one = {1};
    assertThrows(IllegalArgumentException.class, () -> s.addLink(-1));
    assertThrows(IllegalArgumentException.class, () -> s.addLink(INF));
    assertThrows(IllegalArgumentException.class, () -> s.setCapacity(l, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.addFlow(new int[] {5}, one, 1, INF, 0));
    assertThrows(IllegalArgumentException.class,
        () -> s.addFlow(new int[] {l}, new double[] {0}, 1, INF, 0));
    assertThrows(IllegalArgumentException.class, () -> s.addFlow(new int[] {l}, one, 1, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> s.addFlow(new int[] {l, l}, new double[] {1, 1}, 2, INF, 0));
    assertThrows(IllegalArgumentException.class, () -> s.attach(3));
    assertFalse(s.setCapacity(l, 1), "an unchanged capacity marks nothing");
    assertFalse(s.hasChanges());
  }
}
