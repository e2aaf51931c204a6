package dev.weft.run;

import dev.weft.economics.EconomicsSummary;
import java.util.List;
import java.util.Map;

/** Everything a run measured; {@code economics} and its series are null without economics. */
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
    TimeSeries series,
    EconomicsSummary economics,
    TimeSeries economySeries) {

  public double eventsPerSecond() {
    return wallSeconds > 0 ? events / wallSeconds : 0;
  }
}
