package dev.weft.maxmin;

import dev.weft.collect.IndexedMinHeap;
import dev.weft.collect.IntList;
import java.util.Arrays;

/**
 * The steps of one re-solve of a {@link MaxMinSolver}, and their scratch: collect the free
 * flows (those on dirty links) and the constraint links they cross, fill the free flows
 * progressively against what the held flows leave, check the border links, and commit the new
 * rates. Reads and writes the solver's link and flow arrays in place; keeps stamps rather than
 * clearing its own arrays between rounds.
 *
 * <p>The order of floating-point operations here fixes the rates to the last bit, and so every
 * output that depends on them: change it only on purpose.
 */
final class Filling {
  private final MaxMinSolver m;
  private final IntList free = new IntList(64);
  private final IntList constraints = new IntList(64);
  private final IntList overloaded = new IntList(16); // held flows alone over capacity
  // local re-solve: each constraint link's free flows, a segment of segFlow
  private int[] segStart = new int[16];
  private int[] segLength = new int[16];
  private int[] segFlow = new int[64];
  private int[] segPos = new int[64]; // beside segFlow: that flow's place in the link's list
  private int round;
  private int[] linkRound = new int[16];
  private double[] residual = new double[16];
  private double[] unfixedWeight = new double[16];
  private int[] unfixedCount = new int[16];
  private double[] loadDelta = new double[16];
  private int[] flowRound = new int[16];
  private int[] fixedRound = new int[16];
  private double[] newRate = new double[16];
  private int[] newBottleneck = new int[16];
  private final IndexedMinHeap linkHeap = new IndexedMinHeap(16);
  private final IndexedMinHeap capHeap = new IndexedMinHeap(16);

  Filling(MaxMinSolver solver) {
    this.m = solver;
  }

  /** Flows re-solved by the current round. */
  int freeCount() {
    return free.size();
  }

  /** Links that held flows alone overfill, found by the last {@link #collectLocal()}. */
  int overloadedCount() {
    return overloaded.size();
  }

  int overloaded(int i) {
    return overloaded.get(i);
  }

  /** Free flows: those on dirty links. Constraints: the dirty links and every link they cross. */
  void collect() {
    round++;
    freeDirty();
    constrainFreePaths();
    double[] capacity = m.capacity;
    double[] rate = m.rate;
    for (int i = 0; i < constraints.size(); i++) {
      int l = constraints.get(i);
      double res = capacity[l];
      double w = 0;
      int count = 0;
      int[] on = m.linkFlows[l];
      double[] lw = m.linkWeights[l];
      for (int p = 0, n = m.degree[l]; p < n; p++) {
        int s = on[p];
        double ws = lw[p];
        if (flowRound[s] == round) {
          w += ws;
          count++;
        } else {
          res -= ws * rate[s];
        }
      }
      constrain(l, res, w, count);
    }
  }

  /**
   * As {@link #collect} but reads the held flows' usage of a link off its load ledger, so that
   * the work follows the free flows' paths rather than every flow on every link they cross. The
   * free flows of each link go in a segment of {@link #segFlow}, in the order of the link's own
   * list, so that filling fixes them in the order {@link #collect} would.
   */
  void collectLocal() {
    round++;
    freeDirty();
    int total = constrainFreePaths();
    if (segFlow.length < total) {
      segFlow = new int[Math.max(total, 2 * segFlow.length)];
      segPos = new int[segFlow.length];
    }
    int at = 0;
    for (int i = 0; i < constraints.size(); i++) {
      int l = constraints.get(i);
      segStart[l] = at;
      at += segLength[l];
      segLength[l] = 0;
    }
    for (int i = 0; i < free.size(); i++) {
      int s = free.get(i);
      int[] path = m.paths[s];
      int[] place = m.positions[s];
      for (int h = 0, n = m.hops[s]; h < n; h++) {
        int l = path[h];
        int k = segStart[l] + segLength[l]++;
        segFlow[k] = s;
        segPos[k] = place[h];
      }
    }
    double[] rate = m.rate;
    for (int i = 0; i < constraints.size(); i++) {
      int l = constraints.get(i);
      int start = segStart[l];
      int n = segLength[l];
      boolean all = n == m.degree[l];
      if (all) {
        System.arraycopy(m.linkFlows[l], 0, segFlow, start, n);
        for (int p = 0; p < n; p++) {
          segPos[start + p] = p;
        }
      } else {
        sortByPosition(start, n);
      }
      double[] lw = m.linkWeights[l];
      double w = 0;
      double freeLoad = 0;
      for (int k = start, end = start + n; k < end; k++) {
        double ws = lw[segPos[k]];
        w += ws;
        freeLoad += ws * rate[segFlow[k]];
      }
      constrain(l, all ? m.capacity[l] : m.capacity[l] - (m.load[l] - freeLoad), w, n);
    }
  }

  /** Link {@code l} enters the solve with residual {@code res} for free weight {@code w}. */
  private void constrain(int l, double res, double w, int n) {
    if (res < -MaxMinSolver.tol(m.capacity[l])) {
      // held flows alone over the link, beyond rounding: they must give way, so they join
      overloaded.add(l);
    }
    residual[l] = res > 0 ? res : 0;
    unfixedWeight[l] = w;
    unfixedCount[l] = n;
  }

  /** Insertion sort of a segment by the flows' places in the link's list (segments are short). */
  private void sortByPosition(int start, int n) {
    for (int k = start + 1, end = start + n; k < end; k++) {
      int s = segFlow[k];
      int key = segPos[k];
      int j = k - 1;
      while (j >= start && segPos[j] > key) {
        segFlow[j + 1] = segFlow[j];
        segPos[j + 1] = segPos[j];
        j--;
      }
      segFlow[j + 1] = s;
      segPos[j + 1] = key;
    }
  }

  /**
   * Every link a free flow crosses becomes a constraint; {@link #segLength} counts the free
   * flows on each. Returns the number of (flow, link) crossings.
   */
  private int constrainFreePaths() {
    int total = 0;
    for (int i = 0; i < free.size(); i++) {
      int s = free.get(i);
      int[] path = m.paths[s];
      for (int h = 0, n = m.hops[s]; h < n; h++) {
        int l = path[h];
        if (linkRound[l] != round) {
          linkRound[l] = round;
          constraints.add(l);
          segLength[l] = 0;
        }
        segLength[l]++;
      }
      total += m.hops[s];
    }
    return total;
  }

  /** The flows on the dirty links become free; the dirty links are the first constraints. */
  private void freeDirty() {
    free.clear();
    constraints.clear();
    overloaded.clear();
    IntList dirty = m.pendingDirty;
    for (int i = 0; i < dirty.size(); i++) {
      int l = dirty.get(i);
      linkRound[l] = round;
      constraints.add(l);
      segLength[l] = 0;
      int[] on = m.linkFlows[l];
      for (int p = 0, n = m.degree[l]; p < n; p++) {
        int s = on[p];
        if (flowRound[s] != round) {
          flowRound[s] = round;
          free.add(s);
        }
      }
    }
  }

  /**
   * Progressive filling of the free flows against the residual capacities and rate caps. With
   * {@code segmented} the free flows of each link come from the segments {@link #collectLocal}
   * built, not from the link's whole list.
   */
  void fill(boolean segmented) {
    linkHeap.clear();
    capHeap.clear();
    for (int i = 0; i < constraints.size(); i++) {
      int l = constraints.get(i);
      if (unfixedCount[l] > 0) {
        linkHeap.set(l, residual[l] / unfixedWeight[l], l);
      }
    }
    double[] rateCap = m.rateCap;
    for (int i = 0; i < free.size(); i++) {
      int s = free.get(i);
      if (rateCap[s] < Double.POSITIVE_INFINITY) {
        capHeap.set(s, rateCap[s], m.tie[s]);
      }
    }
    int left = free.size();
    while (left > 0 && !(linkHeap.isEmpty() && capHeap.isEmpty())) {
      if (!capHeap.isEmpty()
          && (linkHeap.isEmpty() || capHeap.peekKey() <= linkHeap.peekKey())) {
        int s = capHeap.poll();
        fix(s, rateCap[s], MaxMinSolver.CAPPED);
        left--;
        continue;
      }
      double key = linkHeap.peekKey();
      int l = linkHeap.peek();
      // keys are lazy: fixing flows elsewhere only raises a link's share, so a key is a lower
      // bound; refresh a stale one and look again rather than sift on every fix
      double share = residual[l] / Math.max(unfixedWeight[l], 1e-300);
      if (share > key) {
        linkHeap.set(l, share, l);
        continue;
      }
      linkHeap.poll();
      if (segmented) {
        for (int i = segStart[l], end = i + segLength[l]; i < end; i++) {
          int s = segFlow[i];
          if (fixedRound[s] != round) {
            fix(s, share, l);
            left--;
          }
        }
        continue;
      }
      int[] on = m.linkFlows[l];
      for (int p = 0, n = m.degree[l]; p < n; p++) {
        int s = on[p];
        if (flowRound[s] == round && fixedRound[s] != round) {
          fix(s, share, l);
          left--;
        }
      }
    }
    if (left > 0) {
      // every free flow crosses a constraint that stays in the heap until the flow is fixed
      throw new IllegalStateException("max-min solver left " + left + " flows without a rate");
    }
  }

  private void fix(int s, double r, int by) {
    fixedRound[s] = round;
    newRate[s] = r;
    newBottleneck[s] = by;
    capHeap.remove(s);
    int[] path = m.paths[s];
    double[] w = m.weights[s];
    for (int h = 0, n = m.hops[s]; h < n; h++) {
      int l = path[h];
      double res = residual[l] - w[h] * r;
      residual[l] = res > 0 ? res : 0;
      unfixedWeight[l] -= w[h];
      if (--unfixedCount[l] == 0) {
        linkHeap.remove(l);
      }
    }
  }

  /**
   * Checks each border link against the max-min conditions with the new rates; marks the
   * failing ones dirty (as of epoch {@code d}) and says whether there were any.
   */
  boolean growDirty(int d) {
    boolean grew = false;
    int[] dirtyMark = m.dirtyMark;
    for (int i = 0, n = constraints.size(); i < n; i++) {
      int l = constraints.get(i);
      if (dirtyMark[l] != d && violates(l)) {
        dirtyMark[l] = d;
        m.pendingDirty.add(l);
        grew = true;
      }
    }
    return grew;
  }

  private boolean violates(int l) {
    double maxFixed = 0;
    double maxFree = 0;
    double freeLimited = Double.POSITIVE_INFINITY; // slowest re-solved flow limited here
    double fixedLimited = Double.POSITIVE_INFINITY; // slowest kept flow limited here
    double sum = 0;
    int[] on = m.linkFlows[l];
    double[] lw = m.linkWeights[l];
    double[] rate = m.rate;
    int[] bottleneck = m.bottleneck;
    for (int p = 0, n = m.degree[l]; p < n; p++) {
      int s = on[p];
      double r;
      if (flowRound[s] == round) {
        r = newRate[s];
        maxFree = Math.max(maxFree, r);
        if (newBottleneck[s] == l) {
          freeLimited = Math.min(freeLimited, r);
        }
      } else {
        r = rate[s];
        maxFixed = Math.max(maxFixed, r);
        if (bottleneck[s] == l) {
          fixedLimited = Math.min(fixedLimited, r);
        }
      }
      sum += lw[p] * r;
    }
    // a re-solved flow limited here must be at least as fast as every kept flow here
    if (freeLimited < maxFixed - MaxMinSolver.tol(maxFixed)) {
      return true;
    }
    // a kept flow limited here needs the link still full and no faster flow on it
    double capacity = m.capacity[l];
    return fixedLimited < Double.POSITIVE_INFINITY
        && (sum < capacity - MaxMinSolver.tol(capacity)
            || maxFree > fixedLimited + MaxMinSolver.tol(fixedLimited));
  }

  /**
   * Makes the new rates current, in the order the flows were freed: bottlenecks, rates (each
   * change reported), then loads link by link, then the total rate.
   */
  void commit() {
    MaxMinSolver.Listener listener = m.listener;
    double[] rate = m.rate;
    double throughput = 0;
    for (int i = 0; i < free.size(); i++) {
      int s = free.get(i);
      m.bottleneck[s] = newBottleneck[s];
      double r = newRate[s];
      double old = rate[s];
      if (r == old) {
        continue;
      }
      rate[s] = r;
      throughput += r - old;
      int[] path = m.paths[s];
      double[] w = m.weights[s];
      for (int h = 0, n = m.hops[s]; h < n; h++) {
        loadDelta[path[h]] += w[h] * (r - old);
      }
      listener.rateChanged(s, old);
    }
    double[] load = m.load;
    for (int i = 0; i < constraints.size(); i++) {
      int l = constraints.get(i);
      double delta = loadDelta[l];
      if (delta != 0) {
        loadDelta[l] = 0;
        load[l] += delta;
        listener.loadChanged(l, delta);
      }
    }
    if (throughput != 0) {
      listener.totalRateChanged(throughput);
    }
  }

  void growFlows(int c) {
    flowRound = Arrays.copyOf(flowRound, c);
    fixedRound = Arrays.copyOf(fixedRound, c);
    newRate = Arrays.copyOf(newRate, c);
    newBottleneck = Arrays.copyOf(newBottleneck, c);
  }

  void growLinks(int c) {
    linkRound = Arrays.copyOf(linkRound, c);
    residual = Arrays.copyOf(residual, c);
    unfixedWeight = Arrays.copyOf(unfixedWeight, c);
    unfixedCount = Arrays.copyOf(unfixedCount, c);
    loadDelta = Arrays.copyOf(loadDelta, c);
    segStart = Arrays.copyOf(segStart, c);
    segLength = Arrays.copyOf(segLength, c);
  }
}
