package dev.weft.ai;

/**
 * How one device's memory splits when serving a model with tensor parallelism: usable memory,
 * weights, a reserve for activations and logits, and what is left for KV cache.
 */
public record MemoryPlan(double usableBytes, double weightBytes, double reserveBytes,
    long kvBytesPerToken, long maxKvTokens) {

  /** True when the weights and reserve leave room for {@code tokens} tokens of KV cache. */
  public boolean holds(long tokens) {
    return maxKvTokens >= tokens;
  }
}
