package dev.weft.run;

import dev.weft.scenario.ArrivalProcess;
import dev.weft.scenario.Arrivals;
import dev.weft.scenario.DistSpec;
import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Outputs;
import dev.weft.scenario.Scenario;
import dev.weft.scenario.SchedulerConfig;
import dev.weft.scenario.Workload;
import dev.weft.workload.ArrivalTrace;
import dev.weft.workload.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's trace, kept per job, for checking a run against a timeline worked by hand. A job's
 * events read as {@code "1.5 queued @0"}: time, the event as {@code trace.csv} names it, and
 * the node when the event has one. Also builds the small scenarios those timelines are worked
 * for: synthetic jobs arriving at listed times (a replayed trace) with constant service.
 */
final class Timeline implements Trace {
  private final Map<Long, List<String>> byJob = new LinkedHashMap<>();
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final List<String> nodeEvents = new ArrayList<>();

  @Override
  public void record(double time, TraceEvent event, Job job, int node) {
    String line = time + " " + event.id() + (node >= 0 ? " @" + node : "");
    if (job == null) {
      nodeEvents.add(line);
    } else {
      byJob.computeIfAbsent(job.id(), k -> new ArrayList<>()).add(line);
      jobs.put(job.id(), job);
    }
  }

  /** The events of job {@code id}, in the order they happened. */
  List<String> job(long id) {
    return byJob.getOrDefault(id, List.of());
  }

  /** Every job seen, by id in order of submission. */
  Map<Long, Job> jobs() {
    return jobs;
  }

  /** Events without a job (a node going down or up), in order. */
  List<String> nodeEvents() {
    return nodeEvents;
  }

  /** A synthetic workload whose jobs arrive at {@code times} and each take {@code service}. */
  static Workload jobsAt(String name, double service, Double deadline) {
    return Workload.synthetic(name, new Arrivals(ArrivalProcess.TRACE, null, null, name + ".csv",
        "TIMESTAMP", "ContextTokens", "GeneratedTokens", 1, false), DistSpec.constant(service),
        deadline);
  }

  /** The arrival times of a workload built by {@link #jobsAt}. */
  static ArrivalTrace times(String name, double... times) {
    int[] ones = new int[times.length];
    java.util.Arrays.fill(ones, 1);
    return new ArrivalTrace(name, times, ones, ones, 0);
  }

  /** A scenario of these node classes and workloads, no warm-up, no economics, no network. */
  static Scenario scenario(String policy, int retries, double duration, double warmup,
      List<NodeClass> nodes, Workload... workloads) {
    return new Scenario("flow", "", 1, duration, warmup, nodes, List.of(workloads),
        new SchedulerConfig(policy, retries), new Outputs(duration, false), null);
  }

  /**
   * What a run left: its trace by job, its result, the world (for its nodes and queues after
   * the run) and every job it created, in order.
   */
  record Ran(Timeline trace, RunResult result, World world, List<JobRun> created) {
    /** The events of job {@code id}. */
    List<String> job(long id) {
      return trace.job(id);
    }

    JobStats jobs() {
      return result.jobs();
    }
  }

  /** Runs {@code s}, replaying the given arrival times (one per workload, by name). */
  static Ran run(Scenario s, ArrivalTrace... arrivals) {
    Map<String, ArrivalTrace> traces = new LinkedHashMap<>();
    for (ArrivalTrace a : arrivals) {
      traces.put(a.source(), a);
    }
    World w = new World(s, new Resources(traces));
    Timeline t = new Timeline();
    List<JobRun> created = new ArrayList<>();
    w.context().onCreate(created::add);
    RunResult r = w.trace(t).run();
    return new Ran(t, r, w, created);
  }
}
