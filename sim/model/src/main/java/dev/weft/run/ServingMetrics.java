package dev.weft.run;

import dev.weft.scenario.NodeClass;
import dev.weft.scenario.Preemption;
import dev.weft.serving.IntervalHistogram;
import dev.weft.stats.Tally;
import dev.weft.workload.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-token serving latencies of counted inference requests (submitted after warm-up, first
 * attempt): time between tokens per generated token, time per output token per request; and
 * the KV-cache preemptions of counted requests (any attempt) per node class. O(1) per engine
 * callback, allocation-free once grown.
 */
final class ServingMetrics {
  private final IntervalHistogram tbt = new IntervalHistogram();
  private final Tally tpot = new Tally();
  private final List<NodeClass> classes;
  // per node class: recomputations, swaps out and in, bytes out and in
  private final long[] recomputed;
  private final long[] swapOuts;
  private final long[] swapIns;
  private final long[] bytesOut;
  private final long[] bytesIn;

  ServingMetrics(List<NodeClass> classes) {
    this.classes = List.copyOf(classes);
    int n = classes.size();
    recomputed = new long[n];
    swapOuts = new long[n];
    swapIns = new long[n];
    bytesOut = new long[n];
    bytesIn = new long[n];
  }

  /** {@code job}'s request was preempted on class {@code c} (its cache dropped, recomputed). */
  void preempted(Job job, int c) {
    if (job.counted()) {
      recomputed[c]++;
    }
  }

  /** {@code job}'s request's {@code bytes} of KV cache went to host memory on class {@code c}. */
  void swappedOut(Job job, int c, long bytes) {
    if (job.counted()) {
      swapOuts[c]++;
      bytesOut[c] += bytes;
    }
  }

  /** {@code job}'s request's {@code bytes} of KV cache came back from host memory. */
  void swappedIn(Job job, int c, long bytes) {
    if (job.counted()) {
      swapIns[c]++;
      bytesIn[c] += bytes;
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
    if (ttft.count() == 0 && tbt.count() == 0) {
      return null;
    }
    long[] all = new long[5];
    Map<String, PreemptionCounts> byClass = new LinkedHashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      all[0] += recomputed[c];
      all[1] += swapOuts[c];
      all[2] += swapIns[c];
      all[3] += bytesOut[c];
      all[4] += bytesIn[c];
      if (classes.get(c).serving().preemption() != Preemption.NONE) {
        byClass.put(classes.get(c).name(), new PreemptionCounts(recomputed[c], swapOuts[c],
            swapIns[c], bytesOut[c], bytesIn[c]));
      }
    }
    return new ServingResult(TokenLatency.of(ttft), TokenLatency.of(tbt), TokenLatency.of(tpot),
        new PreemptionCounts(all[0], all[1], all[2], all[3], all[4]), byClass);
  }
}
