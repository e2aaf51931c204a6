package dev.weft.maxmin;

import dev.weft.collect.IntList;
import java.util.Arrays;

/**
 * Weighted max-min fair rates of flows over capacitated links, by progressive filling
 * (water-filling), re-solved incrementally as flows join and leave and capacities change.
 *
 * <p>A link has a capacity (any unit of rate, finite, 0 for a link that carries nothing). A
 * flow crosses a set of links, consuming {@code weight} × its rate on each, and may have a
 * rate cap. The allocation gives every flow the largest rate it can have without making a
 * slower-or-equal flow slower: each flow is held either by its cap or by a saturated link on
 * which no flow is faster. Flows are numbered by the solver ({@link #addFlow}); a flow
 * competes only while attached ({@link #attach}), so a caller can keep one waiting or hold it
 * off its links without forgetting its path.
 *
 * <p>Changes (attach, detach, capacity) mark links dirty; a solve re-shares from them:
 *
 * <ul>
 *   <li>{@link #solveExact()} re-solves by progressive filling every flow crossing a dirty
 *       link while the other flows keep their rates, their spare capacity bounding the
 *       re-solved ones. Each border link (crossed by a re-solved flow but not dirty) is then
 *       checked against the max-min conditions: every flow still needs a saturated link on
 *       which no flow is faster. A border link that fails becomes dirty and the step repeats.
 *       Flows whose rate did not change are never touched, so the work follows the part of
 *       the links the change reaches. Once a round frees an eighth of the attached flows, one
 *       full solve replaces further rounds. The result is the allocation a full solve gives.
 *   <li>{@link #solveLocal()} stops after the first step: the flows on dirty links are filled
 *       against what the others leave (read off each link's load), and the border is not
 *       checked. Feasible (no link over capacity) but not max-min fair; a caller re-anchors
 *       with {@link #invalidateAll()} and {@link #solveExact()}.
 * </ul>
 *
 * <p>Link heap keys are lazy (a link's fair share only rises while flows are fixed elsewhere)
 * and refreshed when they reach the top. Equal shares are filled in link order and equal caps
 * in the order of the ties given to {@link #addFlow}, so a solve is deterministic. New rates
 * are reported through a {@link Listener}. Primitive arrays throughout: once grown, nothing is
 * allocated per change or per solve.
 *
 * <p>The link and flow arrays below are package-private for {@link Filling}, the steps of a
 * re-solve, which reads them in place.
 */
public final class MaxMinSolver {
  /** {@link #bottleneck} of a flow held by its own rate cap. */
  public static final int CAPPED = -1;
  /** {@link #bottleneck} of a flow no solve has reached since it was added. */
  public static final int UNBOUNDED = -2;

  private static final double REL_TOL = 1e-9;
  private static final double ABS_TOL = 1e-6; // in the caller's unit of rate (network: bit/s)
  /** A re-solve that frees more than 1/this of the attached flows switches to a full solve. */
  private static final int FULL_SOLVE_FRACTION = 8;

  /** Told what a solve changed; every method has an empty default. */
  public interface Listener {
    /** The solve or attach changed the rate of {@code flow}, which was {@code oldRate}. */
    default void rateChanged(int flow, double oldRate) {}

    /** The weighted load of {@code link} changed by {@code delta}. */
    default void loadChanged(int link, double delta) {}

    /** The sum of the attached flows' finite rates changed by {@code delta}. */
    default void totalRateChanged(double delta) {}
  }

  Listener listener = new Listener() {};
  private int attached;

  // links
  private int linkCount;
  double[] capacity = new double[16];
  double[] load = new double[16];
  int[][] linkFlows = new int[16][];
  private int[][] linkHops = new int[16][]; // which hop of that flow this link is
  double[][] linkWeights = new double[16][]; // that flow's weight here, beside it
  int[] degree = new int[16];

  // flows, by id; ids are recycled so the arrays stop growing at peak concurrency
  private int flowIds;
  private final IntList freeIds = new IntList(16);
  int[][] paths = new int[16][];
  double[][] weights = new double[16][];
  int[][] positions = new int[16][]; // index of the flow in each of its links' lists
  int[] hops = new int[16];
  double[] rate = new double[16];
  double[] rateCap = new double[16];
  long[] tie = new long[16];
  int[] bottleneck = new int[16];
  private boolean[] onLinks = new boolean[16];
  private boolean[] defined = new boolean[16];

  // re-solve scratch: stamps avoid clearing arrays between solves
  final IntList pendingDirty = new IntList(64);
  private final Filling filling = new Filling(this);
  private int dirtyEpoch = 1;
  int[] dirtyMark = new int[16];
  private long rounds;
  private long solvedFlows;

  /** Reports rate and load changes to {@code l} from now on. */
  public void listener(Listener l) {
    this.listener = l;
  }

  // ---- links

  /** Adds a link of {@code capacity}; returns its index (0, 1, 2, ...). */
  public int addLink(double capacity) {
    checkCapacity(capacity);
    if (linkCount == this.capacity.length) {
      growLinks(linkCount * 2);
    }
    int l = linkCount++;
    this.capacity[l] = capacity;
    linkFlows[l] = new int[4];
    linkHops[l] = new int[4];
    linkWeights[l] = new double[4];
    return l;
  }

  public int linkCount() {
    return linkCount;
  }

  public double capacity(int link) {
    return capacity[link];
  }

  /** Weighted rate crossing {@code link}: the sum of weight × rate of its flows, as updated. */
  public double load(int link) {
    return load[link];
  }

  /** Attached flows crossing {@code link}. */
  public int degree(int link) {
    return degree[link];
  }

  /** Ids of the attached flows crossing {@code link}; a copy. */
  public int[] flowsOn(int link) {
    return Arrays.copyOf(linkFlows[link], degree[link]);
  }

  /**
   * Sets a link's capacity; the flows on it are re-shared at the next solve. Returns false,
   * and marks nothing, when the capacity is unchanged.
   */
  public boolean setCapacity(int link, double newCapacity) {
    checkCapacity(newCapacity);
    if (capacity[link] == newCapacity) {
      return false;
    }
    capacity[link] = newCapacity;
    markDirty(link);
    return true;
  }

  private static void checkCapacity(double c) {
    if (!(c >= 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("capacity must be finite and >= 0, was " + c);
    }
  }

  // ---- flows

  /**
   * Defines a flow over the first {@code n} of {@code links} (no link twice) consuming {@code
   * weights[i]} × its rate on link i, its rate never above {@code rateCap} (infinity for
   * none); the arrays are copied. Flows with equal caps reach them in the order of {@code tie}.
   * The flow competes once {@link #attach attached}. Returns its id, the most recently freed
   * one if any.
   */
  public int addFlow(int[] links, double[] weights, int n, double rateCap, long tie) {
    if (!(rateCap > 0)) {
      throw new IllegalArgumentException("rate cap must be > 0, was " + rateCap);
    }
    for (int i = 0; i < n; i++) {
      if (links[i] < 0 || links[i] >= linkCount) {
        throw new IllegalArgumentException("no link " + links[i]);
      }
      if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weights must be finite and > 0");
      }
      for (int j = 0; j < i; j++) {
        if (links[j] == links[i]) {
          throw new IllegalArgumentException("link " + links[i] + " appears twice in a path");
        }
      }
    }
    int f;
    if (!freeIds.isEmpty()) {
      f = freeIds.pop();
    } else {
      if (flowIds == hops.length) {
        growFlows(flowIds * 2);
      }
      f = flowIds++;
    }
    if (paths[f] == null || paths[f].length < n) {
      int c = Math.max(4, n);
      paths[f] = new int[c];
      this.weights[f] = new double[c];
      positions[f] = new int[c];
    }
    System.arraycopy(links, 0, paths[f], 0, n);
    System.arraycopy(weights, 0, this.weights[f], 0, n);
    hops[f] = n;
    rate[f] = 0;
    this.rateCap[f] = rateCap;
    this.tie[f] = tie;
    bottleneck[f] = UNBOUNDED;
    defined[f] = true;
    return f;
  }

  /** Forgets a flow, detaching it first if attached; its id may be handed out again. */
  public void removeFlow(int flow) {
    checkDefined(flow);
    if (onLinks[flow]) {
      detach(flow);
    }
    defined[flow] = false;
    freeIds.add(flow);
  }

  /** Flows defined and not removed. */
  public int flowCount() {
    return flowIds - freeIds.size();
  }

  /**
   * Every id handed out so far is below this; a caller keeping arrays by flow id grows them
   * to it.
   */
  public int idBound() {
    return flowIds;
  }

  /** Flows attached now. */
  public int attachedCount() {
    return attached;
  }

  /**
   * The flow joins its links at rate 0, marking them dirty; the next solve gives it a rate. A
   * flow over no links takes its cap at once.
   */
  public void attach(int flow) {
    checkDefined(flow);
    if (onLinks[flow]) {
      throw new IllegalStateException("flow " + flow + " is already attached");
    }
    onLinks[flow] = true;
    attached++;
    rate[flow] = 0;
    int n = hops[flow];
    int[] path = paths[flow];
    for (int h = 0; h < n; h++) {
      int l = path[h];
      int p = degree[l]++;
      if (p == linkFlows[l].length) {
        linkFlows[l] = Arrays.copyOf(linkFlows[l], p * 2);
        linkHops[l] = Arrays.copyOf(linkHops[l], p * 2);
        linkWeights[l] = Arrays.copyOf(linkWeights[l], p * 2);
      }
      linkFlows[l][p] = flow;
      linkHops[l][p] = h;
      linkWeights[l][p] = weights[flow][h];
      positions[flow][h] = p;
      markDirty(l);
    }
    if (n == 0) {
      // nothing to share: the cap alone sets the rate
      bottleneck[flow] = CAPPED;
      double r = rateCap[flow];
      rate[flow] = r;
      listener.rateChanged(flow, 0);
      if (!Double.isInfinite(r)) {
        listener.totalRateChanged(r);
      }
    }
  }

  /**
   * The flow leaves its links, marking them dirty; its rate becomes 0 (without {@link
   * Listener#rateChanged}: the caller asked for it) and its links' loads drop.
   */
  public void detach(int flow) {
    if (!onLinks[flow]) {
      throw new IllegalStateException("flow " + flow + " is not attached");
    }
    onLinks[flow] = false;
    attached--;
    int n = hops[flow];
    int[] path = paths[flow];
    double r = rate[flow];
    for (int h = 0; h < n; h++) {
      int l = path[h];
      int p = positions[flow][h];
      int last = --degree[l];
      if (p != last) {
        int moved = linkFlows[l][last];
        int movedHop = linkHops[l][last];
        linkFlows[l][p] = moved;
        linkHops[l][p] = movedHop;
        linkWeights[l][p] = linkWeights[l][last];
        positions[moved][movedHop] = p;
      }
      double delta = -weights[flow][h] * r;
      if (last == 0) {
        delta = -load[l]; // an empty link carries exactly nothing, whatever rounding left
      }
      if (delta != 0) {
        load[l] += delta;
        listener.loadChanged(l, delta);
      }
      markDirty(l);
    }
    if (r != 0 && !Double.isInfinite(r)) {
      listener.totalRateChanged(-r);
    }
    rate[flow] = 0;
  }

  private void checkDefined(int flow) {
    if (flow < 0 || flow >= flowIds || !defined[flow]) {
      throw new IllegalArgumentException("no flow " + flow);
    }
  }

  public boolean isAttached(int flow) {
    return onLinks[flow];
  }

  /** The flow's rate as of the last solve (0 unless attached). */
  public double rate(int flow) {
    return rate[flow];
  }

  /**
   * The link that held the flow at its rate in the last solve that reached it; {@link #CAPPED}
   * (also for a flow over no links) or {@link #UNBOUNDED}.
   */
  public int bottleneck(int flow) {
    return bottleneck[flow];
  }

  /** The flow's links; a copy. */
  public int[] path(int flow) {
    return Arrays.copyOf(paths[flow], hops[flow]);
  }

  // ---- solving

  /** Whether anything changed since the last solve. */
  public boolean hasChanges() {
    return pendingDirty.size() > 0;
  }

  /** Marks every link dirty, so that the next solve is a full one. */
  public void invalidateAll() {
    for (int l = 0; l < linkCount; l++) {
      markDirty(l);
    }
  }

  /** Exact max-min rates for every attached flow, from scratch. */
  public void solveFull() {
    invalidateAll();
    solveExact();
  }

  /**
   * Restores the exact max-min allocation after the changes since the last solve, growing the
   * re-solved part from the dirty links until the max-min conditions hold at its border.
   */
  public void solveExact() {
    if (pendingDirty.size() == 0) {
      return;
    }
    int d = dirtyEpoch;
    while (true) {
      rounds++;
      filling.collect();
      filling.fill(false);
      if (!filling.growDirty(d)) {
        break;
      }
      if (filling.freeCount() > attached / FULL_SOLVE_FRACTION) {
        // the change reaches much of the network: one full solve beats more rounds with
        // border scans
        invalidateAll();
      }
    }
    finish();
  }

  /**
   * Re-solves the flows on the dirty links with every other flow held at its rate. Held flows
   * that alone exceed a link's capacity (it shrank) join the re-solve, so no link ends over
   * capacity.
   */
  public void solveLocal() {
    if (pendingDirty.size() == 0) {
      return;
    }
    while (true) {
      rounds++;
      filling.collectLocal();
      if (filling.overloadedCount() == 0) {
        break;
      }
      // held flows alone exceed a link (beyond rounding): they must give way, so they join
      for (int i = 0, n = filling.overloadedCount(); i < n; i++) {
        markDirty(filling.overloaded(i));
      }
    }
    filling.fill(true);
    finish();
  }

  private void finish() {
    filling.commit();
    solvedFlows += filling.freeCount();
    pendingDirty.clear();
    dirtyEpoch++;
  }

  /**
   * Sets each link's load to the sum over its flows. Local solves read held usage off this
   * ledger; an exact solve followed by this clears the rounding incremental updates gathered.
   */
  public void resyncLoads() {
    for (int l = 0; l < linkCount; l++) {
      double sum = 0;
      int[] on = linkFlows[l];
      double[] lw = linkWeights[l];
      for (int p = 0, n = degree[l]; p < n; p++) {
        sum += lw[p] * rate[on[p]];
      }
      double delta = sum - load[l];
      if (delta != 0) {
        load[l] = sum;
        listener.loadChanged(l, delta);
      }
    }
  }

  /** Solve rounds so far (one per re-solve step), to see how far changes reach. */
  public long rounds() {
    return rounds;
  }

  /** Flows re-solved so far, summed over solves. */
  public long solvedFlows() {
    return solvedFlows;
  }

  private void markDirty(int l) {
    if (dirtyMark[l] != dirtyEpoch) {
      dirtyMark[l] = dirtyEpoch;
      pendingDirty.add(l);
    }
  }

  static double tol(double x) {
    return REL_TOL * Math.abs(x) + ABS_TOL;
  }

  private void growFlows(int c) {
    paths = Arrays.copyOf(paths, c);
    weights = Arrays.copyOf(weights, c);
    positions = Arrays.copyOf(positions, c);
    hops = Arrays.copyOf(hops, c);
    rate = Arrays.copyOf(rate, c);
    rateCap = Arrays.copyOf(rateCap, c);
    tie = Arrays.copyOf(tie, c);
    bottleneck = Arrays.copyOf(bottleneck, c);
    onLinks = Arrays.copyOf(onLinks, c);
    defined = Arrays.copyOf(defined, c);
    filling.growFlows(c);
  }

  private void growLinks(int c) {
    capacity = Arrays.copyOf(capacity, c);
    load = Arrays.copyOf(load, c);
    linkFlows = Arrays.copyOf(linkFlows, c);
    linkHops = Arrays.copyOf(linkHops, c);
    linkWeights = Arrays.copyOf(linkWeights, c);
    degree = Arrays.copyOf(degree, c);
    dirtyMark = Arrays.copyOf(dirtyMark, c);
    filling.growLinks(c);
  }
}
