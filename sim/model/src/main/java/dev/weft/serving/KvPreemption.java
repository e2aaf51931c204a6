package dev.weft.serving;

/**
 * What an engine does when its KV cache cannot hold the next iteration, as vLLM's scheduler
 * does (Kwon et al., "Efficient Memory Management for Large Language Model Serving with
 * PagedAttention", SOSP 2023, section 4.5).
 *
 * @param mode whether and how requests are preempted
 * @param hostTokens KV-cache tokens the host swap space holds (swap only; vLLM's
 *     {@code swap_space} over the bytes of one token's cache on one device)
 * @param secondsPerToken seconds to copy one token's KV cache between device and host, one
 *     direction (swap only): its bytes on one device over that device's host link; the devices
 *     of a node copy their shares in parallel
 */
public record KvPreemption(Mode mode, long hostTokens, double secondsPerToken) {

  /** The closed set of behaviours. */
  public enum Mode {
    /** Each request reserves its prompt and output at admission; nothing is ever preempted. */
    NONE,
    /** Reserve as sequences grow; the newest running request's cache is dropped, recomputed. */
    RECOMPUTE,
    /** As recompute, but the cache is copied to host memory and back while there is room. */
    SWAP
  }

  /** Full reservation, no preemption. */
  public static final KvPreemption NONE = new KvPreemption(Mode.NONE, 0, 0);
  /** vLLM's default: preemption by recomputation. */
  public static final KvPreemption RECOMPUTE = new KvPreemption(Mode.RECOMPUTE, 0, 0);

  public KvPreemption {
    java.util.Objects.requireNonNull(mode, "mode");
    if (mode == Mode.SWAP && (hostTokens < 0 || !(secondsPerToken > 0)
        || Double.isInfinite(secondsPerToken))) {
      throw new IllegalArgumentException("swap preemption needs host space >= 0 tokens and a"
          + " finite positive copy time per token, got " + hostTokens + " and "
          + secondsPerToken);
    }
  }

  /**
   * Swap preemption: a host swap space of {@code hostTokens} tokens, copies at
   * {@code secondsPerToken} per token each way.
   */
  public static KvPreemption swap(long hostTokens, double secondsPerToken) {
    return new KvPreemption(Mode.SWAP, hostTokens, secondsPerToken);
  }

  /** Whether the cache is reserved as sequences grow (so requests may be preempted). */
  boolean lazy() {
    return mode != Mode.NONE;
  }
}
