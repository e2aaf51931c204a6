package dev.weft.ai;

import java.util.Arrays;

/**
 * The sequences of one continuous-batching iteration: prefill chunks (new tokens over
 * already cached ones) and decoding sequences (one new token over their context). Mutable
 * and reusable, so that the run can describe an iteration without allocating.
 */
public final class Batch {
  private int[] prefillTokens = new int[8];
  private int[] prefillCached = new int[8];
  private int prefills;
  private int decodes;
  private long decodeContextSum;

  /** Empties the batch for reuse. */
  public Batch clear() {
    prefills = 0;
    decodes = 0;
    decodeContextSum = 0;
    return this;
  }

  /** Adds a prefill chunk of {@code tokens} new tokens after {@code cached} cached ones. */
  public Batch prefill(int tokens, int cached) {
    if (tokens < 1 || cached < 0) {
      throw new IllegalArgumentException("prefill needs tokens >= 1 and cached >= 0");
    }
    if (prefills == prefillTokens.length) {
      prefillTokens = Arrays.copyOf(prefillTokens, prefills * 2);
      prefillCached = Arrays.copyOf(prefillCached, prefills * 2);
    }
    prefillTokens[prefills] = tokens;
    prefillCached[prefills] = cached;
    prefills++;
    return this;
  }

  /** Adds a decoding sequence with {@code context} cached tokens. */
  public Batch decode(int context) {
    if (context < 0) {
      throw new IllegalArgumentException("context must be >= 0");
    }
    decodes++;
    decodeContextSum += context;
    return this;
  }

  public int prefills() {
    return prefills;
  }

  public int prefillTokens(int i) {
    return prefillTokens[i];
  }

  public int prefillCached(int i) {
    return prefillCached[i];
  }

  public int decodes() {
    return decodes;
  }

  /** Mean context of the decoding sequences, rounded up (0 without any). */
  public long decodeMeanContext() {
    return decodes == 0 ? 0 : (decodeContextSum + decodes - 1) / decodes;
  }

  /** New tokens in this iteration: every prefill chunk plus one per decoding sequence. */
  public int tokens() {
    int t = decodes;
    for (int i = 0; i < prefills; i++) {
      t += prefillTokens[i];
    }
    return t;
  }

  /** Sequences that get logits this iteration. */
  public int sequences() {
    return prefills + decodes;
  }

  public boolean isEmpty() {
    return prefills == 0 && decodes == 0;
  }
}
