package dev.weft.run;

import dev.weft.stats.Tally;

/** Mean and tail of a tally, in the tally's unit. */
public record Percentiles(double mean, double p50, double p95, double p99) {
  public static Percentiles of(Tally t) {
    return new Percentiles(t.mean(), t.quantile(0.5), t.quantile(0.95), t.quantile(0.99));
  }
}
