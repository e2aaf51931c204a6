package dev.weft.run;

import java.util.List;
import java.util.Map;

/** Everything a run measured. Immutable. */
public record RunResult(
    String scenario,
    long seed,
    double duration,
    double warmup,
    long events,
    double wallSeconds,
    JobStats jobs,
    NodeStats nodes,
    Map<String, JobStats> workloads,
    List<ClassStats> nodeClasses,
    TimeSeries series) {

  public double eventsPerSecond() {
    return wallSeconds > 0 ? events / wallSeconds : 0;
  }
}
