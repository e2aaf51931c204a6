package dev.weft.run;

import dev.weft.serving.IntervalHistogram;
import dev.weft.stats.Tally;

/** Mean and the percentiles serving simulators report (Vidur: p50, p90, p99), in seconds. */
public record TokenLatency(long count, double mean, double p50, double p90, double p99) {
  static TokenLatency of(Tally t) {
    return new TokenLatency(t.count(), t.mean(), t.quantile(0.5), t.quantile(0.9),
        t.quantile(0.99));
  }

  static TokenLatency of(IntervalHistogram h) {
    return new TokenLatency(h.count(), h.mean(), h.quantile(0.5), h.quantile(0.9),
        h.quantile(0.99));
  }
}
