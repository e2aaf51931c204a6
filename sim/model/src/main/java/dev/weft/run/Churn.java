package dev.weft.run;

import dev.weft.engine.Event;
import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.random.Distribution;
import dev.weft.scenario.ChurnStart;
import dev.weft.scenario.NodeClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each node is online: up and down periods per node class (churn), and operators the
 * economy lets take work or not (membership: jailed or released, gone or back, below the
 * minimum stake or topped up). A node is online when neither holds it down. Going offline
 * takes the node out of placement, then interrupts what runs there and re-places what waits
 * there.
 *
 * <p>The economy reports a change of membership the moment it happens, often in the middle of
 * a job's settlement or of a serving engine's iteration. A node that may no longer take work
 * leaves placement at once (no job is placed or started there from that instant), and the rest
 * (cutting its links, interrupting its work) follows in an event at the same instant, once the
 * step under way has finished with the node's state. A node that may take work again (which
 * the economy decides only at an epoch's end) is back at once.
 */
final class Churn {
  private final RunContext ctx;
  private final Simulator sim;
  private final Placement placement;
  private final RunMetrics metrics;
  private final RunEconomy economy;
  private final Transport transport;
  private final JobFlow flow;
  private final Serving serving;
  private final Cycle[] byClass; // null for a class without availability
  private final boolean[] down;
  private final boolean[] departed;
  /** Connected, its work in place: true until evicted, again once back online. */
  private final boolean[] attached;
  /** The node's eviction waits for its event at the same instant. */
  private final boolean[] pending;

  Churn(RunContext ctx, Placement placement, RunMetrics metrics, RunEconomy economy,
      Transport transport, JobFlow flow, Serving serving) {
    this.ctx = ctx;
    this.sim = ctx.sim;
    this.placement = placement;
    this.metrics = metrics;
    this.economy = economy;
    this.transport = transport;
    this.flow = flow;
    this.serving = serving;
    List<NodeClass> classes = ctx.scenario.nodes();
    byClass = new Cycle[classes.size()];
    for (int c = 0; c < classes.size(); c++) {
      NodeClass nc = classes.get(c);
      if (nc.availability() != null) {
        byClass[c] = new Cycle(nc.availability().uptime().toDistribution(),
            nc.availability().downtime().toDistribution(),
            nc.availability().start() == ChurnStart.STATIONARY);
      }
    }
    down = new boolean[ctx.nodes.length];
    departed = new boolean[ctx.nodes.length];
    attached = new boolean[ctx.nodes.length];
    java.util.Arrays.fill(attached, true);
    pending = new boolean[ctx.nodes.length];
  }

  /**
   * Starts every churning node in the stationary state of its up/down cycle: down at t = 0 with
   * probability E[down] / (E[up] + E[down]), for the residual of the period under way.
   */
  void start() {
    for (Node n : ctx.nodes) {
      Cycle cycle = byClass[n.classIndex()];
      if (cycle != null) {
        cycle.start(n);
      }
    }
  }

  /**
   * Operators the economy does not let take work at the start (below the minimum stake) are
   * offline; once, before anything runs. Later changes come through {@link #activityChanged}.
   */
  void syncMembership() {
    for (Node n : ctx.nodes) {
      if (!economy.isActive(n.id())) {
        departed[n.id()] = true;
        ctx.record(sim.now(), TraceEvent.OPERATOR_LEFT, null, n.id());
        updateOnline(n);
      }
    }
  }

  /**
   * The economy lets {@code operator}'s node take work again ({@code active}): back online now
   * (unless churn holds it down), which calls nothing of the economy's. Or no longer: out of
   * placement now, the eviction of its work in an event at the same instant.
   */
  void activityChanged(int operator, boolean active) {
    if (departed[operator] != active) {
      return;
    }
    Node n = ctx.nodes[operator];
    departed[operator] = !active;
    ctx.record(sim.now(), active ? TraceEvent.OPERATOR_JOINED : TraceEvent.OPERATOR_LEFT,
        null, operator);
    if (active) {
      updateOnline(n);
      return;
    }
    if (n.online()) {
      withdraw(n);
    }
    if (!pending[operator]) {
      pending[operator] = true;
      sim.schedule(0, () -> {
        pending[operator] = false;
        updateOnline(n);
      });
    }
  }

  /**
   * {@code n}'s up or down period began. The economy hears of it even while the operator may
   * not take work, so its view of who is online is right when the operator returns.
   */
  private void churn(Node n, boolean isDown) {
    down[n.id()] = isDown;
    if (isDown) {
      economy.onOffline(n.id(), sim.now());
    } else {
      economy.onOnline(n.id(), sim.now());
    }
    updateOnline(n);
  }

  /** Brings {@code n}'s online state in line with churn and membership. */
  private void updateOnline(Node n) {
    boolean want = !down[n.id()] && !departed[n.id()];
    if (want) {
      if (!n.online()) {
        goOnline(n);
      }
      return;
    }
    if (n.online()) {
      withdraw(n);
    }
    if (attached[n.id()]) {
      evict(n);
    }
  }

  /** {@code n} leaves placement: no job is placed on it or started there from now. */
  private void withdraw(Node n) {
    double now = sim.now();
    n.setOnline(false);
    metrics.online(n, now, -1);
    placement.availabilityChanged(n);
    ctx.record(now, TraceEvent.NODE_DOWN, null, n.id());
  }

  /** {@code n}, already out of placement, loses its links, its running and its waiting work. */
  private void evict(Node n) {
    double now = sim.now();
    Station at = ctx.station(n.id());
    attached[n.id()] = false;
    transport.nodeDown(n);
    for (JobRun run : at.running()) {
      if (run.attempt.gang != null) {
        run.attempt.gang.interrupt(); // its transfers may have failed it already
        continue;
      }
      sim.cancel(run.attempt.completion);
      flow.vacate(at, run);
      flow.interrupted(run, n, now);
    }
    serving.clear(at);
    List<JobRun> stranded = new ArrayList<>();
    at.drain(stranded::add);
    metrics.queued(-(int) stranded.stream().filter(r -> !r.isCheck()).count());
    for (JobRun run : stranded) {
      flow.dispatch(run); // a re-execution is dropped there, the others placed again
    }
  }

  private void goOnline(Node n) {
    double now = sim.now();
    n.setOnline(true);
    metrics.online(n, now, 1);
    placement.availabilityChanged(n);
    ctx.record(now, TraceEvent.NODE_UP, null, n.id());
    if (!attached[n.id()]) { // else it is back before its eviction: links and work are intact
      attached[n.id()] = true;
      transport.nodeUp(n);
    }
    flow.fillSlots(ctx.station(n.id()));
    transport.afterReturn(n, () -> {
      for (int gi : placement.groupsOf(n)) {
        flow.redispatchCentral(placement.groups().get(gi));
      }
    });
  }

  /**
   * Alternating up and down periods for the nodes of one class, one stream per node, started
   * in equilibrium. An alternating renewal process looked at a long time after its start is
   * down with probability q = E[down] / (E[up] + E[down]), and the period under way is
   * length-biased (density x f(x) / E[X]) with the instant uniform in it, so the residual time
   * has the equilibrium distribution F_e(x) = (1 / E[X]) ∫_0^x (1 - F(t)) dt. Drawing the start
   * so makes t = 0 look like any later instant, and no warm-up is needed for availability.
   *
   * <p>The start draws from its own stream, {@code node/<class>/churn-start/<id>}, so the up and
   * down periods after it come from {@code node/<class>/churn/<id>} in the same sequence as
   * before: the first full period a node lives is its stream's first draw either way.
   * Without a finite positive mean of both periods (a Pareto of shape at most 1), or a
   * length-biased form, the stationary state is undefined and the node starts up with a fresh
   * period; so it does when the scenario asks for {@code start: up}.
   */
  private final class Cycle {
    private final Distribution up;
    private final Distribution downtime;
    private final Distribution upBiased;
    private final Distribution downBiased;
    private final double downShare;

    Cycle(Distribution up, Distribution downtime, boolean stationary) {
      this.up = up;
      this.downtime = downtime;
      double u = up.mean();
      double d = downtime.mean();
      boolean defined = stationary && u >= 0 && d >= 0 && u + d > 0 && Double.isFinite(u + d);
      this.upBiased = defined && u > 0 ? up.lengthBiased() : null;
      this.downBiased = defined && d > 0 ? downtime.lengthBiased() : null;
      this.downShare = !defined || (u > 0 && upBiased == null) || (d > 0 && downBiased == null)
          ? -1 : d / (u + d);
    }

    void start(Node n) {
      NodeClass nc = ctx.nodeClass(n);
      var rng = ctx.streams.stream("node/" + nc.name() + "/churn", n.id());
      Period p = new Period(n, up.sampler(rng), downtime.sampler(rng));
      if (downShare < 0) {
        p.upFor(p.up.sample());
        return;
      }
      var at0 = ctx.streams.stream("node/" + nc.name() + "/churn-start", n.id());
      boolean down = at0.nextDouble() < downShare;
      Distribution biased = down ? downBiased : upBiased;
      double residual = at0.nextDouble() * biased.sampler(at0).sample();
      if (down) {
        churn(n, true);
        sim.schedule(residual, p.recoverEvent);
      } else {
        p.upFor(residual);
      }
    }
  }

  /** One node's cycle: the events that end its up and down periods. */
  private final class Period {
    private final Node n;
    private final Distribution.Sampler up;
    private final Distribution.Sampler down;
    final Event failEvent = this::fail;
    final Event recoverEvent = this::recover;

    Period(Node n, Distribution.Sampler up, Distribution.Sampler down) {
      this.n = n;
      this.up = up;
      this.down = down;
    }

    void upFor(double seconds) {
      sim.schedule(Math.max(0, seconds), failEvent);
    }

    private void fail() {
      churn(n, true);
      sim.schedule(Math.max(0, down.sample()), recoverEvent);
    }

    private void recover() {
      churn(n, false);
      upFor(up.sample());
    }
  }
}
