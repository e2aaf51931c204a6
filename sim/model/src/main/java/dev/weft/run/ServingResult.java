package dev.weft.run;

/**
 * Serving latencies of the inference requests submitted after warm-up (METRICS.md "Serving
 * latencies"): time to first token, time between tokens (one value per generated token after
 * the first), and time per output token (one value per request of two or more tokens).
 */
public record ServingResult(TokenLatency ttft, TokenLatency tbt, TokenLatency tpot) {}
