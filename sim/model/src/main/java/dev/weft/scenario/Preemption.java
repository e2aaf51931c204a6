package dev.weft.scenario;

/** What an inference engine does when its KV cache cannot hold the next iteration. */
public enum Preemption implements Named {
  /** Never runs out: each request reserves its whole prompt and output at admission. */
  NONE("none"),
  /**
   * vLLM's default: reserve as sequences grow; when the cache is full, preempt the most
   * recently admitted request, drop its cache and prefill its prompt and outputs again later.
   */
  RECOMPUTE("recompute"),
  /**
   * vLLM's {@code preemption_mode="swap"}: as recompute, but the preempted request's KV blocks
   * are copied to host memory over the GPU's host link and copied back when the cache has room,
   * with no prefill again; when the host swap space is full, the request is recomputed.
   */
  SWAP("swap");

  private final String id;

  Preemption(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
