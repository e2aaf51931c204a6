package dev.weft.network;

import dev.weft.engine.Event;
import dev.weft.engine.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Transfers sharing capacitated links max-min fairly, advanced by a {@link Simulator}.
 *
 * <p>A flow crosses a list of links, each with a weight (its consumption per unit of rate: 1 for
 * payload, more for header overhead, a fraction for ACK cross-traffic), and may have its own
 * rate cap. After its latency it shares bandwidth: the allocation is the weighted max-min fair
 * one that progressive filling (water-filling) produces. Capacities are in bits per second,
 * sizes in bytes.
 *
 * <p>When a flow starts or ends, or a capacity changes, only part of the allocation is
 * recomputed. The links touched by the change become dirty; every flow crossing a dirty link is
 * re-solved by progressive filling while the other flows keep their rates, their spare capacity
 * bounding the re-solved ones. Then each link at the border (crossed by a re-solved flow but not
 * dirty) is checked against the max-min conditions: every flow still needs a saturated link on
 * which no flow is faster. A border link that fails the check becomes dirty and the step repeats.
 * Flows whose rate did not change are never touched, so the work follows the part of the network
 * the change actually reaches rather than its whole connected component (SimGrid's selective
 * update recomputes the whole component). Once a change has reached an eighth of the active
 * flows, one full solve replaces further rounds. Heap keys of links are lazy (a link's share only
 * rises while flows are fixed elsewhere), refreshed when they reach the top. The result is the
 * allocation a full recomputation gives, which the tests check on random instances.
 *
 * <p>Under {@link Sharing.Mode#LOCAL} the first step is the whole re-solve: the flows on the
 * changed links are filled against what the others leave, and the border is not checked. Cheap
 * and feasible, but not max-min fair; an exact full solve re-anchors the allocation a fixed
 * simulated time after it first drifts (see {@link Sharing}).
 *
 * <p>Completion times sit in one indexed heap inside the network, and the engine holds a single
 * event for the earliest of them, cancelled by handle and rescheduled when that earliest time
 * moves. Rescheduling one engine event per rate change would leave a cancelled entry in the
 * engine's heap for every changed flow. Remaining bytes are exact: a flow's remaining amount is
 * advanced by rate × elapsed time whenever its rate changes.
 */
public final class FlowNetwork {
  private static final double REL_TOL = 1e-9;
  private static final double ABS_TOL = 1e-6; // bits per second
  /** A re-solve that frees more than 1/this of the active flows switches to a full solve. */
  private static final int FULL_SOLVE_FRACTION = 8;
  private static final byte NO_ACTION = 0;
  private static final byte LATENCY_DONE = 1;
  private static final byte DELIVER_FAILURE = 2;

  /** Told about changes, for statistics; every method has an empty default. */
  public interface Observer {
    /** The weighted load of {@code link} changed by {@code delta} bits per second. */
    default void loadChanged(int link, double delta) {}

    default void capacityChanged(int link, double oldCapacity, double newCapacity) {}

    /** The summed payload rate of all active flows changed by {@code delta}. */
    default void throughputChanged(double delta) {}

    /** A flow completed, failed or was cancelled. */
    default void flowEnded(Flow flow) {}
  }

  /** Consulted when a flow's latency has passed, before it loads its links. */
  interface Gate {
    /** May {@link #fail} or {@link #block} the flow; otherwise it becomes active. */
    void admit(Flow flow);
  }

  private final Simulator sim;
  private Observer observer = new Observer() {};
  private Gate gate;
  private boolean incremental = true;
  private Sharing sharing = Sharing.EXACT_MAX_MIN;
  private long nextFlowId;
  private int attached; // active flows

  // links
  private int linkCount;
  private double[] capacity = new double[16];
  private double[] load = new double[16];
  private int[][] linkFlows = new int[16][];
  private int[][] linkHops = new int[16][]; // which hop of that flow this link is
  private double[][] linkWeights = new double[16][]; // that flow's weight here, beside it
  private int[] degree = new int[16];

  // flows, by slot; slots are recycled so the arrays stop growing at peak concurrency
  private int slotCount;
  private final IntList freeSlots = new IntList(16);
  private Flow[] flows = new Flow[16];
  private int[][] paths = new int[16][];
  private double[][] weights = new double[16][];
  private int[][] positions = new int[16][]; // index of the flow in each of its links' lists
  private int[] hops = new int[16];
  private double[] remaining = new double[16]; // bits, as of lastUpdate
  private double[] rate = new double[16];
  private double[] lastUpdate = new double[16];
  private double[] rateCap = new double[16];
  private int[] bottleneck = new int[16]; // link that limits the flow; -1 its cap; -2 none
  private int[] blocked = new int[16];
  private long[] handle = new long[16];
  private byte[] action = new byte[16];
  private SlotEvent[] slotEvents = new SlotEvent[16];

  private final IndexedMinHeap completions = new IndexedMinHeap(16);
  private final Event completionEvent = this::onCompletion;
  private long completionHandle = -1;
  private double scheduledAt = Double.POSITIVE_INFINITY;
  private final ArrayList<Flow> ended = new ArrayList<>();
  private final Event reanchorEvent = this::onReanchor;
  private long reanchorHandle = -1;
  private boolean anchoring; // the re-solve under way is an exact full one
  private long reanchors;

  // solver scratch: stamps avoid clearing arrays between solves
  private final IntList pendingDirty = new IntList(64);
  private final IntList free = new IntList(64);
  private final IntList constraints = new IntList(64);
  private final IntList overloaded = new IntList(16); // held flows alone over capacity
  // local re-solve: each constraint link's free flows, a segment of segFlow
  private int[] segStart = new int[16];
  private int[] segLength = new int[16];
  private int[] segFlow = new int[64];
  private int[] segPos = new int[64]; // beside segFlow: that flow's place in the link's list
  private int dirtyEpoch = 1;
  private int roundEpoch;
  private int[] dirtyMark = new int[16];
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
  private long solverRounds;
  private long solvedFlows;

  public FlowNetwork(Simulator sim) {
    this.sim = sim;
  }

  public Simulator simulator() {
    return sim;
  }

  void observer(Observer o) {
    this.observer = o;
  }

  void gate(Gate g) {
    this.gate = g;
  }

  /**
   * Chooses how bandwidth is re-shared after a change; before the first flow starts, so that a
   * run is one discipline throughout. Default {@link Sharing#EXACT_MAX_MIN}.
   */
  public void sharing(Sharing s) {
    if (liveFlows() > 0) {
      throw new IllegalStateException("choose the sharing mode before any flow starts");
    }
    this.sharing = s;
  }

  public Sharing sharing() {
    return sharing;
  }

  /** Exact full solves that replaced a local allocation so far (local sharing only). */
  public long reanchors() {
    return reanchors;
  }

  /** Off: every change re-solves every active flow. For tests that compare the two. */
  void incremental(boolean on) {
    this.incremental = on;
  }

  // ---- links

  /** Adds a link of {@code capacity} bits per second; returns its index. */
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

  /** Weighted rate crossing {@code link}, bits per second. */
  public double load(int link) {
    return load[link];
  }

  /** Active flows crossing {@code link}. */
  public int flowCount(int link) {
    return degree[link];
  }

  /** Changes a link's capacity (0 models a link that is down) and re-solves the flows on it. */
  public void setCapacity(int link, double newCapacity) {
    changeCapacity(link, newCapacity);
    settle();
  }

  /** As {@link #setCapacity} but leaves the re-solve to the next {@link #settle()}. */
  void changeCapacity(int link, double newCapacity) {
    checkCapacity(newCapacity);
    double old = capacity[link];
    if (old == newCapacity) {
      return;
    }
    capacity[link] = newCapacity;
    observer.capacityChanged(link, old, newCapacity);
    markDirty(link);
  }

  private static void checkCapacity(double c) {
    if (!(c >= 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("capacity must be finite and >= 0, was " + c);
    }
  }

  /** Indices of the flows now active on {@code link}; a copy. */
  int[] flowsOn(int link) {
    return Arrays.copyOf(linkFlows[link], degree[link]);
  }

  Flow flowAt(int slot) {
    return flows[slot];
  }

  // ---- flows

  /** A flow over {@code links} with weight 1 each, no latency and no rate cap. */
  public Flow start(int[] links, double bytes, FlowListener listener) {
    double[] w = new double[links.length];
    Arrays.fill(w, 1.0);
    return start(links, w, bytes, 0, Double.POSITIVE_INFINITY, listener);
  }

  /**
   * Starts a flow of {@code bytes} over {@code links} (no link twice) consuming {@code
   * weights[i]} × its rate on link i, after {@code latency} seconds, its rate never above
   * {@code rateCap} bits per second (infinity for none). The arrays are copied.
   */
  public Flow start(int[] links, double[] weights, double bytes, double latency, double rateCap,
      FlowListener listener) {
    if (weights.length != links.length) {
      throw new IllegalArgumentException("one weight per link");
    }
    return startTagged(links, weights, links.length, bytes, latency, rateCap, listener, -1, -1);
  }

  /** As {@link #start}, over the first {@code n} links, for a transfer between two nodes. */
  Flow startTagged(int[] links, double[] weights, int n, double bytes, double latency,
      double rateCap, FlowListener listener, int source, int destination) {
    if (!(bytes >= 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("bytes must be finite and >= 0, was " + bytes);
    }
    if (!(latency >= 0) || Double.isInfinite(latency)) {
      throw new IllegalArgumentException("latency must be finite and >= 0, was " + latency);
    }
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
    int s = allocateSlot(n);
    Flow f = new Flow(this, nextFlowId++, bytes, sim.now(), listener);
    f.slot = s;
    f.source = source;
    f.destination = destination;
    flows[s] = f;
    System.arraycopy(links, 0, paths[s], 0, n);
    System.arraycopy(weights, 0, this.weights[s], 0, n);
    hops[s] = n;
    remaining[s] = bytes * 8;
    rate[s] = 0;
    lastUpdate[s] = sim.now();
    this.rateCap[s] = rateCap;
    bottleneck[s] = -2;
    blocked[s] = 0;
    if (latency > 0) {
      action[s] = LATENCY_DONE;
      handle[s] = sim.schedule(latency, slotEvents[s]);
    } else {
      latencyDone(s);
    }
    return f;
  }

  /** Stops a live flow without telling its listener; its links are re-shared at once. */
  public void cancel(Flow f) {
    if (f.isDone() || f.slot < 0) {
      return;
    }
    int s = f.slot;
    end(s, Flow.Status.CANCELLED, null);
    release(s);
    settle();
  }

  /**
   * Fails a live flow; its listener hears of it from an event at the current time. Call {@link
   * #settle()} after a batch of these.
   */
  void fail(Flow f, Flow.Failure cause) {
    if (f.isDone()) {
      return;
    }
    int s = f.slot;
    end(s, Flow.Status.FAILED, cause);
    action[s] = DELIVER_FAILURE;
    handle[s] = sim.schedule(0, slotEvents[s]);
  }

  /** Holds a flow back (rate 0, off its links) until as many {@link #unblock}s. */
  void block(Flow f) {
    int s = f.slot;
    if (f.isDone() || s < 0) {
      return;
    }
    if (++blocked[s] == 1 && f.status == Flow.Status.ACTIVE) {
      detach(s);
      f.status = Flow.Status.STALLED;
    }
  }

  void unblock(Flow f) {
    int s = f.slot;
    if (f.isDone() || s < 0 || blocked[s] == 0) {
      return;
    }
    if (--blocked[s] == 0 && f.status == Flow.Status.STALLED) {
      attach(s);
    }
  }

  /** The links of a live flow; a copy. */
  int[] pathOf(Flow f) {
    return Arrays.copyOf(paths[f.slot], hops[f.slot]);
  }

  double rateOf(Flow f) {
    return f.status == Flow.Status.ACTIVE ? rate[f.slot] : 0;
  }

  double remainingBitsOf(Flow f) {
    if (f.isDone()) {
      return f.bytes() * 8 - f.deliveredBits;
    }
    int s = f.slot;
    if (f.status != Flow.Status.ACTIVE || rate[s] == 0) {
      return remaining[s];
    }
    return Math.max(0, remaining[s] - rate[s] * (sim.now() - lastUpdate[s]));
  }

  /** The link that limits an active flow: -1 when its own rate cap does, -2 when nothing does. */
  int bottleneckOf(Flow f) {
    return bottleneck[f.slot];
  }

  /** Live flows (not yet completed, failed or cancelled), including those in latency. */
  public int liveFlows() {
    return slotCount - freeSlots.size;
  }

  /** Solver rounds and re-solved flows so far, to see how far changes reach. */
  long solverRounds() {
    return solverRounds;
  }

  long solvedFlows() {
    return solvedFlows;
  }

  /** Live flows, for fault handling (rare, so a scan is fine). */
  void forEachLive(Consumer<Flow> action) {
    for (int s = 0; s < slotCount; s++) {
      Flow f = flows[s];
      if (f != null && !f.isDone()) {
        action.accept(f);
      }
    }
  }

  private void latencyDone(int s) {
    Flow f = flows[s];
    handle[s] = -1;
    action[s] = NO_ACTION;
    if (gate != null) {
      gate.admit(f);
    }
    if (f.status != Flow.Status.LATENCY) {
      settle(); // the gate failed it
      return;
    }
    if (blocked[s] > 0) {
      f.status = Flow.Status.STALLED;
      return;
    }
    attach(s);
    settle();
  }

  private void attach(int s) {
    Flow f = flows[s];
    f.status = Flow.Status.ACTIVE;
    attached++;
    lastUpdate[s] = sim.now();
    rate[s] = 0;
    int n = hops[s];
    int[] path = paths[s];
    for (int h = 0; h < n; h++) {
      int l = path[h];
      int p = degree[l]++;
      if (p == linkFlows[l].length) {
        linkFlows[l] = Arrays.copyOf(linkFlows[l], p * 2);
        linkHops[l] = Arrays.copyOf(linkHops[l], p * 2);
        linkWeights[l] = Arrays.copyOf(linkWeights[l], p * 2);
      }
      linkFlows[l][p] = s;
      linkHops[l][p] = h;
      linkWeights[l][p] = weights[s][h];
      positions[s][h] = p;
      markDirty(l);
    }
    if (n == 0) {
      // nothing to share: the cap alone sets the rate
      bottleneck[s] = -1;
      setRate(s, rateCap[s]);
    }
  }

  /** Takes an active flow off its links, remaining amount brought up to now. */
  private void detach(int s) {
    attached--;
    advance(s);
    int n = hops[s];
    int[] path = paths[s];
    double r = rate[s];
    for (int h = 0; h < n; h++) {
      int l = path[h];
      int p = positions[s][h];
      int last = --degree[l];
      if (p != last) {
        int moved = linkFlows[l][last];
        int movedHop = linkHops[l][last];
        linkFlows[l][p] = moved;
        linkHops[l][p] = movedHop;
        linkWeights[l][p] = linkWeights[l][last];
        positions[moved][movedHop] = p;
      }
      double delta = -weights[s][h] * r;
      if (last == 0) {
        delta = -load[l]; // an empty link carries exactly nothing, whatever rounding left
      }
      if (delta != 0) {
        load[l] += delta;
        observer.loadChanged(l, delta);
      }
      markDirty(l);
    }
    if (r != 0 && !Double.isInfinite(r)) {
      observer.throughputChanged(-r);
    }
    rate[s] = 0;
    completions.remove(s);
  }

  private void end(int s, Flow.Status status, Flow.Failure cause) {
    Flow f = flows[s];
    if (f.status == Flow.Status.ACTIVE) {
      detach(s);
    }
    if (handle[s] >= 0) {
      sim.cancel(handle[s]);
      handle[s] = -1;
      action[s] = NO_ACTION;
    }
    completions.remove(s);
    f.status = status;
    f.failure = cause;
    f.endTime = sim.now();
    f.deliveredBits = status == Flow.Status.COMPLETED ? f.bytes() * 8
        : f.bytes() * 8 - remaining[s];
    observer.flowEnded(f);
  }

  private void advance(int s) {
    double now = sim.now();
    double dt = now - lastUpdate[s];
    if (dt > 0 && rate[s] > 0) {
      remaining[s] = Math.max(0, remaining[s] - rate[s] * dt);
    }
    lastUpdate[s] = now;
  }

  /** Sets the rate of an active flow, keeping loads, throughput and its completion current. */
  private void setRate(int s, double r) {
    double old = rate[s];
    if (old == r) {
      return;
    }
    advance(s);
    rate[s] = r;
    double dr = (Double.isInfinite(r) ? 0 : r) - (Double.isInfinite(old) ? 0 : old);
    if (dr != 0) {
      observer.throughputChanged(dr);
    }
    scheduleFinish(s);
  }

  private void scheduleFinish(int s) {
    double now = sim.now();
    double r = rate[s];
    double rem = remaining[s];
    double t = rem <= 0 ? now : r > 0 ? now + rem / r : Double.POSITIVE_INFINITY;
    if (t < Double.POSITIVE_INFINITY) {
      completions.set(s, t, flows[s].id());
    } else {
      completions.remove(s);
    }
  }

  // ---- events

  private void onSlotEvent(int s) {
    byte a = action[s];
    if (a == LATENCY_DONE) {
      latencyDone(s);
    } else if (a == DELIVER_FAILURE) {
      Flow f = flows[s];
      handle[s] = -1;
      action[s] = NO_ACTION;
      release(s);
      f.listener.failed(f);
    }
  }

  private void onCompletion() {
    completionHandle = -1;
    scheduledAt = Double.POSITIVE_INFINITY;
    double now = sim.now();
    ended.clear();
    while (!completions.isEmpty() && completions.peekKey() <= now) {
      int s = completions.poll();
      remaining[s] = 0;
      end(s, Flow.Status.COMPLETED, null);
      ended.add(flows[s]);
      release(s);
    }
    settle();
    int n = ended.size();
    for (int i = 0; i < n; i++) {
      Flow f = ended.get(i);
      f.listener.completed(f);
    }
    ended.clear();
  }

  /** Re-solves what changed and moves the completion event; call after a batch of changes. */
  void settle() {
    resolve();
    double t = completions.isEmpty() ? Double.POSITIVE_INFINITY : completions.peekKey();
    if (t == scheduledAt) {
      return;
    }
    if (completionHandle >= 0) {
      sim.cancel(completionHandle);
      completionHandle = -1;
    }
    scheduledAt = t;
    if (t < Double.POSITIVE_INFINITY) {
      completionHandle = sim.scheduleAt(Math.max(t, sim.now()), completionEvent);
    }
  }

  // ---- the solver

  private void markDirty(int l) {
    if (dirtyMark[l] != dirtyEpoch) {
      dirtyMark[l] = dirtyEpoch;
      pendingDirty.add(l);
    }
  }

  /** Re-solves every active flow from scratch, as if every link were dirty. */
  void recomputeAll() {
    for (int l = 0; l < linkCount; l++) {
      markDirty(l);
    }
    settle();
  }

  private void resolve() {
    if (pendingDirty.size == 0) {
      return;
    }
    if (!incremental) {
      for (int l = 0; l < linkCount; l++) {
        markDirty(l);
      }
    }
    if (sharing.isLocal() && !anchoring) {
      resolveLocal();
      return;
    }
    int d = dirtyEpoch;
    while (true) {
      int round = ++roundEpoch;
      solverRounds++;
      collect(round);
      fill(round, false);
      if (!growDirty(round, d)) {
        break;
      }
      if (free.size > attached / FULL_SOLVE_FRACTION) {
        // the change reaches much of the network: one full solve beats more rounds with
        // border scans
        for (int l = 0; l < linkCount; l++) {
          markDirty(l);
        }
      }
    }
    commit();
    solvedFlows += free.size;
    pendingDirty.clear();
    dirtyEpoch++;
  }

  /**
   * Re-solves the flows on the dirty links with every other flow held at its rate, and makes
   * sure an exact solve follows within the re-anchor interval.
   */
  private void resolveLocal() {
    int round;
    while (true) {
      round = ++roundEpoch;
      solverRounds++;
      collectLocal(round);
      if (overloaded.size == 0) {
        break;
      }
      // held flows alone exceed a link (beyond rounding): they must give way, so they join
      for (int i = 0; i < overloaded.size; i++) {
        markDirty(overloaded.items[i]);
      }
    }
    fill(round, true);
    commit();
    solvedFlows += free.size;
    pendingDirty.clear();
    dirtyEpoch++;
    if (reanchorHandle < 0 && attached > 0) {
      reanchorHandle = sim.schedule(sharing.reanchorInterval(), reanchorEvent);
    }
  }

  /** Replaces the drifted local allocation by the exact one. */
  private void onReanchor() {
    reanchorHandle = -1;
    if (attached == 0) {
      return;
    }
    reanchors++;
    for (int l = 0; l < linkCount; l++) {
      markDirty(l);
    }
    anchoring = true;
    try {
      settle();
    } finally {
      anchoring = false;
    }
    resyncLoads();
  }

  /**
   * Sets each link's load to the sum over its flows. Local re-solves read held usage off this
   * ledger, so the rounding it gathers from incremental updates is cleared at each re-anchor.
   */
  private void resyncLoads() {
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
        observer.loadChanged(l, delta);
      }
    }
  }

  /**
   * As {@link #collect} but reads the held flows' usage of a link off its load ledger, so that
   * the work follows the free flows' paths rather than every flow on every link they cross. The
   * free flows of each link go in a segment of {@link #segFlow}, in the order of the link's own
   * list, so that filling fixes them in the order {@link #collect} would.
   */
  private void collectLocal(int round) {
    freeDirty(round);
    int total = constrainFreePaths(round);
    if (segFlow.length < total) {
      segFlow = new int[Math.max(total, 2 * segFlow.length)];
      segPos = new int[segFlow.length];
    }
    int at = 0;
    for (int i = 0; i < constraints.size; i++) {
      int l = constraints.items[i];
      segStart[l] = at;
      at += segLength[l];
      segLength[l] = 0;
    }
    for (int i = 0; i < free.size; i++) {
      int s = free.items[i];
      int[] path = paths[s];
      int[] place = positions[s];
      for (int h = 0, n = hops[s]; h < n; h++) {
        int l = path[h];
        int k = segStart[l] + segLength[l]++;
        segFlow[k] = s;
        segPos[k] = place[h];
      }
    }
    for (int i = 0; i < constraints.size; i++) {
      int l = constraints.items[i];
      int start = segStart[l];
      int n = segLength[l];
      boolean all = n == degree[l];
      if (all) {
        System.arraycopy(linkFlows[l], 0, segFlow, start, n);
        for (int p = 0; p < n; p++) {
          segPos[start + p] = p;
        }
      } else {
        sortByPosition(start, n);
      }
      double[] lw = linkWeights[l];
      double w = 0;
      double freeLoad = 0;
      for (int k = start, end = start + n; k < end; k++) {
        double ws = lw[segPos[k]];
        w += ws;
        freeLoad += ws * rate[segFlow[k]];
      }
      constrain(l, all ? capacity[l] : capacity[l] - (load[l] - freeLoad), w, n);
    }
  }

  /** Link {@code l} enters the solve with residual {@code res} for free weight {@code w}. */
  private void constrain(int l, double res, double w, int n) {
    if (res < -tol(capacity[l])) {
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
  private int constrainFreePaths(int round) {
    int total = 0;
    for (int i = 0; i < free.size; i++) {
      int s = free.items[i];
      int[] path = paths[s];
      for (int h = 0, n = hops[s]; h < n; h++) {
        int l = path[h];
        if (linkRound[l] != round) {
          linkRound[l] = round;
          constraints.add(l);
          segLength[l] = 0;
        }
        segLength[l]++;
      }
      total += hops[s];
    }
    return total;
  }

  /** The flows on the dirty links become free; the dirty links are the first constraints. */
  private void freeDirty(int round) {
    free.clear();
    constraints.clear();
    overloaded.clear();
    for (int i = 0; i < pendingDirty.size; i++) {
      int l = pendingDirty.items[i];
      linkRound[l] = round;
      constraints.add(l);
      segLength[l] = 0;
      int[] on = linkFlows[l];
      for (int p = 0, n = degree[l]; p < n; p++) {
        int s = on[p];
        if (flowRound[s] != round) {
          flowRound[s] = round;
          free.add(s);
        }
      }
    }
  }

  /** Free flows: those on dirty links. Constraints: the dirty links and every link they cross. */
  private void collect(int round) {
    freeDirty(round);
    constrainFreePaths(round);
    for (int i = 0; i < constraints.size; i++) {
      int l = constraints.items[i];
      double res = capacity[l];
      double w = 0;
      int count = 0;
      int[] on = linkFlows[l];
      double[] lw = linkWeights[l];
      for (int p = 0, n = degree[l]; p < n; p++) {
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
   * Progressive filling of the free flows against the residual capacities and rate caps. With
   * {@code segmented} the free flows of each link come from the segments {@link #collectLocal}
   * built, not from the link's whole list.
   */
  private void fill(int round, boolean segmented) {
    linkHeap.clear();
    capHeap.clear();
    for (int i = 0; i < constraints.size; i++) {
      int l = constraints.items[i];
      if (unfixedCount[l] > 0) {
        linkHeap.set(l, residual[l] / unfixedWeight[l], l);
      }
    }
    for (int i = 0; i < free.size; i++) {
      int s = free.items[i];
      if (rateCap[s] < Double.POSITIVE_INFINITY) {
        capHeap.set(s, rateCap[s], flows[s].id());
      }
    }
    int left = free.size;
    while (left > 0 && !(linkHeap.isEmpty() && capHeap.isEmpty())) {
      if (!capHeap.isEmpty()
          && (linkHeap.isEmpty() || capHeap.peekKey() <= linkHeap.peekKey())) {
        int s = capHeap.poll();
        fix(s, rateCap[s], -1, round);
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
            fix(s, share, l, round);
            left--;
          }
        }
        continue;
      }
      int[] on = linkFlows[l];
      for (int p = 0, n = degree[l]; p < n; p++) {
        int s = on[p];
        if (flowRound[s] == round && fixedRound[s] != round) {
          fix(s, share, l, round);
          left--;
        }
      }
    }
    if (left > 0) {
      // every free flow crosses a constraint that stays in the heap until the flow is fixed
      throw new IllegalStateException("flow solver left " + left + " flows without a rate at t="
          + sim.now());
    }
  }

  private void fix(int s, double r, int by, int round) {
    fixedRound[s] = round;
    newRate[s] = r;
    newBottleneck[s] = by;
    capHeap.remove(s);
    int[] path = paths[s];
    double[] w = weights[s];
    for (int h = 0, n = hops[s]; h < n; h++) {
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
   * failing ones dirty and says whether there were any.
   */
  private boolean growDirty(int round, int d) {
    boolean grew = false;
    for (int i = 0, n = constraints.size; i < n; i++) {
      int l = constraints.items[i];
      if (dirtyMark[l] != d && violates(l, round)) {
        dirtyMark[l] = d;
        pendingDirty.add(l);
        grew = true;
      }
    }
    return grew;
  }

  private boolean violates(int l, int round) {
    double maxFixed = 0;
    double maxFree = 0;
    double freeLimited = Double.POSITIVE_INFINITY; // slowest re-solved flow limited here
    double fixedLimited = Double.POSITIVE_INFINITY; // slowest kept flow limited here
    double sum = 0;
    int[] on = linkFlows[l];
    double[] lw = linkWeights[l];
    for (int p = 0, n = degree[l]; p < n; p++) {
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
    if (freeLimited < maxFixed - tol(maxFixed)) {
      return true;
    }
    // a kept flow limited here needs the link still full and no faster flow on it
    return fixedLimited < Double.POSITIVE_INFINITY
        && (sum < capacity[l] - tol(capacity[l]) || maxFree > fixedLimited + tol(fixedLimited));
  }

  private static double tol(double x) {
    return REL_TOL * Math.abs(x) + ABS_TOL;
  }

  private void commit() {
    double throughput = 0;
    for (int i = 0; i < free.size; i++) {
      int s = free.items[i];
      bottleneck[s] = newBottleneck[s];
      double r = newRate[s];
      double old = rate[s];
      if (r == old) {
        continue;
      }
      advance(s);
      rate[s] = r;
      throughput += r - old;
      int[] path = paths[s];
      double[] w = weights[s];
      for (int h = 0, n = hops[s]; h < n; h++) {
        loadDelta[path[h]] += w[h] * (r - old);
      }
      scheduleFinish(s);
    }
    for (int i = 0; i < constraints.size; i++) {
      int l = constraints.items[i];
      double delta = loadDelta[l];
      if (delta != 0) {
        loadDelta[l] = 0;
        load[l] += delta;
        observer.loadChanged(l, delta);
      }
    }
    if (throughput != 0) {
      observer.throughputChanged(throughput);
    }
  }

  // ---- storage

  private int allocateSlot(int pathLength) {
    int s;
    if (freeSlots.size > 0) {
      s = freeSlots.items[--freeSlots.size];
    } else {
      if (slotCount == flows.length) {
        growSlots(slotCount * 2);
      }
      s = slotCount++;
      slotEvents[s] = new SlotEvent(this, s);
      handle[s] = -1;
    }
    if (paths[s] == null || paths[s].length < pathLength) {
      int c = Math.max(4, pathLength);
      paths[s] = new int[c];
      weights[s] = new double[c];
      positions[s] = new int[c];
    }
    return s;
  }

  private void release(int s) {
    flows[s].slot = -1;
    flows[s] = null;
    freeSlots.add(s);
  }

  private void growSlots(int c) {
    flows = Arrays.copyOf(flows, c);
    paths = Arrays.copyOf(paths, c);
    weights = Arrays.copyOf(weights, c);
    positions = Arrays.copyOf(positions, c);
    hops = Arrays.copyOf(hops, c);
    remaining = Arrays.copyOf(remaining, c);
    rate = Arrays.copyOf(rate, c);
    lastUpdate = Arrays.copyOf(lastUpdate, c);
    rateCap = Arrays.copyOf(rateCap, c);
    bottleneck = Arrays.copyOf(bottleneck, c);
    blocked = Arrays.copyOf(blocked, c);
    handle = Arrays.copyOf(handle, c);
    action = Arrays.copyOf(action, c);
    slotEvents = Arrays.copyOf(slotEvents, c);
    flowRound = Arrays.copyOf(flowRound, c);
    fixedRound = Arrays.copyOf(fixedRound, c);
    newRate = Arrays.copyOf(newRate, c);
    newBottleneck = Arrays.copyOf(newBottleneck, c);
  }

  private void growLinks(int c) {
    capacity = Arrays.copyOf(capacity, c);
    load = Arrays.copyOf(load, c);
    linkFlows = Arrays.copyOf(linkFlows, c);
    linkHops = Arrays.copyOf(linkHops, c);
    linkWeights = Arrays.copyOf(linkWeights, c);
    degree = Arrays.copyOf(degree, c);
    dirtyMark = Arrays.copyOf(dirtyMark, c);
    linkRound = Arrays.copyOf(linkRound, c);
    residual = Arrays.copyOf(residual, c);
    unfixedWeight = Arrays.copyOf(unfixedWeight, c);
    unfixedCount = Arrays.copyOf(unfixedCount, c);
    loadDelta = Arrays.copyOf(loadDelta, c);
    segStart = Arrays.copyOf(segStart, c);
    segLength = Arrays.copyOf(segLength, c);
  }

  /** The engine event of one slot: its latency ending, or a failure to deliver. */
  private static final class SlotEvent implements Event {
    private final FlowNetwork net;
    private final int slot;

    SlotEvent(FlowNetwork net, int slot) {
      this.net = net;
      this.slot = slot;
    }

    @Override
    public void fire() {
      net.onSlotEvent(slot);
    }
  }
}
