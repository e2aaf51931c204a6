package dev.weft.run;

import dev.weft.engine.Event;
import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.random.Distribution;
import dev.weft.scenario.NodeClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each node is online: up and down periods per node class (churn), and operators who
 * leave or rejoin for economic reasons (membership). A node is online when neither holds it
 * down. Going offline interrupts what runs there and re-places what waits there.
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
            nc.availability().downtime().toDistribution());
      }
    }
    down = new boolean[ctx.nodes.length];
    departed = new boolean[ctx.nodes.length];
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

  /** Operators whose economics made them leave go offline; those who rejoin come back. */
  void reconcileMembership() {
    for (Node n : ctx.nodes) {
      boolean gone = !economy.isActive(n.id());
      if (gone != departed[n.id()]) {
        departed[n.id()] = gone;
        ctx.record(sim.now(), gone ? TraceEvent.OPERATOR_LEFT : TraceEvent.OPERATOR_JOINED,
            null, n.id());
        updateOnline(n);
      }
    }
  }

  private void churn(Node n, boolean isDown) {
    down[n.id()] = isDown;
    if (!departed[n.id()]) {
      if (isDown) {
        economy.onOffline(n.id(), sim.now());
      } else {
        economy.onOnline(n.id(), sim.now());
      }
    }
    updateOnline(n);
  }

  /** Brings {@code n}'s online state in line with churn and membership. */
  private void updateOnline(Node n) {
    boolean want = !down[n.id()] && !departed[n.id()];
    if (want && !n.online()) {
      goOnline(n);
    } else if (!want && n.online()) {
      goOffline(n);
    }
  }

  private void goOffline(Node n) {
    double now = sim.now();
    Station at = ctx.station(n.id());
    n.setOnline(false);
    metrics.online(n, now, -1);
    placement.availabilityChanged(n);
    ctx.record(now, TraceEvent.NODE_DOWN, null, n.id());
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
    metrics.queued(-stranded.size());
    for (JobRun run : stranded) {
      flow.dispatch(run);
    }
  }

  private void goOnline(Node n) {
    double now = sim.now();
    n.setOnline(true);
    metrics.online(n, now, 1);
    placement.availabilityChanged(n);
    ctx.record(now, TraceEvent.NODE_UP, null, n.id());
    transport.nodeUp(n);
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
   * period.
   */
  private final class Cycle {
    private final Distribution up;
    private final Distribution downtime;
    private final Distribution upBiased;
    private final Distribution downBiased;
    private final double downShare;

    Cycle(Distribution up, Distribution downtime) {
      this.up = up;
      this.downtime = downtime;
      double u = up.mean();
      double d = downtime.mean();
      boolean defined = u >= 0 && d >= 0 && u + d > 0 && Double.isFinite(u + d);
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
