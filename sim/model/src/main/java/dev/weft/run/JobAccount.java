package dev.weft.run;

import dev.weft.stats.Tally;

/** Running counts and tallies for one group of counted jobs (all, or one workload). */
final class JobAccount {
  long submitted;
  long completed;
  long failed;
  long expired;
  final Tally wait = new Tally();
  final Tally latency = new Tally();

  JobStats stats(double measuredSpan) {
    long resolved = completed + failed + expired;
    return new JobStats(submitted, completed, failed, expired,
        submitted - completed - failed - expired,
        Percentiles.of(wait), Percentiles.of(latency),
        measuredSpan > 0 ? completed / measuredSpan : 0,
        resolved == 0 ? 0 : expired / (double) resolved);
  }
}
