package dev.weft.scenario;

/** What an inference engine does when its KV cache cannot hold the next iteration. */
public enum Preemption implements Named {
  /** Never runs out: each request reserves its whole prompt and output at admission. */
  NONE("none"),
  /**
   * vLLM's default: reserve as sequences grow; when the cache is full, preempt the most
   * recently admitted request, drop its cache and prefill its prompt and outputs again later.
   */
  RECOMPUTE("recompute");

  private final String id;

  Preemption(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
