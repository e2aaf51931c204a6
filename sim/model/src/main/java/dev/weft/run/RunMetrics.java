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
 * (per workload and per node class), time-weighted busy and online slots, compute seconds by
 * kernel-timing label, and the time series sampled every {@code metricsInterval}. Turned into a
 * {@link RunResult} at the end.
 */
final class RunMetrics {
  private static final List<String> SERIES_COLUMNS = List.of("time", "queued", "running",
      "onlineNodes", "utilization", "submitted", "completed", "failed", "expired", "throughput");

  private final RunContext ctx;
  private final JobAccount all = new JobAccount();
  private final JobAccount[] byWorkload;
  private final Tally ttftAll = new Tally();
  private final Tally[] ttftByWorkload;
  private final TimeAverage busySlots = new TimeAverage(0, 0);
  private final TimeAverage onlineSlots;
  private final TimeAverage onlineNodes;
  private final TimeAverage[] classBusy;
  private final TimeAverage[] classOnline;
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

  RunMetrics(RunContext ctx, List<String> extraColumns) {
    this.ctx = ctx;
    Scenario scenario = ctx.scenario;
    List<NodeClass> classes = scenario.nodes();
    classBusy = new TimeAverage[classes.size()];
    classOnline = new TimeAverage[classes.size()];
    classCompleted = new long[classes.size()];
    classLatency = new Tally[classes.size()];
    labelSeconds = new double[classes.size()][Label.values().length];
    long totalSlots = 0;
    for (int c = 0; c < classes.size(); c++) {
      NodeClass nc = classes.get(c);
      totalSlots += (long) nc.count() * nc.slots();
      classBusy[c] = new TimeAverage(0, 0);
      classOnline[c] = new TimeAverage(0, (double) nc.count() * nc.slots());
      classLatency[c] = new Tally();
    }
    onlineSlots = new TimeAverage(0, totalSlots);
    onlineNodes = new TimeAverage(0, ctx.nodes.length);
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
    busySlots.restart(now);
    onlineSlots.restart(now);
    onlineNodes.restart(now);
    for (int c = 0; c < classBusy.length; c++) {
      classBusy[c].restart(now);
      classOnline[c].restart(now);
      Arrays.fill(labelSeconds[c], 0);
    }
  }

  void submitted(Job job) {
    if (job.counted()) {
      all.submitted++;
      byWorkload[job.workload()].submitted++;
    }
    intervalSubmitted++;
  }

  /** A job's first attempt started now: its wait ends. */
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

  /** {@code delta} slots of a node of class {@code c} became busy (+) or free (-). */
  void busy(int c, double now, int delta) {
    busySlots.add(now, delta);
    classBusy[c].add(now, delta);
  }

  /** {@code n} came online (+1) or went offline (-1). */
  void online(Node n, double now, int delta) {
    onlineNodes.add(now, delta);
    onlineSlots.add(now, delta * n.slots());
    classOnline[n.classIndex()].add(now, delta * n.slots());
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
    double online = onlineSlots.intervalAverage(now);
    double busy = busySlots.intervalAverage(now);
    double interval = ctx.scenario.outputs().metricsInterval();
    double[] row = {now, queued, busySlots.value(), onlineNodes.value(),
        online > 0 ? Math.min(1, busy / online) : 0, intervalSubmitted, intervalCompleted,
        intervalFailed, intervalExpired, intervalCompleted / interval};
    if (extra.length > 0) {
      row = Arrays.copyOf(row, row.length + extra.length);
      System.arraycopy(extra, 0, row, row.length - extra.length, extra.length);
    }
    series.add(row);
    onlineSlots.resetInterval(now);
    busySlots.resetInterval(now);
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

  /** Share of counted job latency spent on the network. */
  double networkShare() {
    return latencySecondsCounted > 0 ? networkSecondsCounted / latencySecondsCounted : 0;
  }

  RunResult result(double wall, double measuredSpan, RunEconomy economy,
      NetworkResult network) {
    Scenario scenario = ctx.scenario;
    double now = ctx.sim.now();
    double onlineSlotAvg = onlineSlots.average(now);
    NodeStats nodeStats = new NodeStats(ctx.nodes.length, onlineNodes.average(now),
        onlineSlotAvg > 0 ? Math.min(1, busySlots.average(now) / onlineSlotAvg) : 0);
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
      double slotAvg = classOnline[c].average(now);
      classes.add(new ClassStats(nc.name(), nc.hardware(), nc.count(),
          nc.slots() > 0 ? slotAvg / nc.slots() : 0,
          slotAvg > 0 ? Math.min(1, classBusy[c].average(now) / slotAvg) : 0,
          classCompleted[c], classLatency[c].mean()));
      Map<String, Double> labels = new LinkedHashMap<>();
      for (Label l : Label.values()) {
        labels.put(l.id(), labelSeconds[c][l.ordinal()]);
      }
      provenance.put(nc.name(), labels);
    }
    return new RunResult(scenario.name(), scenario.seed(), scenario.duration(),
        scenario.warmup(), ctx.sim.eventsFired(), wall, all.stats(measuredSpan), nodeStats,
        perWorkload, classes, series.build(), economy.close(now), economy.series(),
        ttftAll.count() > 0 ? Percentiles.of(ttftAll) : null, ttft, provenance, network);
  }
}
