package dev.weft.run;

import dev.weft.economics.Economy;
import dev.weft.economics.EconomicsSummary;
import dev.weft.engine.Simulator;
import dev.weft.node.Node;
import dev.weft.random.Distribution;
import dev.weft.random.RandomStreams;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.Workload;
import dev.weft.scheduling.Cluster;
import dev.weft.scheduling.Scheduler;
import dev.weft.scheduling.Schedulers;
import dev.weft.stats.Tally;
import dev.weft.stats.TimeAverage;
import dev.weft.workload.ArrivalTrace;
import dev.weft.workload.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * The mutable state of one run and the job flow through it: arrival, placement, queueing,
 * service, and the outcomes completed, failed (node churn beyond the retries) or expired
 * (deadline). Build one per run; {@link #run} may be called once.
 */
public final class World implements Cluster {

  private static final List<String> SERIES_COLUMNS = List.of("time", "queued", "running",
      "onlineNodes", "utilization", "submitted", "completed", "failed", "expired", "throughput");

  private final Scenario scenario;
  private final Resources resources;
  private final Simulator sim = new Simulator();
  private final RandomStreams streams;
  private final Node[] nodes;
  private final Node[] onlineList;
  private int onlineCount;
  private final Scheduler scheduler;
  private final ArrayDeque<Job> central = new ArrayDeque<>();
  private int centralLive;
  private long nextJobId;
  private Trace trace = Trace.NONE;

  private final Economy economy;
  private final boolean[] churnDown;
  private final boolean[] departed;
  private final Stream[] streamsByWorkload;
  private final ChurnModel[] churnByClass;

  // statistics
  private final JobAccount all = new JobAccount();
  private final JobAccount[] byWorkload;
  private final TimeAverage busySlots = new TimeAverage(0, 0);
  private final TimeAverage onlineSlots;
  private final TimeAverage onlineNodes;
  private final TimeAverage[] classBusy;
  private final TimeAverage[] classOnline;
  private final long[] classCompleted;
  private final Tally[] classLatency;
  private int queuedLive;
  private final TimeSeries.Builder series = new TimeSeries.Builder(SERIES_COLUMNS);
  private final double[] intervalCounts = new double[4]; // submitted, completed, failed, expired
  private boolean ran;

  public World(Scenario scenario) {
    this(scenario, Resources.NONE);
  }

  public World(Scenario scenario, Resources resources) {
    this.scenario = scenario;
    this.resources = resources;
    this.streams = new RandomStreams(scenario.seed());
    List<NodeClass> classes = scenario.nodes();
    nodes = new Node[scenario.nodeCount()];
    onlineList = new Node[nodes.length];
    churnByClass = new ChurnModel[classes.size()];
    classBusy = new TimeAverage[classes.size()];
    classOnline = new TimeAverage[classes.size()];
    classCompleted = new long[classes.size()];
    classLatency = new Tally[classes.size()];
    int id = 0;
    long totalSlots = 0;
    for (int c = 0; c < classes.size(); c++) {
      NodeClass nc = classes.get(c);
      for (int i = 0; i < nc.count(); i++) {
        Node n = new Node(id, c, nc.slots(), nc.speed());
        nodes[id] = n;
        n.schedulerIndex = -1;
        onlineList[id] = n;
        id++;
      }
      totalSlots += (long) nc.count() * nc.slots();
      classBusy[c] = new TimeAverage(0, 0);
      classOnline[c] = new TimeAverage(0, (double) nc.count() * nc.slots());
      classLatency[c] = new Tally();
      if (nc.availability() != null) {
        churnByClass[c] = new ChurnModel(nc.availability().uptime().toDistribution(),
            nc.availability().downtime().toDistribution());
      }
    }
    onlineCount = nodes.length;
    onlinePos = new int[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      onlinePos[i] = i;
    }
    onlineSlots = new TimeAverage(0, totalSlots);
    onlineNodes = new TimeAverage(0, nodes.length);

    streamsByWorkload = new Stream[scenario.workload().size()];
    byWorkload = new JobAccount[scenario.workload().size()];
    for (int w = 0; w < streamsByWorkload.length; w++) {
      streamsByWorkload[w] = new Stream(w, scenario.workload().get(w));
      byWorkload[w] = new JobAccount();
    }
    scheduler = Schedulers.create(scenario.scheduler().policy());
    churnDown = new boolean[nodes.length];
    departed = new boolean[nodes.length];
    economy = scenario.economics() == null ? null
        : Economy.create(scenario.economics(), Fleet.operators(scenario, streams), streams);
    if (economy != null) {
      economySeries = new TimeSeries.Builder(economyColumns());
    } else {
      economySeries = null;
    }
  }

  private final TimeSeries.Builder economySeries;

  private static List<String> economyColumns() {
    List<String> c = new ArrayList<>();
    c.add("time");
    c.addAll(Economy.seriesColumns());
    return c;
  }

  @Override
  public double selectionWeight(Node n) {
    return economy == null ? 1.0 : economy.selectionWeight(n.id());
  }

  @Override
  public double bid(Node n) {
    return economy == null ? 0.0 : economy.bid(n.id());
  }

  private final int[] onlinePos;

  /** Sends every job lifecycle event to {@code trace}. */
  public World trace(Trace t) {
    this.trace = t;
    return this;
  }

  public RunResult run() {
    return run(fraction -> {});
  }

  /** Runs to the scenario's duration, reporting progress (0..1) at each metrics sample. */
  public RunResult run(DoubleConsumer progress) {
    if (ran) {
      throw new IllegalStateException("a World runs once");
    }
    ran = true;
    long wallStart = System.nanoTime();
    scheduler.attach(this, streams.stream("scheduler/" + scenario.scheduler().policy()));
    double duration = scenario.duration();
    double warmup = Math.min(scenario.warmup(), duration);
    sim.warmup(warmup, this::endWarmup);
    for (Stream s : streamsByWorkload) {
      s.scheduleNext();
    }
    if (economy != null) {
      reconcileMembership(); // operators below the minimum stake never join
      double epoch = economy.epochLength();
      sim.every(epoch, epoch, () -> {
        economy.tick(sim.now());
        reconcileMembership();
        scheduler.weightsChanged();
      });
    }
    for (Node n : nodes) {
      ChurnModel churn = churnByClass[n.classIndex()];
      if (churn != null) {
        churn.start(n);
      }
    }
    double interval = scenario.outputs().metricsInterval();
    sim.every(interval, interval, () -> {
      sample();
      progress.accept(Math.min(1.0, sim.now() / duration));
    });
    sim.runUntil(duration);
    if (series.build().rows().isEmpty()
        || series.build().rows().get(series.build().rows().size() - 1)[0] < duration) {
      sample();
    }
    progress.accept(1.0);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return result(wall, duration - warmup);
  }

  private void endWarmup() {
    double now = sim.now();
    busySlots.restart(now);
    onlineSlots.restart(now);
    onlineNodes.restart(now);
    for (int c = 0; c < classBusy.length; c++) {
      classBusy[c].restart(now);
      classOnline[c].restart(now);
    }
  }

  // ---- Cluster, for schedulers

  @Override
  public int size() {
    return nodes.length;
  }

  @Override
  public Node node(int id) {
    return nodes[id];
  }

  @Override
  public int onlineCount() {
    return onlineCount;
  }

  @Override
  public Node online(int i) {
    return onlineList[i];
  }

  // ---- job flow

  private void submit(Job job) {
    if (job.counted()) {
      all.submitted++;
      byWorkload[job.workload()].submitted++;
    }
    intervalCounts[0]++;
    trace.record(sim.now(), "submitted", job, -1);
    Double deadline = scenario.workload().get(job.workload()).deadline();
    if (deadline != null) {
      job.deadlineHandle = sim.schedule(deadline, () -> expire(job));
    }
    dispatch(job);
  }

  private void dispatch(Job job) {
    Node n = scheduler.place(job);
    if (n == null) {
      job.queueAt(-1);
      central.addLast(job);
      centralLive++;
      queuedLive++;
      trace.record(sim.now(), "queued", job, -1);
      return;
    }
    if (!n.online()) {
      throw new IllegalStateException(
          "scheduler " + scenario.scheduler().policy() + " placed job on offline node " + n.id());
    }
    if (n.hasFreeSlot() && n.queued() == 0) {
      start(n, job);
    } else {
      job.queueAt(n.id());
      n.enqueue(job);
      queuedLive++;
      trace.record(sim.now(), "queued", job, n.id());
    }
    scheduler.loadChanged(n);
  }

  private void start(Node n, Job job) {
    double now = sim.now();
    job.start(n.id(), now);
    n.occupySlot(job);
    busySlots.add(now, 1);
    classBusy[n.classIndex()].add(now, 1);
    if (job.counted() && job.attempts() == 1) {
      all.wait.add(now - job.submitted());
      byWorkload[job.workload()].wait.add(now - job.submitted());
    }
    trace.record(now, "started", job, n.id());
    job.completionHandle = sim.schedule(job.demand() / n.speed(), () -> complete(job));
  }

  private void vacate(Node n, Job job) {
    double now = sim.now();
    n.releaseSlot(job);
    busySlots.add(now, -1);
    classBusy[n.classIndex()].add(now, -1);
    job.completionHandle = -1;
  }

  private void complete(Job job) {
    Node n = nodes[job.nodeId()];
    double now = sim.now();
    double ran = now - job.attemptStarted();
    vacate(n, job);
    if (economy != null) {
      double gpuSeconds = ran * scenario.nodes().get(n.classIndex()).gpus();
      if (economy.executionFails(n.id())) {
        economy.onJobFailed(n.id(), gpuSeconds, now);
        trace.record(now, "execution-failed", job, n.id());
        interrupted(job, n, now);
        fillSlots(n);
        return;
      }
      economy.onJobCompleted(n.id(), gpuSeconds, 0, now);
    }
    job.finish(Job.State.COMPLETED);
    if (job.deadlineHandle >= 0) {
      sim.cancel(job.deadlineHandle);
    }
    intervalCounts[1]++;
    if (job.counted()) {
      double latency = now - job.submitted();
      all.completed++;
      all.latency.add(latency);
      JobAccount w = byWorkload[job.workload()];
      w.completed++;
      w.latency.add(latency);
      classCompleted[n.classIndex()]++;
      classLatency[n.classIndex()].add(latency);
    }
    trace.record(now, "completed", job, n.id());
    fillSlots(n);
  }

  /** A running attempt of {@code job} on {@code n} was lost: retry elsewhere or fail. */
  private void interrupted(Job job, Node n, double now) {
    job.requeue();
    if (job.attempts() > scenario.scheduler().retries()) {
      job.finish(Job.State.FAILED);
      if (job.deadlineHandle >= 0) {
        sim.cancel(job.deadlineHandle);
      }
      intervalCounts[2]++;
      if (job.counted()) {
        all.failed++;
        byWorkload[job.workload()].failed++;
      }
      trace.record(now, "failed", job, n.id());
    } else {
      trace.record(now, "interrupted", job, n.id());
      dispatch(job);
    }
  }

  private void expire(Job job) {
    double now = sim.now();
    job.deadlineHandle = -1;
    if (job.state() == Job.State.RUNNING) {
      Node n = nodes[job.nodeId()];
      sim.cancel(job.completionHandle);
      vacate(n, job);
      job.finish(Job.State.EXPIRED);
      if (economy != null) {
        economy.onMissedDeadline(n.id(), now);
      }
      fillSlots(n);
    } else {
      int at = job.nodeId();
      job.finish(Job.State.EXPIRED); // left in its deque, skipped when reached
      queuedLive--;
      if (at < 0) {
        centralLive--;
      } else {
        nodes[at].forgetQueued();
        scheduler.loadChanged(nodes[at]);
      }
    }
    intervalCounts[3]++;
    if (job.counted()) {
      all.expired++;
      byWorkload[job.workload()].expired++;
    }
    trace.record(now, "expired", job, -1);
  }

  /** Starts waiting work on {@code n} while it has free slots: its own queue first. */
  private void fillSlots(Node n) {
    while (n.hasFreeSlot()) {
      Job next = n.pollQueue();
      if (next != null) {
        queuedLive--;
      } else {
        next = pollCentral();
        if (next == null) {
          break;
        }
      }
      start(n, next);
    }
    scheduler.loadChanged(n);
  }

  private Job pollCentral() {
    Job j;
    while ((j = central.pollFirst()) != null) {
      if (j.isWaiting()) {
        centralLive--;
        queuedLive--;
        return j;
      }
    }
    return null;
  }

  // ---- churn

  /** Brings {@code n}'s online state in line with churn and membership. */
  private void updateOnline(Node n) {
    boolean want = !churnDown[n.id()] && !departed[n.id()];
    if (want && !n.online()) {
      goOnline(n);
    } else if (!want && n.online()) {
      goOffline(n);
    }
  }

  private void churn(Node n, boolean down) {
    churnDown[n.id()] = down;
    if (economy != null && !departed[n.id()]) {
      if (down) {
        economy.onOffline(n.id(), sim.now());
      } else {
        economy.onOnline(n.id(), sim.now());
      }
    }
    updateOnline(n);
  }

  /** Operators whose economics made them leave go offline; those who rejoin come back. */
  private void reconcileMembership() {
    for (Node n : nodes) {
      boolean gone = !economy.isActive(n.id());
      if (gone != departed[n.id()]) {
        departed[n.id()] = gone;
        trace.record(sim.now(), gone ? "operator-left" : "operator-joined", null, n.id());
        updateOnline(n);
      }
    }
  }

  private void goOffline(Node n) {
    double now = sim.now();
    n.setOnline(false);
    removeOnline(n);
    onlineNodes.add(now, -1);
    onlineSlots.add(now, -n.slots());
    classOnline[n.classIndex()].add(now, -n.slots());
    scheduler.availabilityChanged(n);
    trace.record(now, "node-down", null, n.id());
    for (Job job : n.runningJobs()) {
      sim.cancel(job.completionHandle);
      vacate(n, job);
      interrupted(job, n, now);
    }
    List<Job> stranded = new ArrayList<>();
    n.drainQueue(stranded::add);
    queuedLive -= stranded.size();
    for (Job job : stranded) {
      dispatch(job);
    }
  }

  private void goOnline(Node n) {
    double now = sim.now();
    n.setOnline(true);
    addOnline(n);
    onlineNodes.add(now, 1);
    onlineSlots.add(now, n.slots());
    classOnline[n.classIndex()].add(now, n.slots());
    scheduler.availabilityChanged(n);
    trace.record(now, "node-up", null, n.id());
    fillSlots(n);
    if (!scheduler.queuesCentrally() && centralLive > 0) {
      List<Job> waiting = new ArrayList<>();
      Job j;
      while ((j = pollCentral()) != null) {
        waiting.add(j);
      }
      for (Job job : waiting) {
        dispatch(job);
      }
    }
  }

  private void removeOnline(Node n) {
    int pos = onlinePos[n.id()];
    Node last = onlineList[--onlineCount];
    onlineList[pos] = last;
    onlinePos[last.id()] = pos;
    onlineList[onlineCount] = null;
    onlinePos[n.id()] = -1;
  }

  private void addOnline(Node n) {
    onlineList[onlineCount] = n;
    onlinePos[n.id()] = onlineCount++;
  }

  // ---- metrics

  private void sample() {
    double now = sim.now();
    double online = onlineSlots.intervalAverage(now);
    double busy = busySlots.intervalAverage(now);
    double interval = scenario.outputs().metricsInterval();
    series.add(now, queuedLive, busySlots.value(), onlineNodes.value(),
        online > 0 ? busy / online : 0, intervalCounts[0], intervalCounts[1], intervalCounts[2],
        intervalCounts[3], intervalCounts[1] / interval);
    onlineSlots.resetInterval(now);
    busySlots.resetInterval(now);
    if (economy != null) {
      double[] e = economy.sample(now);
      double[] row = new double[e.length + 1];
      row[0] = now;
      System.arraycopy(e, 0, row, 1, e.length);
      economySeries.add(row);
    }
    java.util.Arrays.fill(intervalCounts, 0);
  }

  private RunResult result(double wall, double measuredSpan) {
    double now = sim.now();
    double onlineSlotAvg = onlineSlots.average(now);
    NodeStats nodeStats = new NodeStats(nodes.length, onlineNodes.average(now),
        onlineSlotAvg > 0 ? busySlots.average(now) / onlineSlotAvg : 0);
    Map<String, JobStats> perWorkload = new LinkedHashMap<>();
    for (int w = 0; w < byWorkload.length; w++) {
      perWorkload.put(scenario.workload().get(w).name(), byWorkload[w].stats(measuredSpan));
    }
    List<ClassStats> classes = new ArrayList<>();
    for (int c = 0; c < classBusy.length; c++) {
      NodeClass nc = scenario.nodes().get(c);
      double slotAvg = classOnline[c].average(now);
      classes.add(new ClassStats(nc.name(), nc.hardware(), nc.count(),
          nc.slots() > 0 ? slotAvg / nc.slots() : 0,
          slotAvg > 0 ? classBusy[c].average(now) / slotAvg : 0, classCompleted[c],
          classLatency[c].mean()));
    }
    EconomicsSummary econ = null;
    if (economy != null) {
      econ = economy.close(now);
      economy.checkInvariants(now);
    }
    return new RunResult(scenario.name(), scenario.seed(), scenario.duration(), scenario.warmup(),
        sim.eventsFired(), wall, all.stats(measuredSpan), nodeStats, perWorkload, classes,
        series.build(), econ, economySeries == null ? null : economySeries.build());
  }

  // ---- sources of randomness bound to the run

  /** One workload's arrival and service streams. */
  private final class Stream {
    private final int index;
    private final Distribution.Sampler gap;
    private final Distribution.Sampler service;
    private final ArrivalTrace trace;
    private int traceRow;
    private double lapStart;

    Stream(int index, Workload w) {
      this.index = index;
      String base = "workload/" + w.name();
      trace = w.arrivals().process().equals("trace") ? resources.traces().get(w.name()) : null;
      if (w.arrivals().process().equals("trace") && trace == null) {
        throw new IllegalArgumentException("workload " + w.name() + " replays a trace that"
            + " was not loaded");
      }
      Distribution gapDist = switch (w.arrivals().process()) {
        case "poisson" -> dev.weft.random.Distributions.exponential(1.0 / w.arrivals().rate());
        case "renewal" -> w.arrivals().interarrival().toDistribution();
        case "trace" -> null;
        default -> throw new IllegalArgumentException(
            "unknown arrival process " + w.arrivals().process());
      };
      gap = gapDist == null ? null : gapDist.sampler(streams.stream(base + "/arrivals"));
      service = w.service() == null ? () -> 0.0
          : w.service().toDistribution().sampler(streams.stream(base + "/service"));
    }

    void scheduleNext() {
      double at;
      if (trace != null) {
        if (traceRow == trace.size()) {
          if (!scenario.workload().get(index).arrivals().loop()) {
            return;
          }
          traceRow = 0;
          lapStart += trace.period();
        }
        at = lapStart + trace.offsets()[traceRow];
      } else {
        at = sim.now() + Math.max(0, gap.sample());
      }
      if (at < scenario.duration()) {
        sim.scheduleAt(Math.max(at, sim.now()), this::arrive);
      }
    }

    private void arrive() {
      double now = sim.now();
      Job job = new Job(nextJobId++, index, now, Math.max(0, service.sample()),
          now >= sim.warmupTime());
      if (trace != null) {
        traceRow++;
      }
      submit(job);
      scheduleNext();
    }
  }

  /** Alternating up and down periods for the nodes of one class, one stream per node. */
  private final class ChurnModel {
    private final Distribution up;
    private final Distribution down;

    ChurnModel(Distribution up, Distribution down) {
      this.up = up;
      this.down = down;
    }

    void start(Node n) {
      NodeClass nc = scenario.nodes().get(n.classIndex());
      var rng = streams.stream("node/" + nc.name() + "/churn", n.id());
      Distribution.Sampler upS = up.sampler(rng);
      Distribution.Sampler downS = down.sampler(rng);
      
      Runnable[] cycle = new Runnable[1];
      cycle[0] = () -> sim.schedule(Math.max(0, upS.sample()), () -> {
        churn(n, true);
        sim.schedule(Math.max(0, downS.sample()), () -> {
          churn(n, false);
          cycle[0].run();
        });
      });
      cycle[0].run();
    }
  }
}
