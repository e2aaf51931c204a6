package dev.weft.run;

import java.util.Map;

/**
 * Serving latencies of the inference requests submitted after warm-up (METRICS.md "Serving
 * latencies"): time to first token, time between tokens (one value per generated token after
 * the first), time per output token (one value per request of two or more tokens), and the
 * KV-cache preemptions of those requests, in all and per node class whose engines preempt
 * ({@code preemption: recompute} or {@code swap}; METRICS.md "KV-cache preemption").
 */
public record ServingResult(TokenLatency ttft, TokenLatency tbt, TokenLatency tpot,
    PreemptionCounts kv, Map<String, PreemptionCounts> kvByClass) {

  public ServingResult {
    kv = kv == null ? PreemptionCounts.ZERO : kv;
    kvByClass = kvByClass == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kvByClass));
  }

  /** Preemptions by recomputation, all node classes. */
  public long preemptions() {
    return kv.recomputed();
  }
}
