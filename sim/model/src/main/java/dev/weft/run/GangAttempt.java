package dev.weft.run;

import dev.weft.engine.Simulator;
import dev.weft.network.Flow;
import dev.weft.network.FlowListener;
import dev.weft.network.Network;
import dev.weft.node.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of a data-parallel training job. It holds a slot on each member; first each
 * member receives its share of the input and, on a cold start, the model weights; then
 * blocks of {@code syncEvery} local steps (as long as the slowest member takes) alternate
 * with a ring all-reduce of the gradients: each member sends 2(n-1)/n of the gradient bytes
 * to the next as a flow over the network, so the exchange shares links with every other
 * transfer; when all flows are done, the ring's remaining 2(n-1)-1 hops add their latency
 * (what an alpha-beta model charges as 2(n-1) alpha). Any member lost, or any of its
 * transfers failed, ends the attempt on all members; the job is retried from the start.
 */
final class GangAttempt {
  private final NetworkGangs gangs;
  private final RunContext ctx;
  private final Simulator sim;
  private final Network net;
  private final JobFlow flow;
  private final JobRun run;
  private final Node[] members;
  private final int w;
  private final long steps; // a count a double demand carries exactly up to 2^53
  private final int syncEvery;
  private final double stepSeconds; // the slowest member's step
  private final double ringBytes; // each member's share of an all-reduce
  private final double ringExtra; // latency of the ring's other hops, added after the last flow
  private final List<Flow> live = new ArrayList<>();
  private long done;
  private int pending; // flows of the current phase not yet finished
  private long event = -1;
  private double phaseStart;
  private boolean syncing; // the phase under way is an all-reduce (else the staging)
  private boolean over;

  GangAttempt(NetworkGangs gangs, JobRun run, Node[] members) {
    this.gangs = gangs;
    this.ctx = gangs.context();
    this.sim = ctx.sim;
    this.net = gangs.transport().network();
    this.flow = gangs.flow;
    this.run = run;
    this.members = members;
    this.w = run.workload();
    this.steps = (long) run.job.demand();
    this.syncEvery = gangs.training.training(w).syncEvery();
    double slowest = 0;
    for (Node n : members) {
      slowest = Math.max(slowest, gangs.training.step(n.classIndex(), w).seconds());
    }
    this.stepSeconds = slowest;
    this.ringBytes = gangs.training.ringBytes(members.length, w);
    this.ringExtra = (2 * (members.length - 1) - 1) * gangs.ringHopLatency(members);
  }

  Node[] members() {
    return members;
  }

  /** Whether the attempt has ended (finished, stopped or interrupted). */
  boolean over() {
    return over;
  }

  void begin() {
    double now = sim.now();
    run.job.start(members[0].id(), now);
    run.attempt.gang = this;
    gangs.metrics().started(run.job, now);
    for (Node n : members) {
      ctx.station(n.id()).occupy(run);
      gangs.metrics().busy(n, now, 1);
      ctx.record(now, TraceEvent.STARTED, run.job, n.id());
      flow.loadChanged(n);
    }
    stage();
  }

  /**
   * Input shares and missing weights to every member, in parallel. A weight download is
   * shared with whoever else waits for the same model on that node, so it is not this
   * attempt's to cancel.
   */
  private void stage() {
    NetworkTransport transport = gangs.transport();
    String model = gangs.training.training(w).model();
    phaseStart = sim.now();
    pending++; // held until every flow is out, so an instant one cannot end the phase early
    for (Node n : members) {
      send(transport.gatewayOf(run), n.id(), run.job.inputBytes() / members.length, () -> { });
      if (!transport.cache(n).touch(model)) {
        pending++;
        transport.fetchWeights(n, model, run, flow, ok -> {
          if (over) {
            return;
          }
          if (!ok) {
            ctx.record(sim.now(), TraceEvent.TRANSFER_FAILED, run.job, n.id());
            interrupt();
          } else if (--pending == 0) {
            flowsIn();
          }
        });
      }
    }
    if (!over && --pending == 0) {
      flowsIn();
    }
  }

  private void send(int from, int to, double bytes, Runnable onArrival) {
    pending++;
    Flow[] self = new Flow[1];
    self[0] = net.transfer(from, to, bytes, FlowListener.of(
        f -> {
          live.remove(self[0]);
          onArrival.run();
          if (--pending == 0) {
            flowsIn();
          }
        },
        f -> {
          live.remove(self[0]);
          if (over) {
            return; // failed before the attempt ended, heard after: nothing left to stop
          }
          ctx.record(sim.now(), TraceEvent.TRANSFER_FAILED, run.job, to);
          interrupt();
        }));
    live.add(self[0]);
  }

  private void phaseDone() {
    if (over) {
      return;
    }
    run.networkSeconds += sim.now() - phaseStart;
    if (syncing) {
      syncing = false;
      gangs.allReduceDone(phaseStart);
    }
    if (done == steps) {
      finish();
      return;
    }
    int k = (int) Math.min(syncEvery, steps - done);
    for (Node n : members) {
      gangs.training.book(n.classIndex(), w,
          k * gangs.training.step(n.classIndex(), w).seconds());
    }
    event = sim.schedule(k * stepSeconds, () -> {
      event = -1;
      done += k;
      allReduce();
    });
  }

  private void allReduce() {
    int n = members.length;
    syncing = true;
    phaseStart = sim.now();
    pending++;
    for (int i = 0; i < n; i++) {
      send(members[i].id(), members[(i + 1) % n].id(), ringBytes, () -> { });
    }
    if (!over && --pending == 0) {
      flowsIn();
    }
  }

  /** Every flow of the phase has arrived; an all-reduce still owes its ring latency. */
  private void flowsIn() {
    if (!syncing || ringExtra <= 0) {
      phaseDone();
      return;
    }
    event = sim.schedule(ringExtra, () -> {
      event = -1;
      phaseDone();
    });
  }

  /**
   * Every step done: the members' executions settle with the economy (billed when the result
   * arrives), then the result goes home.
   */
  private void finish() {
    double now = sim.now();
    over = true;
    run.attempt.gang = null;
    double ran = now - run.job.attemptStarted();
    for (Node n : members) {
      flow.vacate(ctx.station(n.id()), run);
    }
    if (!flow.settleGang(run, members, ran, now)) {
      flow.interrupted(run, members[0], now);
    } else {
      gangs.transport().returnResult(ctx.station(members[0].id()), run, flow, now);
    }
    for (Node n : members) {
      flow.fillSlots(ctx.station(n.id()));
    }
  }

  /** Stops the attempt on every member: transfers cancelled, slots released. */
  void stop() {
    if (over) {
      return;
    }
    over = true;
    run.attempt.gang = null;
    if (event >= 0) {
      sim.cancel(event);
      event = -1;
    }
    for (Flow f : List.copyOf(live)) {
      net.cancel(f);
    }
    live.clear();
    for (Node n : members) {
      flow.vacate(ctx.station(n.id()), run);
      flow.loadChanged(n);
    }
  }

  /** A member left or a transfer failed: the attempt is lost, the job tries again. */
  void interrupt() {
    if (over) {
      return;
    }
    stop();
    flow.interrupted(run, members[0], sim.now());
    for (Node n : members) {
      flow.fillSlots(ctx.station(n.id()));
    }
  }
}
