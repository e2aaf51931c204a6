package dev.weft.scenario;

/** How a node's continuous-batching engine forms each iteration. */
public enum ServingScheduler implements Named {
  /**
   * Decode-first with chunked prefill (Sarathi-Serve; vLLM with chunked prefill): every
   * decoding sequence gets its token, prefill chunks fill the rest of the token budget.
   */
  SARATHI("sarathi"),
  /**
   * Prefill-first (vLLM's default scheduler without chunked prefill): while prompts are
   * waiting, an iteration prefills them (up to the token budget) and decodes pause.
   */
  VLLM("vllm");

  private final String id;

  ServingScheduler(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
