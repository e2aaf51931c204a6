package dev.weft.run;

import dev.weft.hardware.Label;
import dev.weft.node.Node;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.WorkloadKind;
import dev.weft.stats.Tally;
import dev.weft.stats.TimeAverage;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run measures: job outcomes, waits and latencies of the jobs submitted after warm-up
 * (per workload and per node class), time-weighted capacity in use, busy and online nodes,
 * compute seconds by kernel-timing label, and the time series sampled every
 * {@code metricsInterval}. Turned into a {@link RunResult} at the end. Definitions: METRICS.md.
 *
 * <p>Capacity: each node holds a share of its serving capacity in use, its busy slots over its
 * slots plus the occupancy of its continuous-batching engines (set by {@link Serving}), at most
 * 1; it is busy while it holds a job at all. Both change only when a node's jobs do, and each
 * change moves the time averages by its difference, so accounting costs O(1) per event.
 */
final class RunMetrics {
  private static final List<String> SERIES_COLUMNS = List.of("time", "queued", "running",
      "onlineNodes", "utilization", "busy", "submitted", "completed", "failed", "expired",
      "throughput");

  private final RunContext ctx;
  private final JobAccount all = new JobAccount();
  private final JobAccount[] byWorkload;
  private final Tally ttftAll = new Tally();
  /** Time between tokens and per output token (issue #15; METRICS.md "Serving latencies"). */
  final ServingMetrics serving;
  private final Tally[] ttftByWorkload;
  // per node: what its engines hold (set by Serving) and what was last counted
  private final double[] engineShare;
  private final boolean[] engineBusy;
  private final double[] nodeShare;
  private final boolean[] nodeBusy;
  private final int[] gpusOfClass;
  // after warm-up, in nodes: capacity in use (sum of node shares), busy and online nodes
  private final TimeAverage used = new TimeAverage(0, 0);
  private final TimeAverage busyNodes = new TimeAverage(0, 0);
  private final TimeAverage onlineNodes;
  /**
   * Online nodes again, as the denominator of the shares: it is read per interval by the time
   * series, which splits its area at every sample, so {@code onlineMean} keeps its own.
   */
  private final TimeAverage onlineShares;
  private final TimeAverage[] classUsed;
  private final TimeAverage[] classBusy;
  private final TimeAverage[] classOnline;
  // the economy's epochs, weighted by GPUs, from time 0 (never restarted at warm-up)
  private final TimeAverage gpusUsed = new TimeAverage(0, 0);
  private final TimeAverage gpusOnline;
  /** Jobs on slots now. */
  private int slotJobs;
  /** Requests in engines not yet in an iteration, and those in service. */
  private int engineWaiting;
  private int engineServing;
  private final long[] classCompleted;
  private final Tally[] classLatency;
  private final double[][] labelSeconds; // [class][Label.ordinal()]
  private final TimeSeries.Builder series;
  /** Live jobs waiting anywhere: node queues, central queues, gang queues. */
  private int queued;
  private double networkSecondsCounted;
  private double latencySecondsCounted;
  // outcomes in the current sampling interval, all jobs (warm-up included)
  private double intervalSubmitted;
  private double intervalCompleted;
  private double intervalFailed;
  private double intervalExpired;
  // verification compute since the end of warm-up (see VerificationStats)
  private long checksOrdered;
  private long checksDone;
  private long checksDropped;
  private double checkGpuSeconds;
  private double workGpuSeconds;
  private long skipped;
  private double skippedGpuSeconds;

  RunMetrics(RunContext ctx, List<String> extraColumns) {
    this.ctx = ctx;
    Scenario scenario = ctx.scenario;
    List<NodeClass> classes = scenario.nodes();
    serving = new ServingMetrics(classes);
    int nodes = ctx.nodes.length;
    engineShare = new double[nodes];
    engineBusy = new boolean[nodes];
    nodeShare = new double[nodes];
    nodeBusy = new boolean[nodes];
    gpusOfClass = new int[classes.size()];
    classUsed = new TimeAverage[classes.size()];
    classBusy = new TimeAverage[classes.size()];
    classOnline = new TimeAverage[classes.size()];
    classCompleted = new long[classes.size()];
    classLatency = new Tally[classes.size()];
    labelSeconds = new double[classes.size()][Label.values().length];
    long gpus = 0;
    for (int c = 0; c < classes.size(); c++) {
      NodeClass nc = classes.get(c);
      gpusOfClass[c] = nc.gpus();
      gpus += (long) nc.count() * nc.gpus();
      classUsed[c] = new TimeAverage(0, 0);
      classBusy[c] = new TimeAverage(0, 0);
      classOnline[c] = new TimeAverage(0, nc.count());
      classLatency[c] = new Tally();
    }
    onlineNodes = new TimeAverage(0, nodes);
    onlineShares = new TimeAverage(0, nodes);
    gpusOnline = new TimeAverage(0, gpus);
    int nw = scenario.workload().size();
    byWorkload = new JobAccount[nw];
    ttftByWorkload = new Tally[nw];
    for (int w = 0; w < nw; w++) {
      byWorkload[w] = new JobAccount();
      ttftByWorkload[w] = new Tally();
    }
    List<String> columns = new ArrayList<>(SERIES_COLUMNS);
    columns.addAll(extraColumns);
    series = new TimeSeries.Builder(columns);
  }

  /** Compute seconds by label for node class {@code c}, booked by whoever runs the kernels. */
  double[] labelSeconds(int c) {
    return labelSeconds[c];
  }

  /** Statistics restart: only what happens after warm-up counts. */
  void endWarmup(double now) {
    used.restart(now);
    busyNodes.restart(now);
    onlineNodes.restart(now);
    onlineShares.restart(now);
    for (int c = 0; c < classBusy.length; c++) {
      classUsed[c].restart(now);
      classBusy[c].restart(now);
      classOnline[c].restart(now);
      Arrays.fill(labelSeconds[c], 0);
    }
    checksOrdered = 0;
    checksDone = 0;
    checksDropped = 0;
    checkGpuSeconds = 0;
    workGpuSeconds = 0;
    skipped = 0;
    skippedGpuSeconds = 0;
  }

  /** The economy ordered a re-execution on a checker's node. */
  void checkOrdered() {
    checksOrdered++;
  }

  /** A re-execution finished computing after {@code gpuSeconds} on its node. */
  void checkRan(double gpuSeconds) {
    checkGpuSeconds += gpuSeconds;
  }

  /** A re-execution's result reached the comparison. */
  void checkDone() {
    checksDone++;
  }

  /** A re-execution will not finish. */
  void checkDropped() {
    checksDropped++;
  }

  /** A submitter's execution computed for {@code gpuSeconds} (failed or not). */
  void worked(double gpuSeconds) {
    workGpuSeconds += gpuSeconds;
  }

  /** An execution returned junk at once, claiming {@code gpuSeconds} it did not spend. */
  void skipped(double gpuSeconds) {
    skipped++;
    skippedGpuSeconds += gpuSeconds;
  }

  VerificationStats verification() {
    return new VerificationStats(checksOrdered, checksDone, checksDropped,
        checkGpuSeconds / 3600, workGpuSeconds / 3600, skipped, skippedGpuSeconds / 3600);
  }

  void submitted(Job job) {
    if (job.counted()) {
      all.submitted++;
      byWorkload[job.workload()].submitted++;
    }
    intervalSubmitted++;
  }

  /**
   * A job's attempt started service now (a slot, or the first engine iteration that includes
   * it): the first attempt's wait ends.
   */
  void started(Job job, double now) {
    if (job.counted() && job.attempts() == 1) {
      all.wait.add(now - job.submitted());
      byWorkload[job.workload()].wait.add(now - job.submitted());
    }
  }

  void firstToken(Job job, double time) {
    if (job.counted() && job.attempts() == 1) {
      ttftAll.add(time - job.submitted());
      ttftByWorkload[job.workload()].add(time - job.submitted());
    }
  }

  void completed(JobRun run, Node n, double now) {
    Job job = run.job;
    intervalCompleted++;
    if (job.counted()) {
      double latency = now - job.submitted();
      networkSecondsCounted += run.networkSeconds;
      latencySecondsCounted += latency;
      all.completed++;
      all.latency.add(latency);
      JobAccount w = byWorkload[job.workload()];
      w.completed++;
      w.latency.add(latency);
      classCompleted[n.classIndex()]++;
      classLatency[n.classIndex()].add(latency);
    }
  }

  void failed(Job job) {
    intervalFailed++;
    if (job.counted()) {
      all.failed++;
      byWorkload[job.workload()].failed++;
    }
  }

  void expired(Job job) {
    intervalExpired++;
    if (job.counted()) {
      all.expired++;
      byWorkload[job.workload()].expired++;
    }
  }

  /**
   * {@code delta} slots of {@code n} became busy (+) or free (-); the node's own counter
   * already says so.
   */
  void busy(Node n, double now, int delta) {
    slotJobs += delta;
    nodeChanged(n, now);
  }

  /**
   * {@code n}'s engines now hold {@code share} of its capacity (the sum of their
   * occupancies) and {@code busy} says whether they hold any request.
   */
  void engines(Node n, double now, double share, boolean busy) {
    engineShare[n.id()] = share;
    engineBusy[n.id()] = busy;
    nodeChanged(n, now);
  }

  /**
   * Requests entered ({@code waiting} +1) or left an engine's queue, entered ({@code serving}
   * +1) or left service in an engine.
   */
  void inEngines(int waiting, int serving) {
    engineWaiting += waiting;
    engineServing += serving;
  }

  /** Moves the time averages by the change of {@code n}'s capacity share and busy state. */
  private void nodeChanged(Node n, double now) {
    int id = n.id();
    int c = n.classIndex();
    double share = Math.min(1, n.busy() / (double) n.slots() + engineShare[id]);
    double d = share - nodeShare[id];
    if (d != 0) {
      nodeShare[id] = share;
      used.add(now, d);
      classUsed[c].add(now, d);
      gpusUsed.add(now, d * gpusOfClass[c]);
    }
    boolean busy = n.busy() > 0 || engineBusy[id];
    if (busy != nodeBusy[id]) {
      nodeBusy[id] = busy;
      int b = busy ? 1 : -1;
      busyNodes.add(now, b);
      classBusy[c].add(now, b);
    }
  }

  /** {@code n} came online (+1) or went offline (-1). */
  void online(Node n, double now, int delta) {
    onlineNodes.add(now, delta);
    onlineShares.add(now, delta);
    classOnline[n.classIndex()].add(now, delta);
    gpusOnline.add(now, delta * gpusOfClass[n.classIndex()]);
  }

  /**
   * Share of the online GPUs' serving capacity in use since the last call (from time 0 for
   * the first), GPU-weighted: what the economy's fee controller reads at each epoch's end.
   */
  double epochUtilization(double now) {
    double online = gpusOnline.intervalAverage(now);
    double u = share(gpusUsed.intervalAverage(now), online);
    gpusUsed.resetInterval(now);
    gpusOnline.resetInterval(now);
    return u;
  }

  /** {@code delta} jobs started (+) or stopped (-) waiting. */
  void queued(int delta) {
    queued += delta;
  }

  /** Live waiting jobs (for consistency checks). */
  int queued() {
    return queued;
  }

  /** One row of the time series at {@code now}, then the interval restarts. */
  void sample(double now, double[] extra) {
    double online = onlineShares.intervalAverage(now);
    double interval = ctx.scenario.outputs().metricsInterval();
    double[] row = {now, queued + engineWaiting, slotJobs + engineServing, onlineNodes.value(),
        share(used.intervalAverage(now), online), share(busyNodes.intervalAverage(now), online),
        intervalSubmitted, intervalCompleted, intervalFailed, intervalExpired,
        intervalCompleted / interval};
    if (extra.length > 0) {
      row = Arrays.copyOf(row, row.length + extra.length);
      System.arraycopy(extra, 0, row, row.length - extra.length, extra.length);
    }
    series.add(row);
    onlineShares.resetInterval(now);
    used.resetInterval(now);
    busyNodes.resetInterval(now);
    intervalSubmitted = 0;
    intervalCompleted = 0;
    intervalFailed = 0;
    intervalExpired = 0;
  }

  /** Whether the series already has a row at {@code time} or later. */
  boolean sampledUntil(double time) {
    List<double[]> rows = series.build().rows();
    return !rows.isEmpty() && rows.get(rows.size() - 1)[0] >= time;
  }

  /**
   * {@code part} over {@code online} nodes, 0 with none online, within [0, 1] (sums of KV
   * shares moved by differences can drift from 0 by rounding).
   */
  private static double share(double part, double online) {
    return online > 0 ? Math.max(0, Math.min(1, part / online)) : 0;
  }

  /** Share of counted job latency spent on the network. */
  double networkShare() {
    return latencySecondsCounted > 0 ? networkSecondsCounted / latencySecondsCounted : 0;
  }

  RunResult result(double wall, double measuredSpan, RunEconomy economy,
      NetworkResult network) {
    Scenario scenario = ctx.scenario;
    double now = ctx.sim.now();
    double online = onlineShares.average(now);
    NodeStats nodeStats = new NodeStats(ctx.nodes.length, onlineNodes.average(now),
        share(used.average(now), online), share(busyNodes.average(now), online));
    Map<String, JobStats> perWorkload = new LinkedHashMap<>();
    Map<String, Percentiles> ttft = new LinkedHashMap<>();
    for (int w = 0; w < byWorkload.length; w++) {
      perWorkload.put(scenario.workload().get(w).name(), byWorkload[w].stats(measuredSpan));
      if (ctx.kind(w) == WorkloadKind.INFERENCE) {
        ttft.put(scenario.workload().get(w).name(), Percentiles.of(ttftByWorkload[w]));
      }
    }
    List<ClassStats> classes = new ArrayList<>();
    Map<String, Map<String, Double>> provenance = new LinkedHashMap<>();
    for (int c = 0; c < classBusy.length; c++) {
      NodeClass nc = scenario.nodes().get(c);
      double classOnlineMean = classOnline[c].average(now);
      classes.add(new ClassStats(nc.name(), nc.hardware(), nc.count(), classOnlineMean,
          share(classUsed[c].average(now), classOnlineMean),
          share(classBusy[c].average(now), classOnlineMean), classCompleted[c],
          // no job measured: no latency (NaN, null in summary.json), where Tally says 0
          classLatency[c].count() == 0 ? Double.NaN : classLatency[c].mean()));
      Map<String, Double> labels = new LinkedHashMap<>();
      for (Label l : Label.values()) {
        labels.put(l.id(), labelSeconds[c][l.ordinal()]);
      }
      provenance.put(nc.name(), labels);
    }
    return new RunResult(scenario.name(), scenario.seed(), scenario.duration(),
        scenario.warmup(), ctx.sim.eventsFired(), wall, all.stats(measuredSpan), nodeStats,
        perWorkload, classes, series.build(), economy.close(now, epochUtilization(now)),
        economy.series(),
        ttftAll.count() > 0 ? Percentiles.of(ttftAll) : null, ttft, provenance, network,
        verification(), serving.result(ttftAll));
  }
}
