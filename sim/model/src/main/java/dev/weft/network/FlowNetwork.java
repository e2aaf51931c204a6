package dev.weft.network;

import dev.weft.collect.IndexedMinHeap;
import dev.weft.engine.Event;
import dev.weft.engine.Simulator;
import dev.weft.maxmin.MaxMinSolver;
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
 * <p>The rates come from a {@link MaxMinSolver}, which re-solves only the part of the links a
 * change reaches. This class gives it the flows' life: latency, admission, blocking, failure,
 * completion and cancellation, the bytes each flow has left, and the engine events. Under
 * {@link Sharing.Mode#EXACT} every change is followed by an exact incremental solve; under
 * {@link Sharing.Mode#LOCAL} by a local one, and an exact full solve re-anchors the allocation
 * a fixed simulated time after it first drifts (see {@link Sharing}).
 *
 * <p>Completion times sit in one indexed heap inside the network, and the engine holds a single
 * event for the earliest of them, cancelled by handle and rescheduled when that earliest time
 * moves. Rescheduling one engine event per rate change would leave a cancelled entry in the
 * engine's heap for every changed flow. Remaining bytes are exact: a flow's remaining amount is
 * advanced by rate × elapsed time whenever its rate changes.
 */
public final class FlowNetwork {
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
  private final MaxMinSolver solver = new MaxMinSolver();
  private Observer observer = new Observer() {};
  private Gate gate;
  private boolean incremental = true;
  private Sharing sharing = Sharing.EXACT_MAX_MIN;
  private long nextFlowId;

  // flows by slot, the solver's id for the flow; slots are recycled so the arrays stop growing
  // at peak concurrency
  private Flow[] flows = new Flow[16];
  private double[] remaining = new double[16]; // bits, as of lastUpdate
  private double[] lastUpdate = new double[16];
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

  public FlowNetwork(Simulator sim) {
    this.sim = sim;
    solver.listener(new MaxMinSolver.Listener() {
      @Override
      public void rateChanged(int slot, double oldRate) {
        advance(slot, oldRate);
        scheduleFinish(slot);
      }

      @Override
      public void loadChanged(int link, double delta) {
        observer.loadChanged(link, delta);
      }

      @Override
      public void totalRateChanged(double delta) {
        observer.throughputChanged(delta);
      }
    });
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
    return solver.addLink(capacity);
  }

  public int linkCount() {
    return solver.linkCount();
  }

  public double capacity(int link) {
    return solver.capacity(link);
  }

  /** Weighted rate crossing {@code link}, bits per second. */
  public double load(int link) {
    return solver.load(link);
  }

  /** Active flows crossing {@code link}. */
  public int flowCount(int link) {
    return solver.degree(link);
  }

  /** Changes a link's capacity (0 models a link that is down) and re-solves the flows on it. */
  public void setCapacity(int link, double newCapacity) {
    changeCapacity(link, newCapacity);
    settle();
  }

  /** As {@link #setCapacity} but leaves the re-solve to the next {@link #settle()}. */
  void changeCapacity(int link, double newCapacity) {
    double old = solver.capacity(link);
    if (solver.setCapacity(link, newCapacity)) {
      observer.capacityChanged(link, old, newCapacity);
    }
  }

  /** Indices of the flows now active on {@code link}; a copy. */
  int[] flowsOn(int link) {
    return solver.flowsOn(link);
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
    // the flow's id breaks ties between equal rate caps, as it does between equal completions
    int s = solver.addFlow(links, weights, n, rateCap, nextFlowId);
    ensureSlot(s);
    Flow f = new Flow(this, nextFlowId++, bytes, sim.now(), listener);
    f.slot = s;
    f.source = source;
    f.destination = destination;
    flows[s] = f;
    remaining[s] = bytes * 8;
    lastUpdate[s] = sim.now();
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
    return solver.path(f.slot);
  }

  double rateOf(Flow f) {
    return f.status == Flow.Status.ACTIVE ? solver.rate(f.slot) : 0;
  }

  double remainingBitsOf(Flow f) {
    if (f.isDone()) {
      return f.bytes() * 8 - f.deliveredBits;
    }
    int s = f.slot;
    double r = solver.rate(s);
    if (f.status != Flow.Status.ACTIVE || r == 0) {
      return remaining[s];
    }
    return Math.max(0, remaining[s] - r * (sim.now() - lastUpdate[s]));
  }

  /**
   * The link that limits an active flow: {@link MaxMinSolver#CAPPED} (-1) when its own rate cap
   * does, {@link MaxMinSolver#UNBOUNDED} (-2) when nothing does.
   */
  int bottleneckOf(Flow f) {
    return solver.bottleneck(f.slot);
  }

  /** Live flows (not yet completed, failed or cancelled), including those in latency. */
  public int liveFlows() {
    return solver.flowCount();
  }

  /** Live flows, for fault handling (rare, so a scan is fine). */
  void forEachLive(Consumer<Flow> action) {
    for (int s = 0, n = solver.idBound(); s < n; s++) {
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
    flows[s].status = Flow.Status.ACTIVE;
    lastUpdate[s] = sim.now();
    solver.attach(s); // a flow over no links takes its cap here, through rateChanged
  }

  /** Takes an active flow off its links, remaining amount brought up to now. */
  private void detach(int s) {
    advance(s, solver.rate(s));
    solver.detach(s);
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

  /** Brings a flow's remaining amount up to now, at the rate {@code r} it has had since. */
  private void advance(int s, double r) {
    double now = sim.now();
    double dt = now - lastUpdate[s];
    if (dt > 0 && r > 0) {
      remaining[s] = Math.max(0, remaining[s] - r * dt);
    }
    lastUpdate[s] = now;
  }

  private void scheduleFinish(int s) {
    double now = sim.now();
    double r = solver.rate(s);
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

  private void resolve() {
    if (!solver.hasChanges()) {
      return;
    }
    if (!incremental) {
      solver.invalidateAll();
    }
    if (sharing.isLocal() && !anchoring) {
      solver.solveLocal();
      // make sure an exact solve follows within the re-anchor interval
      if (reanchorHandle < 0 && solver.attachedCount() > 0) {
        reanchorHandle = sim.schedule(sharing.reanchorInterval(), reanchorEvent);
      }
      return;
    }
    solver.solveExact();
  }

  /** Replaces the drifted local allocation by the exact one. */
  private void onReanchor() {
    reanchorHandle = -1;
    if (solver.attachedCount() == 0) {
      return;
    }
    reanchors++;
    solver.invalidateAll();
    anchoring = true;
    try {
      settle();
    } finally {
      anchoring = false;
    }
    // local solves read held usage off the load ledger: clear the rounding it gathered
    solver.resyncLoads();
  }

  // ---- storage

  /** Grows the arrays by slot to hold {@code s}, a slot the solver has just handed out. */
  private void ensureSlot(int s) {
    if (s == flows.length) {
      int c = 2 * s;
      flows = Arrays.copyOf(flows, c);
      remaining = Arrays.copyOf(remaining, c);
      lastUpdate = Arrays.copyOf(lastUpdate, c);
      blocked = Arrays.copyOf(blocked, c);
      handle = Arrays.copyOf(handle, c);
      action = Arrays.copyOf(action, c);
      slotEvents = Arrays.copyOf(slotEvents, c);
    }
    if (slotEvents[s] == null) {
      slotEvents[s] = new SlotEvent(this, s);
      handle[s] = -1;
    }
  }

  private void release(int s) {
    flows[s].slot = -1;
    flows[s] = null;
    solver.removeFlow(s);
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
