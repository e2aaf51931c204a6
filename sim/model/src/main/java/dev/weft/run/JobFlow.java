package dev.weft.run;

import dev.weft.economics.Result;
import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.scenario.WorkloadKind;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The path of a job through the run: submitted, placed (or held centrally), delivered to its
 * node, started on a slot or handed to the node's serving engine, completed and settled with
 * the economy; or expired at its deadline, or interrupted (node lost, bad execution, lost
 * result) and dispatched again until the retries are spent, then failed. Each outcome is
 * counted once in {@link RunMetrics} and traced.
 *
 * <p>An execution is billed when its result reaches the submitters, as a marketplace releases
 * escrow against delivery: a result lost on the way (a failed output transfer, a deadline
 * passed in transit) is work the operator did and nobody pays for, reported to the economy as
 * a failed execution, and the re-run that replaces it is the one billed. So each delivered
 * result is billed once, and the verification of a result starts when it has arrived.
 */
final class JobFlow {
  private final RunContext ctx;
  private final Simulator sim;
  private final Placement placement;
  private final RunMetrics metrics;
  private final RunEconomy economy;
  private final Transport transport;
  private final TrainingTimes training;
  private Serving serving;
  private Gangs gangs = Gangs.NONE;
  /** Checkers drawn for the job being billed, read before their re-executions start. */
  private int[] checkers = new int[4];
  /** Which operators may check the job being billed: those whose node could run it. */
  private final CanRun canRun = new CanRun();

  /** Whether an operator's node is online and in the placement group of the job billed. */
  private final class CanRun implements IntPredicate {
    Placement.Group group;

    @Override
    public boolean test(int operator) {
      Node m = ctx.nodes[operator];
      return m.online() && group != null && group.cluster.contains(m);
    }
  }

  JobFlow(RunContext ctx, Placement placement, RunMetrics metrics, RunEconomy economy,
      Transport transport, TrainingTimes training) {
    this.ctx = ctx;
    this.sim = ctx.sim;
    this.placement = placement;
    this.metrics = metrics;
    this.economy = economy;
    this.transport = transport;
    this.training = training;
  }

  /** Wires the parts that call back into the flow; once, before the run starts. */
  void connect(Serving serving, Gangs gangs) {
    this.serving = serving;
    this.gangs = gangs;
    placement.connect(serving::requests);
  }

  double now() {
    return sim.now();
  }

  void loadChanged(Node n) {
    placement.loadChanged(n);
  }

  void submit(JobRun run) {
    Job job = run.job;
    metrics.submitted(job);
    ctx.record(sim.now(), TraceEvent.SUBMITTED, job, -1);
    Double deadline = ctx.workload(job.workload()).deadline();
    if (deadline != null) {
      run.deadline = sim.schedule(deadline, () -> expire(run));
    }
    dispatch(run);
  }

  /**
   * Places {@code run}: on a node, in its group's central queue, or in the gang queue; or fails
   * it at once when no node class could ever hold it (an inference request larger than every
   * KV cache able to serve its model).
   */
  void dispatch(JobRun run) {
    if (run.isCheck()) {
      checkDropped(run); // its node was lost, or its input never arrived: never re-placed
      return;
    }
    Job job = run.job;
    Placement.Group g = placement.groupOf(job);
    if (g == null) {
      double now = sim.now();
      ctx.record(now, TraceEvent.TOO_LARGE, job, -1);
      fail(run, null, now);
      return;
    }
    if (ctx.workload(job.workload()).nodes() > 1) {
      job.queueAt(-1);
      g.gangs.addLast(run);
      metrics.queued(1);
      ctx.record(sim.now(), TraceEvent.QUEUED, job, -1);
      gangs.requestAttempt();
      return;
    }
    Node n = g.scheduler.place(job);
    if (n == null) {
      job.queueAt(-1);
      g.central.addLast(run);
      g.centralLive++;
      metrics.queued(1);
      ctx.record(sim.now(), TraceEvent.QUEUED, job, -1);
      return;
    }
    if (!n.online() || !g.cluster.contains(n)) {
      throw new IllegalStateException("scheduler " + g.scheduler.getClass().getSimpleName()
          + " placed job on node " + n.id() + " that cannot take it");
    }
    transport.deliver(ctx.station(n.id()), run, this);
  }

  /** The job has reached its node (and its weights are there): serve, start or queue it. */
  void proceed(Station at, JobRun run) {
    Node n = at.node;
    if (!n.online()) {
      dispatch(run); // the node left while the job was on its way
      return;
    }
    if (ctx.kind(run.workload()) == WorkloadKind.INFERENCE) {
      serving.serve(at, run);
    } else if (n.hasFreeSlot() && n.queued() == 0) {
      start(at, run);
    } else {
      run.job.queueAt(n.id());
      at.enqueue(run);
      if (!run.isCheck()) {
        metrics.queued(1);
        ctx.record(sim.now(), TraceEvent.QUEUED, run.job, n.id());
      }
    }
    placement.loadChanged(n);
  }

  /**
   * Draws what {@code n} returns for {@code run}, about to start there: true when it is junk,
   * returned at once without the compute.
   */
  boolean returnsJunk(JobRun run, Node n) {
    run.attempt.result = economy.execution(n.id());
    return run.attempt.result != Result.CORRECT;
  }

  /** Seconds {@code job} occupies a slot of {@code n}. */
  private double serviceTime(Node n, Job job) {
    if (ctx.kind(job.workload()) != WorkloadKind.TRAINING) {
      return job.demand() / n.speed();
    }
    return job.demand() * training.step(n.classIndex(), job.workload()).seconds(); // steps
  }

  private void start(Station at, JobRun run) {
    Job job = run.job;
    Node n = at.node;
    double now = sim.now();
    job.start(n.id(), now);
    at.occupy(run);
    metrics.busy(n, now, 1);
    if (run.isCheck()) {
      ctx.record(now, TraceEvent.CHECK_STARTED, job, n.id());
    } else {
      metrics.started(job, now);
      ctx.record(now, TraceEvent.STARTED, job, n.id());
      returnsJunk(run, n);
    }
    double service = serviceTime(n, job);
    if (run.attempt.result != Result.CORRECT && !run.isCheck()) {
      service = 0; // junk returned at once: the slot is free again
    } else if (ctx.kind(job.workload()) == WorkloadKind.TRAINING) {
      training.book(n.classIndex(), job.workload(), service);
    }
    run.attempt.completion = sim.schedule(service, () -> complete(run));
  }

  /** {@code run} leaves its slot on {@code at}. */
  void vacate(Station at, JobRun run) {
    at.release(run);
    metrics.busy(at.node, sim.now(), -1);
    run.attempt.completion = -1;
  }

  private void complete(JobRun run) {
    Station at = ctx.station(run.job.nodeId());
    Node n = at.node;
    double now = sim.now();
    double ran = now - run.job.attemptStarted();
    vacate(at, run);
    if (!run.isCheck() && run.attempt.result != Result.CORRECT) {
      ran = serviceTime(n, run.job); // junk claims the work an honest execution would have done
      metrics.skipped(ran * ctx.nodeClass(n).gpus());
    }
    if (!settle(run, n, ran * ctx.nodeClass(n).gpus(), now)) {
      fillSlots(at);
      return;
    }
    transport.returnResult(at, run, this, now);
    fillSlots(at);
  }

  /**
   * Tells the economy whether the execution on {@code n} failed; false when it did (the job was
   * retried or failed), true when its result stands: it goes home, and is billed and may be
   * checked when it arrives ({@link #finishCompleted}).
   */
  boolean settle(JobRun run, Node n, double gpuSeconds, double now) {
    if (run.isCheck()) {
      metrics.checkRan(gpuSeconds); // the economy booked its energy when it drew the checker
      return true;
    }
    if (run.attempt.result == Result.CORRECT) {
      metrics.worked(gpuSeconds);
    }
    if (economy.executionFails(n.id())) {
      economy.onJobFailed(n.id(), gpuSeconds, now);
      ctx.record(now, TraceEvent.EXECUTION_FAILED, run.job, n.id());
      interrupted(run, n, now);
      return false;
    }
    run.attempt.unbilled = gpuSeconds;
    run.attempt.unbilledGang = null;
    return true;
  }

  /**
   * As {@link #settle} for a data-parallel attempt that ran {@code seconds} on each member:
   * false when a member's execution failed, and then no member's work is paid, since the
   * attempt's result is lost with it (the caller retries the job).
   */
  boolean settleGang(JobRun run, Node[] members, double seconds, double now) {
    boolean[] failed = new boolean[members.length];
    boolean ok = true;
    for (int i = 0; i < members.length; i++) {
      Node m = members[i];
      metrics.worked(seconds * ctx.nodeClass(m).gpus());
      if (economy.executionFails(m.id())) {
        failed[i] = true;
        ok = false;
        economy.onJobFailed(m.id(), seconds * ctx.nodeClass(m).gpus(), now);
        ctx.record(now, TraceEvent.EXECUTION_FAILED, run.job, m.id());
      }
    }
    if (!ok) {
      for (int i = 0; i < members.length; i++) {
        if (!failed[i]) {
          economy.onJobFailed(members[i].id(), seconds * ctx.nodeClass(members[i]).gpus(), now);
        }
      }
      return false;
    }
    run.attempt.unbilled = seconds;
    run.attempt.unbilledGang = members;
    return true;
  }

  /**
   * Settles the execution whose result was on its way home: when it arrived ({@code
   * delivered}) the economy prices it, escrows the fee and may order checks; when it never will,
   * the operators did the work and are paid nothing for it.
   */
  private void closeBill(JobRun run, Node n, double now, boolean delivered) {
    Attempt a = run.attempt;
    if (Double.isNaN(a.unbilled)) {
      return;
    }
    double amount = a.unbilled;
    Node[] gang = a.unbilledGang;
    a.unbilled = Double.NaN;
    a.unbilledGang = null;
    if (gang == null) {
      bill(run, n, amount, now, delivered, a.result);
      return;
    }
    for (Node m : gang) {
      // a member of a data-parallel attempt cannot skip its share without stalling the others:
      // it computed, and what it returns is drawn now
      Result r = delivered ? economy.execution(m.id()) : Result.CORRECT;
      bill(run, m, amount * ctx.nodeClass(m).gpus(), now, delivered, r);
    }
  }

  private void bill(JobRun run, Node n, double gpuSeconds, double now, boolean delivered,
      Result r) {
    if (!delivered) {
      economy.onJobFailed(n.id(), gpuSeconds, now);
      return;
    }
    canRun.group = placement.groupOf(run.job);
    int checks = economy.onJobCompleted(n.id(), gpuSeconds, run.job.outputTokens(), now, r,
        canRun, run.job.secondBid());
    if (checks > checkers.length) {
      checkers = new int[checks];
    }
    for (int i = 0; i < checks; i++) {
      checkers[i] = economy.reexecutor(i); // read all before any re-execution starts
    }
    for (int i = 0; i < checks; i++) {
      JobRun check = JobRun.recheck(run, now);
      metrics.checkOrdered();
      transport.deliver(ctx.station(checkers[i]), check, this);
    }
  }

  /** {@code run}'s result failed on its way home from {@code n}: unpaid, and run again. */
  void resultLost(JobRun run, Node n, double now) {
    if (run.isCheck()) {
      checkDropped(run);
      return;
    }
    closeBill(run, n, now, false);
    interrupted(run, n, now);
  }

  /** {@code run}'s result reached its submitters from {@code n}: billed, and done. */
  void finishCompleted(JobRun run, Node n, double now) {
    if (run.isCheck()) {
      run.job.finish(Job.State.COMPLETED);
      metrics.checkDone();
      ctx.record(now, TraceEvent.CHECK_DONE, run.job, n.id());
      return;
    }
    closeBill(run, n, now, true);
    run.job.finish(Job.State.COMPLETED);
    if (run.deadline >= 0) {
      sim.cancel(run.deadline);
    }
    metrics.completed(run, n, now);
    ctx.record(now, TraceEvent.COMPLETED, run.job, n.id());
  }

  /** A running attempt of {@code run} on {@code n} was lost: retry elsewhere or fail. */
  void interrupted(JobRun run, Node n, double now) {
    if (run.isCheck()) {
      checkDropped(run);
      return;
    }
    run.job.requeue();
    if (run.job.attempts() > ctx.retries()) {
      fail(run, n, now);
    } else {
      ctx.record(now, TraceEvent.INTERRUPTED, run.job, n.id());
      dispatch(run);
    }
  }

  /** Nothing ran yet: place the job again, unless its transfers keep failing. */
  void transferFailed(JobRun run, Station at) {
    if (++run.transferFailures > ctx.retries()) {
      fail(run, at.node, sim.now());
    } else {
      dispatch(run);
    }
  }

  /**
   * A re-execution that will not finish (its node left, a transfer failed): the verdict is the
   * economy's and stands; the compute it would have spent is counted as dropped.
   */
  private void checkDropped(JobRun run) {
    Job.State st = run.job.state();
    if (st == Job.State.QUEUED || st == Job.State.RUNNING) {
      run.job.finish(Job.State.FAILED);
      metrics.checkDropped();
      ctx.record(sim.now(), TraceEvent.CHECK_DROPPED, run.job, run.job.nodeId());
    }
  }

  void fail(JobRun run, Node n, double now) {
    run.job.finish(Job.State.FAILED);
    if (run.deadline >= 0) {
      sim.cancel(run.deadline);
    }
    metrics.failed(run.job);
    ctx.record(now, TraceEvent.FAILED, run.job, n == null ? -1 : n.id());
  }

  /** The deadline passed: stop whatever the job is doing and count it expired. */
  private void expire(JobRun run) {
    Job job = run.job;
    Attempt a = run.attempt;
    double now = sim.now();
    run.deadline = -1;
    if (a.phase != NetworkPhase.NONE) {
      Node at = ctx.nodes[job.nodeId() >= 0 ? job.nodeId() : 0];
      closeBill(run, at, now, false); // a result in transit arrives too late to be paid for
      transport.abandon(run, at, this);
      job.finish(Job.State.EXPIRED);
    } else if (job.state() == Job.State.RUNNING && a.gang != null) {
      GangAttempt g = a.gang;
      g.stop();
      job.finish(Job.State.EXPIRED);
      for (Node m : g.members()) {
        economy.onMissedDeadline(m.id(), now);
        fillSlots(ctx.station(m.id()));
      }
    } else if (job.state() == Job.State.RUNNING) {
      Station at = ctx.station(job.nodeId());
      if (a.request != null) {
        serving.remove(at, run);
        job.finish(Job.State.EXPIRED);
        serving.updateLoad(at.node);
      } else {
        sim.cancel(a.completion);
        vacate(at, run);
        job.finish(Job.State.EXPIRED);
      }
      economy.onMissedDeadline(at.node.id(), now);
      fillSlots(at);
    } else {
      int node = job.nodeId();
      job.finish(Job.State.EXPIRED); // left in its deque, skipped when reached
      metrics.queued(-1);
      if (node < 0) {
        if (ctx.workload(job.workload()).nodes() == 1) { // gang queues skip expired jobs
          placement.groupOf(job).centralLive--;
        }
      } else {
        ctx.station(node).forgetQueued();
        placement.loadChanged(ctx.nodes[node]);
      }
    }
    metrics.expired(job);
    ctx.record(now, TraceEvent.EXPIRED, job, -1);
  }

  /** Starts waiting work on {@code at} while it has room: its own queue first. */
  void fillSlots(Station at) {
    Node n = at.node;
    if (!n.online()) {
      return;
    }
    while (n.hasFreeSlot()) {
      JobRun next = at.poll();
      if (next != null) {
        if (!next.isCheck()) {
          metrics.queued(-1);
        }
        start(at, next);
        continue;
      }
      next = pollCentral(at);
      if (next == null) {
        break;
      }
      if (ctx.kind(next.workload()) == WorkloadKind.INFERENCE) {
        serving.serve(at, next);
      } else {
        start(at, next);
      }
    }
    placement.loadChanged(n);
    if (n.hasFreeSlot()) {
      gangs.requestAttempt();
    }
  }

  /**
   * The oldest live job waiting centrally in {@code at}'s groups that it can take now, first
   * come first served across the groups (a node of a large-KV class serves the requests only
   * it can hold in their turn, not after every small one); null when none.
   */
  private JobRun pollCentral(Station at) {
    Placement.Group from = null;
    JobRun oldest = null;
    for (int gi : placement.groupsOf(at.node)) {
      Placement.Group g = placement.groups().get(gi);
      JobRun j;
      while ((j = g.central.peekFirst()) != null && !j.job.isWaiting()) {
        g.central.pollFirst();
      }
      if (j == null || ctx.kind(j.workload()) == WorkloadKind.INFERENCE && serving.full(at, j)) {
        continue; // nothing here, or this node's engine is full: leave it for another node
      }
      if (oldest == null || j.job.submitted() < oldest.job.submitted()) {
        oldest = j;
        from = g;
      }
    }
    if (oldest != null) {
      from.central.pollFirst();
      from.centralLive--;
      metrics.queued(-1);
    }
    return oldest;
  }

  /**
   * Jobs held centrally because no node would take them (schedulers that do not queue
   * centrally) are placed again: a node came back, or a fault ended.
   */
  void redispatchCentral(Placement.Group g) {
    if (g.scheduler.queuesCentrally() || g.centralLive == 0) {
      return;
    }
    List<JobRun> waiting = new ArrayList<>();
    JobRun j;
    while ((j = g.central.pollFirst()) != null) {
      if (j.job.isWaiting()) {
        waiting.add(j);
      }
    }
    g.centralLive = 0;
    metrics.queued(-waiting.size());
    for (JobRun job : waiting) {
      dispatch(job);
    }
  }

  /** A fault ended: held jobs are placed again and waiting gangs try again. */
  void afterRepair() {
    for (Placement.Group g : placement.groups()) {
      redispatchCentral(g);
    }
    gangs.requestAttempt();
  }
}
