package dev.weft.run;

import dev.weft.serving.IntervalHistogram;
import dev.weft.stats.Tally;
import dev.weft.workload.Job;

/**
 * Per-token serving latencies of counted inference requests (submitted after warm-up, first
 * attempt): time between tokens per generated token, time per output token per request.
 * O(1) per engine callback, allocation-free once grown.
 */
final class ServingMetrics {
  private final IntervalHistogram tbt = new IntervalHistogram();
  private final Tally tpot = new Tally();
  private long preemptions;

  /** {@code job}'s request was preempted (its cache dropped, to be recomputed). */
  void preempted(Job job) {
    if (job.counted()) {
      preemptions++;
    }
  }

  /**
   * {@code tokens} tokens of {@code job}: the first {@code first} after its previous token, the
   * others each {@code interval} after the one before.
   */
  void tokens(Job job, double first, double interval, int tokens) {
    if (job.counted() && job.attempts() == 1) {
      tbt.add(first, 1);
      tbt.add(interval, tokens - 1);
    }
  }

  /** {@code job}'s last token at {@code time}; its first came at {@code firstToken}. */
  void decoded(Job job, double firstToken, double time) {
    if (job.counted() && job.attempts() == 1 && job.outputTokens() > 1) {
      tpot.add((time - firstToken) / (job.outputTokens() - 1));
    }
  }

  /** The result, with {@code ttft} collected by the run's metrics; null without requests. */
  ServingResult result(Tally ttft) {
    return ttft.count() == 0 && tbt.count() == 0 ? null : new ServingResult(
        TokenLatency.of(ttft), TokenLatency.of(tbt), TokenLatency.of(tpot), preemptions);
  }
}
