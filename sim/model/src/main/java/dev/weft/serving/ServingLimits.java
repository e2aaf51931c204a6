package dev.weft.serving;

/**
 * Engine limits, as vLLM names them: at most {@code maxSeqs} sequences in a batch, at most
 * {@code maxBatchedTokens} tokens per iteration, and {@code kvTokens} tokens of KV cache.
 */
public record ServingLimits(int maxSeqs, int maxBatchedTokens, long kvTokens) {
  public ServingLimits {
    if (maxSeqs < 1 || maxBatchedTokens < 1 || kvTokens < 1) {
      throw new IllegalArgumentException("serving limits must be positive: " + maxSeqs + ", "
          + maxBatchedTokens + ", " + kvTokens);
    }
  }
}
