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
    TimeSeries economySeries,
    Percentiles timeToFirstToken,
    Map<String, Percentiles> timeToFirstTokenByWorkload,
    Map<String, Map<String, Double>> computeSecondsByLabel,
    NetworkResult network,
    VerificationStats verification) {

  /** Share of simulated compute time per kernel-timing label, over all node classes. */
  public Map<String, Double> provenanceShares() {
    Map<String, Double> sums = new java.util.LinkedHashMap<>();
    double total = 0;
    for (Map<String, Double> byLabel : computeSecondsByLabel.values()) {
      for (Map.Entry<String, Double> e : byLabel.entrySet()) {
        sums.merge(e.getKey(), e.getValue(), Double::sum);
        total += e.getValue();
      }
    }
    if (total > 0) {
      for (Map.Entry<String, Double> e : sums.entrySet()) {
        e.setValue(e.getValue() / total);
      }
    }
    return sums;
  }

  public double eventsPerSecond() {
    return wallSeconds > 0 ? events / wallSeconds : 0;
  }
}
