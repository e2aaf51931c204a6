package dev.weft.run;

/**
 * Serving latencies of the inference requests submitted after warm-up (METRICS.md "Serving
 * latencies"): time to first token, time between tokens (one value per generated token after
 * the first), time per output token (one value per request of two or more tokens), and the
 * preemptions of those requests (engines with {@code preemption: recompute}).
 */
public record ServingResult(TokenLatency ttft, TokenLatency tbt, TokenLatency tpot,
    long preemptions) {}
